data "fivetran_external_logs" "all" {}

# The groups whose logs are not being sent.
output "disabled_log_services" {
  value = [for l in data.fivetran_external_logs.all.logs : l.group_id if !l.enabled]
}
