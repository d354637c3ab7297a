# A link managed elsewhere, looked up by its name.
data "fivetran_private_link" "erp" {
  name = "erp_db"
}

output "erp_link_state" {
  value = data.fivetran_private_link.erp.state
}
