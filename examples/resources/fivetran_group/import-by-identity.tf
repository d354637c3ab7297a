# With Terraform 1.12 or later, an import block can name the group by its
# identity instead of an import id (terraform query writes such blocks).
import {
  to = fivetran_group.analytics
  identity = {
    id = "decent_dropsy"
  }
}
