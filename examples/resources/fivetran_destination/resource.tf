variable "snowflake_password" {
  type      = string
  sensitive = true
}

resource "fivetran_group" "analytics" {
  name = "analytics"
}

resource "fivetran_destination" "warehouse" {
  group_id         = fivetran_group.analytics.id
  service          = "snowflake"
  region           = "AWS_EU_CENTRAL_1"
  time_zone_offset = "+1"

  config = {
    host     = "acme.snowflakecomputing.com"
    port     = 443
    database = "ANALYTICS"
    auth     = "PASSWORD"
    user     = "FIVETRAN_USER"
    password = var.snowflake_password
    role     = "FIVETRAN_ROLE"
  }
}
