# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# private links whose name starts with "erp".
list "fivetran_private_link" "erp" {
  provider = fivetran

  config {
    name = "erp*"
  }
}
