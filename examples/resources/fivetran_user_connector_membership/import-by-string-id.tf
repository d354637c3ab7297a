import {
  to = fivetran_user_connector_membership.ada
  id = "user_id"
}
