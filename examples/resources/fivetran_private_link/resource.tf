variable "erp_password" {
  type      = string
  sensitive = true
}

variable "snowflake_password" {
  type      = string
  sensitive = true
}

# A private link to a database in your AWS account, exposed as a VPC
# endpoint service; the connection reaches it through the link.
resource "fivetran_private_link" "erp" {
  name    = "erp_db"
  region  = "AWS_US_EAST_1"
  service = "SOURCE_AWS"
  config = {
    connection_service_name = "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f"
  }
}

# A Snowflake warehouse on AWS, reached over AWS PrivateLink too.
resource "fivetran_private_link" "snowflake" {
  name    = "snowflake_aws"
  region  = "AWS_US_EAST_1"
  service = "SNOWFLAKE_AWS"
  config = {
    account_url = "acme.us-east-1.privatelink.snowflakecomputing.com"
    vpce_id     = "vpce-0a1b2c3d4e5f67890"
  }
  # Provisioning can take a while; the create waits for it.
  timeouts = {
    create = "90m"
  }
}

resource "fivetran_group" "finance" {
  name = "finance"
}

resource "fivetran_destination" "warehouse" {
  group_id          = fivetran_group.finance.id
  service           = "snowflake"
  region            = "AWS_US_EAST_1"
  networking_method = "PrivateLink"
  private_link_id   = fivetran_private_link.snowflake.id
  config = {
    host     = "acme.us-east-1.privatelink.snowflakecomputing.com"
    port     = 443
    database = "ANALYTICS"
    user     = "FIVETRAN"
    password = var.snowflake_password
  }
}

resource "fivetran_connection" "erp" {
  group_id          = fivetran_destination.warehouse.group_id
  service           = "postgres"
  networking_method = "PrivateLink"
  private_link_id   = fivetran_private_link.erp.id
  destination_schema = {
    prefix = "erp"
  }
  config = {
    # The host is the link's endpoint, known once Fivetran has provisioned it.
    host          = fivetran_private_link.erp.host
    port          = 5432
    database      = "erp"
    user          = "fivetran"
    password      = var.erp_password
    update_method = "QUERY_BASED"
  }
}
