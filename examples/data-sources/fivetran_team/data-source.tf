# A team made by an identity provider's sync, found by its name.
data "fivetran_team" "okta_admins" {
  name = "Admins"
}

output "okta_admins_role" {
  value = data.fivetran_team.okta_admins.role
}
