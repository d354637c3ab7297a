import {
  to = fivetran_team_group_membership.analysts
  id = "team_id"
}
