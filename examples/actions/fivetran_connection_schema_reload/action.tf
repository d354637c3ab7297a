# Needs Terraform 1.14 or later. Run on demand:
#   terraform apply -invoke=action.fivetran_connection_schema_reload.app_db
variable "connection_id" {
  type = string
}

action "fivetran_connection_schema_reload" "app_db" {
  config {
    connection_id = var.connection_id
    exclude_mode  = "PRESERVE"
  }
}
