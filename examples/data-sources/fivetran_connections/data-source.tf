data "fivetran_group" "sources" {
  name = "sources"
}

# Every connection of a group.
data "fivetran_connections" "all" {
  group_id = data.fivetran_group.sources.id
}

# Only the PostgreSQL connections of the group.
data "fivetran_connections" "postgres" {
  group_id = data.fivetran_group.sources.id
  service  = "postgres"
}

# List items carry no config: read each connection for it.
data "fivetran_connection" "postgres" {
  for_each = toset([for c in data.fivetran_connections.postgres.connections : c.id])
  id       = each.value
}

output "paused_connections" {
  value = [for c in data.fivetran_connections.all.connections : c.name if c.paused]
}
