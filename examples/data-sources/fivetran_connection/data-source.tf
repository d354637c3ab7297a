data "fivetran_group" "sources" {
  name = "sources"
}

# A connection by group and name (its destination schema, or prefix).
data "fivetran_connection" "app_db" {
  group_id = data.fivetran_group.sources.id
  name     = "app_db"
}

# A connection by id.
data "fivetran_connection" "by_id" {
  id = "speak_inexpensive"
}

output "app_db" {
  value = {
    service        = data.fivetran_connection.app_db.service
    sync_frequency = data.fivetran_connection.app_db.sync_frequency
    setup_state    = data.fivetran_connection.app_db.setup_state
    # Secrets in config read as "******"; config is sensitive as a whole.
    host = nonsensitive(data.fivetran_connection.app_db.config.host)
  }
}
