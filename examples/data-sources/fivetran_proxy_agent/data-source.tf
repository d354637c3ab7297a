# A proxy agent by its name, with its status and what uses it.
data "fivetran_proxy_agent" "office" {
  display_name = "office-network"
}

output "office_agent_connected" {
  value = data.fivetran_proxy_agent.office.status == "CONNECTED"
}

output "office_agent_connections" {
  value = data.fivetran_proxy_agent.office.connection_ids
}
