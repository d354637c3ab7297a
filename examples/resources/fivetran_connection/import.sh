# A connection is imported by its id (Fivetran dashboard: the connection → Setup → Fivetran Connector ID) ...
terraform import fivetran_connection.app_db speak_inexpensive

# ... or by <group id>/<name>, the name being its destination schema
# (name, name.table, name.table_group_name or the prefix), unique in a group.
terraform import fivetran_connection.app_db decent_dropsy/app_db
