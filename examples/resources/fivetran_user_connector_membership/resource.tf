variable "orders_connection_id" {
  type = string
}

resource "fivetran_user" "grace" {
  email       = "grace@example.com"
  given_name  = "Grace"
  family_name = "Hopper"
}

# All of Grace's roles in connections.
resource "fivetran_user_connector_membership" "grace" {
  user_id = fivetran_user.grace.id

  connector {
    connector_id = var.orders_connection_id
    role         = "Edit Connection"
  }
}
