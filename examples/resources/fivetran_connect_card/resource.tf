resource "fivetran_group" "sales" {
  name = "sales"
}

resource "fivetran_destination" "warehouse" {
  group_id = fivetran_group.sales.id
  service  = "postgres_warehouse"
  config = {
    host     = "warehouse.example.com"
    port     = 5432
    database = "analytics"
    user     = "fivetran"
  }
  run_setup_tests = false
}

# An OAuth source whose owner (the sales operations team) signs in
# themselves: no credentials in Terraform, and no setup tests until then.
resource "fivetran_connection" "crm" {
  group_id = fivetran_destination.warehouse.group_id
  service  = "salesforce"

  destination_schema = {
    name = "salesforce"
  }

  run_setup_tests = false
}

# The page where the owner authorizes the connection. Changing an argument,
# or `terraform apply -replace=fivetran_connect_card.crm_owner`, makes a new
# card (its token is short-lived); destroying it only forgets it.
resource "fivetran_connect_card" "crm_owner" {
  connection_id    = fivetran_connection.crm.id
  redirect_uri     = "https://intranet.example.com/data/fivetran-done"
  hide_setup_guide = false
}

# The link carries the card's token, so it is sensitive: read it with
# `terraform output -raw crm_connect_card`.
output "crm_connect_card" {
  description = "Send this link to the Salesforce owner."
  value       = fivetran_connect_card.crm_owner.uri
  sensitive   = true
}
