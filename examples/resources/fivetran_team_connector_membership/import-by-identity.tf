# With Terraform 1.12 or later, an import block can name the team whose roles
# these are by identity instead of an import id.
import {
  to = fivetran_team_connector_membership.analysts
  identity = {
    team_id = "team_id"
  }
}
