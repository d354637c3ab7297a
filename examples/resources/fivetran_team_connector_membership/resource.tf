variable "orders_connection_id" {
  type = string
}

resource "fivetran_team" "analysts" {
  name = "analysts"
}

# The team's roles in connections.
resource "fivetran_team_connector_membership" "analysts" {
  team_id = fivetran_team.analysts.id

  connector {
    connector_id = var.orders_connection_id
    role         = "View Connection"
  }
}
