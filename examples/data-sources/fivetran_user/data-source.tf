data "fivetran_user" "ada" {
  email = "ada@example.com"
}

output "ada_joined" {
  value = !data.fivetran_user.ada.invited
}
