data "fivetran_group" "analytics" {
  name = "analytics"
}

# The destination of a group (its id is the group's id).
data "fivetran_destination" "warehouse" {
  group_id = data.fivetran_group.analytics.id
}

output "warehouse" {
  value = {
    service = data.fivetran_destination.warehouse.service
    region  = data.fivetran_destination.warehouse.region
    # config is sensitive as a whole; a key known to be harmless can be shown.
    host = nonsensitive(data.fivetran_destination.warehouse.config.host)
  }
}
