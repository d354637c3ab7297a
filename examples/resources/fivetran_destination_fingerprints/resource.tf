resource "fivetran_group" "sales" {
  name = "sales"
}

# Fivetran trusts this SSH host key when it tunnels to the warehouse.
resource "fivetran_destination_fingerprints" "sales" {
  destination_id = fivetran_group.sales.id

  fingerprint {
    hash       = "SHA256:Y3vVvqJ9tQf0n1dx0uU0bD8f3zO0q2xw7d8tP1yXk2A"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHnT2Hn3m1aPq6yKq7u6tT3k9Z7s7w5c3b1a9f8e7d6c"
  }
}
