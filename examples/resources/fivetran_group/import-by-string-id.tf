import {
  to = fivetran_group.analytics
  id = "decent_dropsy" # or "name:analytics" when that name is unique
}
