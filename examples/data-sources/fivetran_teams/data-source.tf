data "fivetran_teams" "all" {}

output "team_names" {
  value = [for t in data.fivetran_teams.all.teams : t.name]
}
