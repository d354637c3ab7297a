# With Terraform 1.12 or later, an import block can name the link by its
# identity instead of an import id (terraform query writes such blocks).
import {
  to = fivetran_private_link.erp
  identity = {
    id = "private_link_id"
  }
}
