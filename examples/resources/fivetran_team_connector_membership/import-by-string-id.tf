import {
  to = fivetran_team_connector_membership.analysts
  id = "team_id"
}
