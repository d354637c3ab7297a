data "fivetran_webhook" "alerts" {
  id = "webhook_id"
}

output "alerts_events" {
  value = data.fivetran_webhook.alerts.events
}
