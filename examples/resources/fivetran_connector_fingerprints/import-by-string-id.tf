import {
  to = fivetran_connector_fingerprints.app_db
  id = "connection_id"
}
