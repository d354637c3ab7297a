# Imported by the destination's id: every approval of this kind comes with it.
terraform import fivetran_destination_certificates.sales destination_id
