# Which tables and columns of a connection sync. Only what is written here is
# managed: every other table follows schema_change_handling.
resource "fivetran_connection_schema" "app_db" {
  connection_id = "speak_inexpensive" # usually fivetran_connection.<name>.id

  # Nothing new syncs until someone reviews it.
  schema_change_handling = "BLOCK_ALL"

  schemas = {
    public = {
      enabled = true
      tables = {
        users = {
          enabled   = true
          sync_mode = "HISTORY"
          columns = {
            # Loaded as a hash.
            email = "hashed"
            # Not loaded at all.
            phone = "excluded"
          }
        }
        orders = { enabled = true }
      }
    }
  }
}
