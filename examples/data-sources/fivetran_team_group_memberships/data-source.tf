data "fivetran_team_group_memberships" "analysts" {
  team_id = "team_id"
}

output "analysts_groups" {
  value = { for g in data.fivetran_team_group_memberships.analysts.group : g.group_id => g.role }
}
