# With Terraform 1.12 or later, an import block can name a connection's schema
# config by its identity, the connection's id.
import {
  to = fivetran_connection_schema.app_db
  identity = {
    connection_id = "speak_inexpensive"
  }
}
