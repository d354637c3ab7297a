import {
  to = fivetran_group.analytics
  id = "decent_dropsy"
}
