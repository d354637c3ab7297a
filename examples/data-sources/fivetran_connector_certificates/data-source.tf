data "fivetran_connector_certificates" "app_db" {
  connector_id = "connection_id"
}

output "app_db_approved" {
  value = [for a in data.fivetran_connector_certificates.app_db.certificate : a.hash]
}
