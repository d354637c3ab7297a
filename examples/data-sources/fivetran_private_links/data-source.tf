data "fivetran_private_links" "all" {}

# The links Fivetran could not provision.
output "failed_links" {
  value = [for l in data.fivetran_private_links.all.private_links : l.name if l.state == "FAIL"]
}
