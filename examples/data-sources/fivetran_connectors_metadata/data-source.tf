# Every database connector type.
data "fivetran_connectors_metadata" "databases" {
  type = "Database"
}

# Connector types whose name or id mentions "google".
data "fivetran_connectors_metadata" "google" {
  search = "google"
}

# Connector types that can be authorized through the API (auth in HCL).
data "fivetran_connectors_metadata" "api_auth" {
  supported_feature = "AUTHORIZATION_VIA_API"
}

output "database_services" {
  value = [for c in data.fivetran_connectors_metadata.databases.connectors : c.id]
}
