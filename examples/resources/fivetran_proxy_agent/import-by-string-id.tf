import {
  to = fivetran_proxy_agent.office
  id = "proxy_agent_id"
}
