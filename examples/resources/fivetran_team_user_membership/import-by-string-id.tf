import {
  to = fivetran_team_user_membership.analysts
  id = "team_id"
}
