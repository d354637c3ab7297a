import {
  to = fivetran_webhook.finance_syncs
  id = "webhook_id"
}
