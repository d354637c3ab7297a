# The destination's id is its group's id; "name:<group name>" works too when
# that name is unique.
import {
  to = fivetran_destination.warehouse
  id = "decent_dropsy"
}
