# A log service is imported by its id, its group's. Its secret settings cannot
# be read back: write them in config, and the next apply sends them.
terraform import fivetran_external_logging.sales group_id
