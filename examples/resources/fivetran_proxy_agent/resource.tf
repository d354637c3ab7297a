variable "warehouse_password" {
  type      = string
  sensitive = true
}

variable "erp_db_password" {
  type      = string
  sensitive = true
}

# An agent run inside the office network, through which Fivetran reaches
# the ERP database there.
resource "fivetran_proxy_agent" "office" {
  display_name = "office-network"
  region       = "GCP_US_EAST4"

  # Change to any other number to have new secrets issued (rotation).
  secrets_version = 1
}

# The agent needs its secrets to start: hand them to where it runs, for
# example a secret store it reads at start-up.
output "office_agent_token" {
  value     = fivetran_proxy_agent.office.auth_token
  sensitive = true
}

resource "fivetran_group" "finance" {
  name = "finance"
}

resource "fivetran_destination" "warehouse" {
  group_id = fivetran_group.finance.id
  service  = "postgres_warehouse"
  config = {
    host     = "warehouse.example.com"
    port     = 5432
    database = "finance"
    user     = "fivetran"
    password = var.warehouse_password
  }
}

resource "fivetran_connection" "erp" {
  group_id = fivetran_destination.warehouse.group_id
  service  = "postgres"

  destination_schema = {
    prefix = "erp"
  }

  # Referencing the agent makes Terraform create it first and delete it last.
  networking_method = "ProxyAgent"
  proxy_agent_id    = fivetran_proxy_agent.office.id

  # Fivetran tests the connection through the agent, which answers only once
  # you run it with its secrets: skip the tests in the apply that creates it.
  run_setup_tests = false

  config = {
    host          = "erp.office.internal"
    port          = 5432
    database      = "erp"
    user          = "fivetran"
    password      = var.erp_db_password
    update_method = "QUERY_BASED"
  }
}
