# With Terraform 1.12 or later, an import block can name the connection by its
# identity, its id (terraform query writes such blocks).
import {
  to = fivetran_connection.app_db
  identity = {
    id = "speak_inexpensive"
  }
}
