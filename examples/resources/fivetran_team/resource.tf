# A team whose members can see the whole account.
resource "fivetran_team" "analysts" {
  name        = "analysts"
  description = "BI analysts"
  role        = "Account Reviewer"
}
