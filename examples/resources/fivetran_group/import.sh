# A group is imported by its id (Fivetran dashboard: Destinations → the destination → Group ID).
terraform import fivetran_group.analytics decent_dropsy
