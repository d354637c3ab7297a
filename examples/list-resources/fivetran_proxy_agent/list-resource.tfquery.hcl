# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# proxy agents whose name starts with "office".
list "fivetran_proxy_agent" "office" {
  provider = fivetran

  config {
    display_name = "office*"
  }
}
