data "fivetran_hybrid_deployment_agents" "all" {}

# The agents that are not running.
output "offline_agents" {
  value = [for a in data.fivetran_hybrid_deployment_agents.all.hybrid_deployment_agents : a.display_name if !a.online]
}
