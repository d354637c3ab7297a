variable "app_db_connection_id" {
  type = string
}

variable "app_db_certificate" {
  description = "The database's certificate, base64-encoded, as Fivetran's setup tests show it."
  type        = string
}

# Fivetran trusts this certificate when it connects to the database, so the
# connection's setup tests pass without trust_certificates.
resource "fivetran_connector_certificates" "app_db" {
  connector_id = var.app_db_connection_id

  certificate {
    hash         = "gAAAAABm1"
    encoded_cert = var.app_db_certificate
  }
}
