data "fivetran_external_logging" "sales" {
  id = "group_id"
}

output "sales_logs_to" {
  value = data.fivetran_external_logging.sales.service
}
