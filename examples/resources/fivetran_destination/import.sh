# A destination is imported by its id, which is the id of its group ...
terraform import fivetran_destination.warehouse decent_dropsy

# ... or by its group's name, when no other group has that name.
terraform import fivetran_destination.warehouse name:analytics
