resource "fivetran_group" "analytics" {
  name = "analytics"
}
