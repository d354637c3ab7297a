# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# account's log services.
list "fivetran_external_logging" "all" {
  provider = fivetran
}
