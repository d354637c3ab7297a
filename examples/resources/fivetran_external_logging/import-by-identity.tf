# With Terraform 1.12 or later, an import block can name the log service by
# its identity (its group's id) instead of an import id.
import {
  to = fivetran_external_logging.sales
  identity = {
    id = "group_id"
  }
}
