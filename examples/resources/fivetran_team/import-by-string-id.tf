import {
  to = fivetran_team.analysts
  id = "team_id"
}
