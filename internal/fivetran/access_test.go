package fivetran

import (
	"context"
	"net/http"
	"testing"
)

var (
	userData = map[string]any{
		"id": "u1", "email": "ada@example.com", "given_name": "Ada", "family_name": "Lovelace", "verified": false, "invited": true,
		"picture": nil, "phone": "+15550100", "role": "Account Reviewer", "active": true, "logged_in_at": nil, "created_at": "2024-03-01T10:00:00Z",
	}
	teamData = map[string]any{"id": "t1", "name": "analysts", "description": "BI", "role": "Account Reviewer"}
)

func TestAccessCallsHitRightEndpoint(t *testing.T) {
	ctx := context.Background()
	given, role, name := "Augusta", "Account Analyst", "data"
	cases := []struct {
		name                      string
		call                      func(*Client) error
		ok                        http.HandlerFunc
		method, path, query, body string
	}{
		{"CreateUser", func(c *Client) error {
			_, err := c.CreateUser(ctx, UserCreate{Email: "ada@example.com", GivenName: "Ada", FamilyName: "Lovelace", Role: "Account Reviewer"})
			return err
		}, okData(userData), "POST", "/v1/users", "", `{"email":"ada@example.com","given_name":"Ada","family_name":"Lovelace","role":"Account Reviewer"}`},
		{"GetUser", func(c *Client) error { _, err := c.GetUser(ctx, "u1"); return err }, okData(userData), "GET", "/v1/users/u1", "", ""},
		{"ListUsers", func(c *Client) error { _, err := c.ListUsers(ctx); return err },
			okData(map[string]any{"items": []any{userData}}), "GET", "/v1/users", "limit=1000", ""},
		{"UpdateUser", func(c *Client) error {
			_, err := c.UpdateUser(ctx, "u1", UserUpdate{GivenName: &given, Phone: Clear[string](), Picture: Set("https://p.example.com/a.png"), Role: &role})
			return err
		}, okData(userData), "PATCH", "/v1/users/u1", "", `{"given_name":"Augusta","phone":null,"picture":"https://p.example.com/a.png","role":"Account Analyst"}`},
		{"RemoveUserRole", func(c *Client) error { return c.RemoveUserRole(ctx, "u1") }, status(http.StatusOK, "Success", "removed"),
			"DELETE", "/v1/users/u1/role", "", ""},
		{"DeleteUser", func(c *Client) error { return c.DeleteUser(ctx, "u1") }, status(http.StatusOK, "Success", "deleted"), "DELETE", "/v1/users/u1", "", ""},
		{"CreateTeam", func(c *Client) error { _, err := c.CreateTeam(ctx, TeamCreate{Name: "analysts"}); return err }, okData(teamData),
			"POST", "/v1/teams", "", `{"name":"analysts"}`},
		{"GetTeam", func(c *Client) error { _, err := c.GetTeam(ctx, "t1"); return err }, okData(teamData), "GET", "/v1/teams/t1", "", ""},
		{"ListTeams", func(c *Client) error { _, err := c.ListTeams(ctx); return err },
			okData(map[string]any{"items": []any{teamData}}), "GET", "/v1/teams", "limit=1000", ""},
		{"UpdateTeam", func(c *Client) error { _, err := c.UpdateTeam(ctx, "t1", TeamUpdate{Name: &name}); return err }, okData(teamData),
			"PATCH", "/v1/teams/t1", "", `{"name":"data"}`},
		{"RemoveTeamRole", func(c *Client) error { return c.RemoveTeamRole(ctx, "t1") }, status(http.StatusOK, "Success", "removed"),
			"DELETE", "/v1/teams/t1/role", "", ""},
		{"DeleteTeam", func(c *Client) error { return c.DeleteTeam(ctx, "t1") }, status(http.StatusOK, "Success", "deleted"), "DELETE", "/v1/teams/t1", "", ""},
		{"ListGroupUsers", func(c *Client) error { _, err := c.ListGroupUsers(ctx, "g1"); return err },
			okData(map[string]any{"items": []any{userData}}), "GET", "/v1/groups/g1/users", "limit=1000", ""},
		{"GroupPublicKey", func(c *Client) error { _, err := c.GroupPublicKey(ctx, "g1"); return err },
			okData(map[string]any{"public_key": "ssh-rsa AAAA fivetran user key\n"}), "GET", "/v1/groups/g1/public-key", "", ""},
		{"GroupServiceAccount", func(c *Client) error { _, err := c.GroupServiceAccount(ctx, "g1"); return err },
			okData(map[string]any{"service_account": "g-g1@fivetran-production.iam.gserviceaccount.com"}), "GET", "/v1/groups/g1/service-account", "", ""},
		{"ListRoles", func(c *Client) error { _, err := c.ListRoles(ctx); return err },
			okData(map[string]any{"items": []any{map[string]any{"name": "Account Reviewer", "scope": []any{"ACCOUNT"}}}}), "GET", "/v1/roles", "limit=1000", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, srv := serve(t, tc.ok)
			if err := tc.call(newTestClient(t, srv.URL)); err != nil {
				t.Fatal(err)
			}
			_, r, body := s.at(0)
			if r.Method != tc.method || r.URL.EscapedPath() != tc.path || r.URL.RawQuery != tc.query {
				t.Errorf("got %s %s?%s, want %s %s?%s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, tc.method, tc.path, tc.query)
			}
			if !jsonEq(t, body, tc.body) {
				t.Errorf("body %s, want %s", body, tc.body)
			}
		})
	}
}

// An invitation is not sent again once it may have reached Fivetran (the
// person would get two emails, or the second would meet the first); a PATCH
// is.
func TestAccessRetries(t *testing.T) {
	s, srv := serve(t, status(http.StatusInternalServerError, "InternalError", "boom"), okData(userData))
	if _, err := newTestClient(t, srv.URL).CreateUser(context.Background(), UserCreate{Email: "a@example.com"}); !IsOutcomeUnknown(err) || s.count() != 1 {
		t.Fatalf("invite after a 500: %v in %d requests", err, s.count())
	}
	s, srv = serve(t, status(http.StatusServiceUnavailable, "", "down"), okData(teamData))
	name := "x"
	if _, err := newTestClient(t, srv.URL).UpdateTeam(context.Background(), "t1", TeamUpdate{Name: &name}); err != nil || s.count() != 2 {
		t.Fatalf("team PATCH after a 503: %v in %d requests", err, s.count())
	}
}

// A team's own NotFound code proves it gone, and the plain NotFound of an
// unknown route does not; a user's NotFound, which the live API answers
// plain, is a hint either way (the caller confirms it with the list).
func TestAccessNotFound(t *testing.T) {
	_, srv := serve(t, status(http.StatusNotFound, "NotFound_User", "no"), status(http.StatusNotFound, "NotFound", "no"),
		status(http.StatusNotFound, "NotFound_Team", "no"), status(http.StatusNotFound, "NotFound", "no"))
	c := newTestClient(t, srv.URL)
	for range 2 {
		if _, err := c.GetUser(context.Background(), "u1"); !IsNotFoundKind(err, KindUser) {
			t.Errorf("not a user's NotFound: %v", err)
		}
	}
	if _, err := c.GetTeam(context.Background(), "t1"); !IsNotFoundKind(err, KindTeam) || IsNotFoundKind(err, KindUser) {
		t.Errorf("NotFound_Team: %v", err)
	}
	if _, err := c.GetTeam(context.Background(), "t1"); IsNotFoundKind(err, KindTeam) {
		t.Errorf("a plain NotFound proved a team gone: %v", err)
	}
}

func TestRoleHasScope(t *testing.T) {
	r := Role{Name: "Connector Administrator", Scope: []string{RoleScopeConnector}}
	if !r.HasScope(RoleScopeConnector) || r.HasScope(RoleScopeAccount) {
		t.Errorf("HasScope wrong for %+v", r)
	}
}

func TestMembershipCallsHitRightEndpoint(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name                      string
		call                      func(*Client) error
		ok                        http.HandlerFunc
		method, path, query, body string
	}{
		{"ListUserGroups", func(c *Client) error { _, err := c.ListMemberships(ctx, UserGroups, "u 1"); return err },
			okData(map[string]any{"items": []any{map[string]any{"id": "g1", "role": "Manage Destination"}}}), "GET", "/v1/users/u%201/groups", "limit=1000", ""},
		{"AddUserConnection", func(c *Client) error { return c.AddMembership(ctx, UserConnections, "u1", "c1", "View Connection") },
			status(http.StatusCreated, "Success", "created"), "POST", "/v1/users/u1/connections", "", `{"id":"c1","role":"View Connection"}`},
		{"AddTeamUser", func(c *Client) error { return c.AddMembership(ctx, TeamUsers, "t1", "u1", "Team Member") },
			status(http.StatusCreated, "Success", "created"), "POST", "/v1/teams/t1/users", "", `{"user_id":"u1","role":"Team Member"}`},
		{"UpdateTeamGroup", func(c *Client) error { return c.UpdateMembership(ctx, TeamGroups, "t1", "g 1", "View Destination") },
			status(http.StatusOK, "Success", "updated"), "PATCH", "/v1/teams/t1/groups/g%201", "", `{"role":"View Destination"}`},
		{"RemoveTeamConnection", func(c *Client) error { return c.RemoveMembership(ctx, TeamConnections, "t1", "c1") },
			status(http.StatusOK, "Success", "deleted"), "DELETE", "/v1/teams/t1/connections/c1", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, srv := serve(t, tc.ok)
			if err := tc.call(newTestClient(t, srv.URL)); err != nil {
				t.Fatal(err)
			}
			_, r, body := s.at(0)
			if r.Method != tc.method || r.URL.EscapedPath() != tc.path || r.URL.RawQuery != tc.query {
				t.Errorf("got %s %s?%s, want %s %s?%s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, tc.method, tc.path, tc.query)
			}
			if !jsonEq(t, body, tc.body) {
				t.Errorf("body %s, want %s", body, tc.body)
			}
		})
	}
	if (Membership{UserID: "u1"}).TargetID() != "u1" || (Membership{ID: "g1"}).TargetID() != "g1" {
		t.Error("TargetID reads neither id nor user_id")
	}
}

func TestApprovalCallsHitRightEndpoint(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name                      string
		call                      func(*Client) error
		ok                        http.HandlerFunc
		method, path, query, body string
	}{
		{"ListCertificates", func(c *Client) error { _, err := c.ListCertificates(ctx, ConnectionApprovals, "c 1"); return err },
			okData(map[string]any{"items": []any{map[string]any{"hash": "h1", "name": "db"}}}), "GET", "/v1/connections/c%201/certificates", "limit=1000", ""},
		{"ApproveCertificate", func(c *Client) error { return c.ApproveCertificate(ctx, DestinationApprovals, "d1", "h1", "Q0VSVA==") },
			okData(map[string]any{"hash": "h1"}), "POST", "/v1/destinations/d1/certificates", "", `{"hash":"h1","encoded_cert":"Q0VSVA=="}`},
		{"RevokeCertificate", func(c *Client) error { return c.RevokeCertificate(ctx, ConnectionApprovals, "c1", "r+u4/QL=") },
			status(http.StatusOK, "Success", "deleted"), "DELETE", "/v1/connections/c1/certificates/cit1NC9RTD0", "", ""},
		{"GetCertificate", func(c *Client) error {
			_, err := c.GetCertificate(ctx, ConnectionApprovals, "c1", "connector certificate hash")
			return err
		},
			okData(map[string]any{"hash": "connector certificate hash"}), "GET", "/v1/connections/c1/certificates/Y29ubmVjdG9yIGNlcnRpZmljYXRlIGhhc2g", "", ""},
		{"GetFingerprint", func(c *Client) error { _, err := c.GetFingerprint(ctx, DestinationApprovals, "d1", "h2"); return err },
			okData(map[string]any{"hash": "h2"}), "GET", "/v1/destinations/d1/fingerprints/aDI", "", ""},
		{"ListFingerprints", func(c *Client) error { _, err := c.ListFingerprints(ctx, DestinationApprovals, "d1"); return err },
			okData(map[string]any{"items": []any{}}), "GET", "/v1/destinations/d1/fingerprints", "limit=1000", ""},
		{"ApproveFingerprint", func(c *Client) error {
			return c.ApproveFingerprint(ctx, ConnectionApprovals, "c1", "h2", "ssh-rsa AAAA")
		},
			okData(map[string]any{"hash": "h2"}), "POST", "/v1/connections/c1/fingerprints", "", `{"hash":"h2","public_key":"ssh-rsa AAAA"}`},
		{"RevokeFingerprint", func(c *Client) error { return c.RevokeFingerprint(ctx, DestinationApprovals, "d1", "h2") },
			status(http.StatusOK, "Success", "deleted"), "DELETE", "/v1/destinations/d1/fingerprints/aDI", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, srv := serve(t, tc.ok)
			if err := tc.call(newTestClient(t, srv.URL)); err != nil {
				t.Fatal(err)
			}
			_, r, body := s.at(0)
			if r.Method != tc.method || r.URL.EscapedPath() != tc.path || r.URL.RawQuery != tc.query {
				t.Errorf("got %s %s?%s, want %s %s?%s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, tc.method, tc.path, tc.query)
			}
			if !jsonEq(t, body, tc.body) {
				t.Errorf("body %s, want %s", body, tc.body)
			}
		})
	}
}
