# Which tables and columns of a connection sync. Only what is written here is
# managed: every other table follows schema_change_handling.
resource "fivetran_connection_schema" "app_db" {
  connection_id = "speak_inexpensive" # usually fivetran_connection.<name>.id

  # Nothing new syncs until someone reviews it.
  schema_change_handling = "BLOCK_ALL"

  # "schema.table" => "included" or "excluded"
  tables = {
    "public.users"  = "included"
    "public.orders" = "included"
  }

  # "schema.table" => "SOFT_DELETE", "HISTORY" or "LIVE"
  sync_modes = {
    "public.users" = "HISTORY"
  }

  # "schema.table.column" => "included", "hashed" or "excluded"
  columns = {
    "public.users.email" = "hashed"   # loaded as a hash
    "public.users.phone" = "excluded" # not loaded at all
  }
}
