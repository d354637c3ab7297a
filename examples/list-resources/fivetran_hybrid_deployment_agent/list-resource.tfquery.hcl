# In a .tfquery.hcl file (Terraform 1.14 or later): terraform query lists the
# hybrid deployment agents whose name starts with "dc".
list "fivetran_hybrid_deployment_agent" "dc" {
  provider = fivetran

  config {
    display_name = "dc*"
  }
}
