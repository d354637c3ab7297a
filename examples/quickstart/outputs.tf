output "group_id" {
  value = fivetran_group.quickstart.id
}

output "destination" {
  value = {
    id           = fivetran_destination.warehouse.id
    setup_status = fivetran_destination.warehouse.setup_status
  }
}

output "connections" {
  value = {
    for c in [fivetran_connection.app_db, fivetran_connection.budget] : c.service => {
      id          = c.id
      name        = c.name
      setup_state = c.setup_state
    }
  }
}

output "database_connector_types" {
  description = "How many connector types of type Database the API offers."
  value       = length(data.fivetran_connectors_metadata.databases.connectors)
}

output "connectors_with_api_authorization" {
  description = "Connector types whose authorization can be set in HCL (AUTHORIZATION_VIA_API)."
  value       = join(", ", sort([for c in data.fivetran_connectors_metadata.api_auth.connectors : c.name]))
}
