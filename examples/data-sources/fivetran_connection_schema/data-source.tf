# What Fivetran has discovered in the connection's source.
data "fivetran_connection_schema" "app_db" {
  connection_id = "speak_inexpensive"
}

# Every column whose name contains "email", by schema and table.
output "email_columns" {
  value = flatten([
    for sname, s in data.fivetran_connection_schema.app_db.schemas : [
      for tname, t in s.tables : [
        for cname, c in t.columns : "${sname}.${tname}.${cname}" if strcontains(cname, "email")
      ]
    ]
  ])
}
