# Invites Ada to the account as an account reviewer. She joins when she
# accepts the invitation; her phone and picture are hers to set.
resource "fivetran_user" "ada" {
  email       = "ada@example.com"
  given_name  = "Ada"
  family_name = "Lovelace"
  role        = "Account Reviewer"
}

# A user without an account role: only the roles given in groups,
# connections and teams.
resource "fivetran_user" "grace" {
  email       = "grace@example.com"
  given_name  = "Grace"
  family_name = "Hopper"
}
