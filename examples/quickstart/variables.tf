variable "group_name" {
  description = "Name of the group the quickstart creates (letters, digits and underscores)."
  type        = string
  default     = "terraform_quickstart"
}

variable "warehouse_host" {
  description = "Host of the PostgreSQL warehouse (the destination)."
  type        = string
  default     = "warehouse.example.com"
}

variable "warehouse_password" {
  description = "Password of the destination's database user. The default is a demo value."
  type        = string
  sensitive   = true
  default     = "demo-warehouse-password"
}

variable "app_db_host" {
  description = "Host of the PostgreSQL source database."
  type        = string
  default     = "db.example.com"
}

variable "app_db_password" {
  description = "Password of the source database user. The default is a demo value."
  type        = string
  sensitive   = true
  default     = "demo-app-db-password"
}

variable "run_setup_tests" {
  description = "Run Fivetran's setup tests on create (they fail for hosts that do not exist)."
  type        = bool
  default     = true
}
