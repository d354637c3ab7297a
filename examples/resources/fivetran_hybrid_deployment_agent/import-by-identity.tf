# With Terraform 1.12 or later, an import block can name the agent by its
# identity instead of an import id (terraform query writes such blocks).
import {
  to = fivetran_hybrid_deployment_agent.dc
  identity = {
    id = "agent_id"
  }
}
