# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# account's users.
list "fivetran_user" "all" {
  provider = fivetran
}
