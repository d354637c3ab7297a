# An agent managed elsewhere, looked up by its name.
data "fivetran_hybrid_deployment_agent" "dc" {
  display_name = "dc_east"
}

output "dc_agent_online" {
  value = data.fivetran_hybrid_deployment_agent.dc.online
}
