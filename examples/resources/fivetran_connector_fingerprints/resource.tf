variable "app_db_connection_id" {
  type = string
}

# Fivetran trusts this SSH host key when it tunnels to the database.
resource "fivetran_connector_fingerprints" "app_db" {
  connector_id = var.app_db_connection_id

  fingerprint {
    hash       = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
  }
}
