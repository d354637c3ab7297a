# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# account's teams.
list "fivetran_team" "all" {
  provider = fivetran
}
