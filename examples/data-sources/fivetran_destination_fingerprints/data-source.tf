data "fivetran_destination_fingerprints" "sales" {
  destination_id = "destination_id"
}

output "sales_approved" {
  value = [for a in data.fivetran_destination_fingerprints.sales.fingerprint : a.hash]
}
