# With Terraform 1.12 or later, an import block can name the team by its
# identity instead of an import id (terraform query writes such blocks).
import {
  to = fivetran_team.analysts
  identity = {
    id = "team_id"
  }
}
