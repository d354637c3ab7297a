# A group is imported by its id (Fivetran dashboard: Destinations → the destination → Group ID) ...
terraform import fivetran_group.analytics decent_dropsy

# ... or by its name, when no other group has that name.
terraform import fivetran_group.analytics name:analytics
