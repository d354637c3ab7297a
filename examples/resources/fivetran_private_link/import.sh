# A private link is imported by its id (the fivetran_private_links data source lists them).
terraform import fivetran_private_link.erp private_link_id
