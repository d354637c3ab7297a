# Imported by the connection's id: every approval of this kind comes with it.
terraform import fivetran_connector_certificates.app_db connection_id
