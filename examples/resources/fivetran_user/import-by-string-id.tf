import {
  to = fivetran_user.ada
  id = "user_id"
}
