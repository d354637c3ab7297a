import {
  to = fivetran_user_group_membership.ada
  id = "user_id"
}
