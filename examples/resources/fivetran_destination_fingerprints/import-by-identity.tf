# With Terraform 1.12 or later, an import block can name the destination by
# identity instead of an import id.
import {
  to = fivetran_destination_fingerprints.sales
  identity = {
    destination_id = "destination_id"
  }
}
