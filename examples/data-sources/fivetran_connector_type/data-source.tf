# What a google_ads connection takes: its config and auth schemas, its secrets
# and the destination_schema keys it needs.
data "fivetran_connector_type" "google_ads" {
  service = "google_ads"
}

output "google_ads" {
  value = {
    destination_schema_keys = data.fivetran_connector_type.google_ads.destination_schema_keys
    secret_auth_keys        = data.fivetran_connector_type.google_ads.secret_auth_keys
    config_keys             = keys(jsondecode(data.fivetran_connector_type.google_ads.config_schema).properties)
  }
}
