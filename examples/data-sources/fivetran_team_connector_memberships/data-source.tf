data "fivetran_team_connector_memberships" "analysts" {
  team_id = "team_id"
}

output "analysts_connections" {
  value = { for c in data.fivetran_team_connector_memberships.analysts.connector : c.connector_id => c.role }
}
