resource "fivetran_group" "sales" {
  name = "sales"
}

# The key to authorize on the SSH tunnel host the group's connections use.
data "fivetran_group_ssh_key" "sales" {
  id = fivetran_group.sales.id
}

output "authorized_key" {
  value = data.fivetran_group_ssh_key.sales.public_key
}
