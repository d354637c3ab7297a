data "fivetran_team_user_memberships" "analysts" {
  team_id = "team_id"
}

output "analysts_managers" {
  value = [for u in data.fivetran_team_user_memberships.analysts.user : u.user_id if u.role == "Team Manager"]
}
