import {
  to = fivetran_destination_certificates.sales
  id = "destination_id"
}
