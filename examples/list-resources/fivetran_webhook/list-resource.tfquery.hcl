# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# webhooks of one group.
list "fivetran_webhook" "finance" {
  provider = fivetran

  config {
    group_id = "group_id"
  }
}
