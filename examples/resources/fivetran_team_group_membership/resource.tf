resource "fivetran_team" "analysts" {
  name = "analysts"
}

resource "fivetran_group" "sales" {
  name = "sales"
}

# The team's roles in groups.
resource "fivetran_team_group_membership" "analysts" {
  team_id = fivetran_team.analysts.id

  group {
    group_id = fivetran_group.sales.id
    role     = "View Destination"
  }
}
