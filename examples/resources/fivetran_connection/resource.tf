variable "warehouse_password" {
  type      = string
  sensitive = true
}

variable "app_db_password" {
  type      = string
  sensitive = true
}

resource "fivetran_group" "analytics" {
  name = "analytics"
}

resource "fivetran_destination" "warehouse" {
  group_id = fivetran_group.analytics.id
  service  = "postgres_warehouse"
  config = {
    host     = "warehouse.example.com"
    port     = 5432
    database = "analytics"
    user     = "fivetran"
    password = var.warehouse_password
  }
}

# A database source: its tables land in schemas named app_db_<schema>.
resource "fivetran_connection" "app_db" {
  # Referencing the destination (not the group) makes Terraform create the
  # connection after the destination and delete it before.
  group_id = fivetran_destination.warehouse.group_id
  service  = "postgres"

  destination_schema = {
    prefix = "app_db"
  }

  sync_frequency  = 1440
  daily_sync_time = "03:00"

  config = {
    host          = "db.example.com"
    port          = 5432
    database      = "app"
    user          = "fivetran"
    password      = var.app_db_password
    update_method = "QUERY_BASED"
  }
}

# A file source: one table, named by destination_schema.name and .table.
resource "fivetran_connection" "budget" {
  group_id = fivetran_destination.warehouse.group_id
  service  = "google_sheets"

  destination_schema = {
    name  = "finance"
    table = "budget"
  }

  paused = true

  config = {
    sheet_id    = "1AbCdEfGhIjKlMnOpQrStUvWxYz"
    named_range = "budget_2026"
    auth_type   = "ServiceAccount"
  }
}
