# With Terraform 1.12 or later, an import block can name the connection by
# identity instead of an import id.
import {
  to = fivetran_connector_fingerprints.app_db
  identity = {
    connector_id = "connection_id"
  }
}
