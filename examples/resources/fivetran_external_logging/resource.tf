variable "datadog_api_key" {
  type      = string
  sensitive = true
}

resource "fivetran_group" "sales" {
  name = "sales"
}

# The sales group's connection logs, sent to Datadog and tested on apply.
resource "fivetran_external_logging" "sales" {
  group_id = fivetran_group.sales.id
  service  = "datadog_log"
  enabled  = true
  config = {
    api_key = var.datadog_api_key
    region  = "US1"
  }
  run_setup_tests = true
}
