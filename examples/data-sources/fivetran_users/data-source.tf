data "fivetran_users" "all" {}

# Who has not accepted their invitation yet.
output "pending_invitations" {
  value = [for u in data.fivetran_users.all.users : u.email if u.invited]
}
