# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# PostgreSQL connections of one group whose name ends in "_db".
# `terraform query -generate-config-out=generated.tf` writes a resource block
# and an import block (by identity) for each.
list "fivetran_connection" "app_databases" {
  provider = fivetran

  config {
    group_id = "decent_dropsy"
    service  = "postgres"
    name     = "*_db"
  }
}
