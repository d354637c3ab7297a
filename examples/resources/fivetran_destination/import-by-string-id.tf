# The destination's id is its group's id.
import {
  to = fivetran_destination.warehouse
  id = "decent_dropsy"
}
