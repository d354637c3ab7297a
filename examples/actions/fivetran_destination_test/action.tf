# Needs Terraform 1.14 or later. Run on demand:
#   terraform apply -invoke=action.fivetran_destination_test.warehouse
variable "destination_id" {
  type = string
}

action "fivetran_destination_test" "warehouse" {
  config {
    id = var.destination_id
  }
}
