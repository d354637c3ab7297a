# A connection is imported by its id (Fivetran dashboard: the connection → Setup → Fivetran Connector ID).
terraform import fivetran_connection.app_db speak_inexpensive
