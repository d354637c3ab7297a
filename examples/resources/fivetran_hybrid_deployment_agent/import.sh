# A hybrid deployment agent is imported by its id (the fivetran_hybrid_deployment_agents data source lists them).
# Its credentials cannot be read back: set secrets_version afterwards to have new ones issued.
terraform import fivetran_hybrid_deployment_agent.dc agent_id
