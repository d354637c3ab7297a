# Imported by the destination's id: every approval of this kind comes with it.
terraform import fivetran_destination_fingerprints.sales destination_id
