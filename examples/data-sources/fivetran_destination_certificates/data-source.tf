data "fivetran_destination_certificates" "sales" {
  destination_id = "destination_id"
}

output "sales_approved" {
  value = [for a in data.fivetran_destination_certificates.sales.certificate : a.hash]
}
