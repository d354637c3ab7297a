# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# Snowflake destinations; name filters by the group's name.
list "fivetran_destination" "snowflake" {
  provider = fivetran

  config {
    service = "snowflake"
  }
}
