resource "fivetran_team" "analysts" {
  name = "analysts"
}

resource "fivetran_user" "ada" {
  email       = "ada@example.com"
  given_name  = "Ada"
  family_name = "Lovelace"
}

# The team's members, each with a role in the team.
resource "fivetran_team_user_membership" "analysts" {
  team_id = fivetran_team.analysts.id

  user {
    user_id = fivetran_user.ada.id
    role    = "Team Manager"
  }
}
