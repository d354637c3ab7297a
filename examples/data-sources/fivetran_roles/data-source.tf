# The roles a user or a team can have in the account.
data "fivetran_roles" "account" {
  scope = "ACCOUNT"
}

output "account_roles" {
  value = [for r in data.fivetran_roles.account.roles : r.name]
}
