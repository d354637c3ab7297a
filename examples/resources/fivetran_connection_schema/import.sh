# A connection's schema config is imported by the connection's id. With an
# import block and `terraform plan -generate-config-out=generated.tf`, the
# generated block holds only the choices that differ from the policy.
terraform import fivetran_connection_schema.app_db speak_inexpensive
