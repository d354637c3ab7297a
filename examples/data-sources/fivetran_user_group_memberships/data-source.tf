data "fivetran_user_group_memberships" "ada" {
  user_id = "user_id"
}

output "ada_groups" {
  value = { for g in data.fivetran_user_group_memberships.ada.group : g.group_id => g.role }
}
