# Imported by the team's id: every role the team has of this kind comes with it.
terraform import fivetran_team_user_membership.analysts team_id
