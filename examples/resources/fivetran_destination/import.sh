# A destination is imported by its id, which is the id of its group.
terraform import fivetran_destination.warehouse decent_dropsy
