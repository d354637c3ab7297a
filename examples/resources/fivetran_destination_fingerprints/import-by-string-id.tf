import {
  to = fivetran_destination_fingerprints.sales
  id = "destination_id"
}
