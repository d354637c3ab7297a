# Needs Terraform 1.14 or later. Run on demand, for example after rotating a
# password or changing a firewall:
#   terraform apply -invoke=action.fivetran_connection_test.app_db
variable "connection_id" {
  type = string
}

action "fivetran_connection_test" "app_db" {
  config {
    id = var.connection_id
  }
}
