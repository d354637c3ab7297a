# With Terraform 1.12 or later, an import block can name the destination by
# its identity, the id of its group (terraform query writes such blocks).
import {
  to = fivetran_destination.warehouse
  identity = {
    id = "decent_dropsy"
  }
}
