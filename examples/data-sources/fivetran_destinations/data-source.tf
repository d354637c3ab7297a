data "fivetran_destinations" "all" {}

# The groups whose destination is not connected.
output "broken_destinations" {
  value = [for d in data.fivetran_destinations.all.destinations : d.group_id if d.setup_status != "connected"]
}
