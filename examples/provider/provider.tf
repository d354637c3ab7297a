terraform {
  required_providers {
    fivetran = {
      source = "openpipes/fivetran"
    }
  }
}

# Credentials come from FIVETRAN_APIKEY and FIVETRAN_APISECRET when not set here.
provider "fivetran" {
  # api_key    = var.fivetran_api_key
  # api_secret = var.fivetran_api_secret
  # api_url    = "http://127.0.0.1:8089/v1" # the project's emulator
  request_timeout = "60s"
  max_retries     = 6
  # api_requests_per_hour = 5000 # leave the rest of the account's budget to other tools
}
