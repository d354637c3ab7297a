# With Terraform 1.12 or later, an import block can name the user whose roles
# these are by identity instead of an import id.
import {
  to = fivetran_user_group_membership.ada
  identity = {
    user_id = "user_id"
  }
}
