# With Terraform 1.12 or later, an import block can name the webhook by its
# identity instead of an import id (terraform query writes such blocks).
import {
  to = fivetran_webhook.finance_syncs
  identity = {
    id = "webhook_id"
  }
}
