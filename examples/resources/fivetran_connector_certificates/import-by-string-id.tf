import {
  to = fivetran_connector_certificates.app_db
  id = "connection_id"
}
