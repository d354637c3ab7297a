data "fivetran_user_connector_memberships" "ada" {
  user_id = "user_id"
}

output "ada_connections" {
  value = { for c in data.fivetran_user_connector_memberships.ada.connector : c.connector_id => c.role }
}
