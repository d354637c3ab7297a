resource "fivetran_user" "ada" {
  email       = "ada@example.com"
  given_name  = "Ada"
  family_name = "Lovelace"
}

resource "fivetran_group" "sales" {
  name = "sales"
}

resource "fivetran_group" "finance" {
  name = "finance"
}

# All of Ada's roles in groups: a role given to her in another group outside
# Terraform shows in the plan, to be removed.
resource "fivetran_user_group_membership" "ada" {
  user_id = fivetran_user.ada.id

  group {
    group_id = fivetran_group.sales.id
    role     = "Manage Destination"
  }

  group {
    group_id = fivetran_group.finance.id
    role     = "View Destination"
  }
}
