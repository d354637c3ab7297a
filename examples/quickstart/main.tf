# Quickstart: a group, its destination and two connections of different
# connector types. `make demo` applies this folder against the project's
# Fivetran emulator (or, with FIVETRAN_APIKEY and FIVETRAN_APISECRET exported,
# against your real Fivetran account), shows that a second plan is empty and
# destroys everything again.

terraform {
  required_providers {
    fivetran = {
      source = "openpipes/fivetran"
    }
  }
}

# Credentials and API URL come from FIVETRAN_APIKEY, FIVETRAN_APISECRET and
# (optionally) FIVETRAN_API_URL.
provider "fivetran" {}

# A group holds one destination and any number of connections.
resource "fivetran_group" "quickstart" {
  name = var.group_name
}

# The group's destination: a PostgreSQL warehouse.
resource "fivetran_destination" "warehouse" {
  group_id         = fivetran_group.quickstart.id
  service          = "postgres_warehouse"
  time_zone_offset = "0"

  # Setup tests check that Fivetran can reach the warehouse; a failed test
  # fails the apply. `make demo` turns them off against the real API, where
  # the example hosts do not exist.
  run_setup_tests = var.run_setup_tests

  config = {
    host     = var.warehouse_host
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

  paused          = true
  run_setup_tests = var.run_setup_tests
  sync_frequency  = 1440
  daily_sync_time = "03:00"

  config = {
    host          = var.app_db_host
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

  paused          = true
  run_setup_tests = var.run_setup_tests

  config = {
    sheet_id    = "1AbCdEfGhIjKlMnOpQrStUvWxYz"
    named_range = "budget_2026"
    auth_type   = "ServiceAccount"
  }
}

# The connector catalog, straight from the API.
data "fivetran_connectors_metadata" "databases" {
  type = "Database"
}

data "fivetran_connectors_metadata" "api_auth" {
  supported_feature = "AUTHORIZATION_VIA_API"
}
