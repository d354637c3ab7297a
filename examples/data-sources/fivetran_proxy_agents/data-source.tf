# Every proxy agent of the account.
data "fivetran_proxy_agents" "all" {}

output "agents_not_connected" {
  value = [for a in data.fivetran_proxy_agents.all.proxy_agents : a.display_name if a.status != "CONNECTED"]
}
