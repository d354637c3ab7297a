# A group by its name (exactly one group must have it).
data "fivetran_group" "analytics" {
  name = "analytics"
}

# A group by its id.
data "fivetran_group" "by_id" {
  id = "decent_dropsy"
}

output "analytics_group_id" {
  value = data.fivetran_group.analytics.id
}
