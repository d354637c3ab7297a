import {
  to = fivetran_hybrid_deployment_agent.dc
  id = "agent_id"
}
