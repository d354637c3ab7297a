# With Terraform 1.12 or later, an import block can name the user by its
# identity instead of an import id (terraform query writes such blocks).
import {
  to = fivetran_user.ada
  identity = {
    id = "user_id"
  }
}
