# Every group the API key can see.
data "fivetran_groups" "all" {}

# The groups whose name contains "sales" (case-insensitive).
data "fivetran_groups" "sales" {
  name_contains = "sales"
}

output "sales_group_ids" {
  value = { for g in data.fivetran_groups.sales.groups : g.name => g.id... }
}
