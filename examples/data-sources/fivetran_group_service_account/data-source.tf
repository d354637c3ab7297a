resource "fivetran_group" "analytics" {
  name = "analytics"
}

# The service account to grant access to the BigQuery dataset the group loads.
data "fivetran_group_service_account" "analytics" {
  id = fivetran_group.analytics.id
}

output "grant_to" {
  value = "serviceAccount:${data.fivetran_group_service_account.analytics.service_account}"
}
