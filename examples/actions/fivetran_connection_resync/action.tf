# Needs Terraform 1.14 or later. Run on demand:
#   terraform apply -invoke=action.fivetran_connection_resync.orders_tables
variable "connection_id" {
  type = string
}

# Reload two tables from scratch.
action "fivetran_connection_resync" "orders_tables" {
  config {
    connection_id = var.connection_id
    tables = {
      public = ["orders", "order_items"]
    }
    wait = true
  }
}

# Reload the whole connection (a historical sync).
action "fivetran_connection_resync" "everything" {
  config {
    connection_id = var.connection_id
  }
}
