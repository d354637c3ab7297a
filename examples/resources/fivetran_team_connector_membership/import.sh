# Imported by the team's id: every role the team has of this kind comes with it.
terraform import fivetran_team_connector_membership.analysts team_id
