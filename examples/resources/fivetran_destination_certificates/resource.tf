variable "warehouse_certificate" {
  type = string
}

resource "fivetran_group" "sales" {
  name = "sales"
}

# Fivetran trusts this certificate when it connects to the warehouse.
resource "fivetran_destination_certificates" "sales" {
  destination_id = fivetran_group.sales.id

  certificate {
    hash         = "gAAAAABm2"
    encoded_cert = var.warehouse_certificate
  }
}
