# Needs Terraform 1.14 or later.
variable "app_db_password" {
  type      = string
  sensitive = true
}

resource "fivetran_connection" "app_db" {
  group_id = "decent_dropsy"
  service  = "postgres"

  destination_schema = {
    prefix = "app_db"
  }

  config = {
    host     = "db.example.com"
    port     = 5432
    database = "app"
    user     = "fivetran"
    password = var.app_db_password
  }

  # Sync as soon as the connection is created, and again whenever its
  # settings change, instead of waiting for the schedule.
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.fivetran_connection_sync.app_db]
    }
  }
}

action "fivetran_connection_sync" "app_db" {
  config {
    connection_id = fivetran_connection.app_db.id
    wait          = true # the apply ends when the sync does, and fails if it fails
    timeout       = "2h"
  }
}

# Or on demand, without changing anything:
#   terraform apply -invoke=action.fivetran_connection_sync.app_db
