# A proxy agent is imported by its id (the fivetran_proxy_agents data source lists them).
# Its secrets cannot be read back: set secrets_version afterwards to have new ones issued.
terraform import fivetran_proxy_agent.office proxy_agent_id
