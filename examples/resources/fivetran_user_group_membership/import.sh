# Imported by the user's id: every role the user has of this kind comes with it.
terraform import fivetran_user_group_membership.ada user_id
