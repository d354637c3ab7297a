# A user is imported by its id, or by email (matched ignoring case).
terraform import fivetran_user.ada user_id
terraform import fivetran_user.ada ada@example.com
