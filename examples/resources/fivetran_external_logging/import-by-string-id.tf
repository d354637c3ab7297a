import {
  to = fivetran_external_logging.sales
  id = "group_id"
}
