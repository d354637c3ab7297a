data "fivetran_webhooks" "all" {}

# The webhooks that send nothing.
output "inactive_webhooks" {
  value = [for w in data.fivetran_webhooks.all.webhooks : w.url if !w.active]
}
