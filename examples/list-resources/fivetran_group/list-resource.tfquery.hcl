# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# groups whose name starts with "analytics".
list "fivetran_group" "analytics" {
  provider = fivetran

  config {
    name = "analytics*"
  }
}
