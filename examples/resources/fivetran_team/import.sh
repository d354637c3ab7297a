# A team is imported by its id (the fivetran_team data source finds it by name).
terraform import fivetran_team.analysts team_id
