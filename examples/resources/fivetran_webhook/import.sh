# A webhook is imported by its id (the fivetran_webhooks data source lists them).
# Its secret cannot be read back: write it in the configuration, and the next apply sends it.
terraform import fivetran_webhook.finance_syncs webhook_id
