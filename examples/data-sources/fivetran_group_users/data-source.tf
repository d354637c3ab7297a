data "fivetran_group_users" "sales" {
  id = "group_id"
}

output "sales_managers" {
  value = [for u in data.fivetran_group_users.sales.users : u.email if u.role == "Manage Destination"]
}
