import {
  to = fivetran_private_link.erp
  id = "private_link_id"
}
