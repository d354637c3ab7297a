# With Terraform 1.5 or later, `terraform plan -generate-config-out=generated.tf`
# writes the connection's HCL, config included (secrets are left out and listed
# in a warning).
import {
  to = fivetran_connection.app_db
  id = "decent_dropsy/app_db" # or the connection's id, such as "speak_inexpensive"
}
