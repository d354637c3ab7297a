variable "webhook_secret" {
  type      = string
  sensitive = true
}

resource "fivetran_group" "finance" {
  name = "finance"
}

# Sync results of the finance group, posted to an alerting endpoint and
# signed with a secret the endpoint checks.
resource "fivetran_webhook" "finance_syncs" {
  group_id = fivetran_group.finance.id
  url      = "https://alerts.example.com/fivetran"
  events   = ["sync_start", "sync_end"]
  secret   = var.webhook_secret
  active   = true

  # Have Fivetran send a test of each event after a create or a change.
  run_tests = true
}

# The whole account's connection failures.
resource "fivetran_webhook" "failures" {
  url    = "https://alerts.example.com/fivetran/failures"
  events = ["connection_failure"]
  secret = var.webhook_secret
  active = true
}
