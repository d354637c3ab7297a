variable "warehouse_password" {
  type      = string
  sensitive = true
}

resource "fivetran_group" "on_prem" {
  name = "on_prem"
}

# An agent run with Docker in your data centre: the group's destination and
# connections do their work there.
resource "fivetran_hybrid_deployment_agent" "dc" {
  group_id     = fivetran_group.on_prem.id
  display_name = "dc_east"
  env_type     = "DOCKER"
  accept_terms = true

  # Change to any other number to have new credentials issued.
  secrets_version = 1
}

# The agent starts from these files: hand them to where it runs, for
# example a secret store its deployment reads.
output "agent_auth_json" {
  value     = base64decode(fivetran_hybrid_deployment_agent.dc.auth_json)
  sensitive = true
}

resource "fivetran_destination" "warehouse" {
  group_id                   = fivetran_group.on_prem.id
  service                    = "postgres_warehouse"
  hybrid_deployment_agent_id = fivetran_hybrid_deployment_agent.dc.id
  # The agent is not running yet in the apply that creates it.
  run_setup_tests = false
  config = {
    host     = "warehouse.dc.internal"
    port     = 5432
    database = "analytics"
    user     = "fivetran"
    password = var.warehouse_password
  }
}
