package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// TestAccCreate_lostAnswersAreReconciled: every create's answer is lost once
// after Fivetran committed it (the connection drops), and every create fails
// once with a 500 before committing. One apply still succeeds, the emulator
// holds exactly one of each object (no duplicates, nothing missing), and the
// next plan is empty.
func TestAccCreate_lostAnswersAreReconciled(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	for _, route := range []string{"/v1/groups", "/v1/destinations", "/v1/connections"} {
		em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", route)
	}
	cfg := providerConfig(em) + baseConfig + `
resource "fivetran_connection" "gh" {
  group_id = fivetran_destination.main.group_id
  service  = "github"
  destination_schema = { name = "github" }
  config = { sync_mode = "AllRepositories" }
}

resource "fivetran_group" "second" {
  name = "second"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					// The second group's POST fails with a 500 before the write.
					em.InjectNext(emulator.Fault500, 1, "POST", "/v1/groups")
				},
				Config: cfg,
				Check: func(*terraform.State) error {
					if g, d, c := len(em.Groups()), len(em.Destinations()), len(em.Connections()); g != 2 || d != 1 || c != 1 {
						return fmt.Errorf("the emulator holds %d groups, %d destinations, %d connections; want 2, 1, 1", g, d, c)
					}
					var faults int
					for _, r := range em.Requests() {
						if r.Fault != "" {
							faults++
						}
					}
					if faults < 4 {
						return fmt.Errorf("only %d faults were injected: the test proves nothing", faults)
					}
					return nil
				},
			},
			{Config: cfg, PlanOnly: true},
		},
	})
}

// fakeAPI stands for Fivetran behind createReconciled: creates answer from a
// script, and the object a create made shows up in look-ups only after some
// looks (a list that lags).
type fakeAPI struct {
	answers     []error // one per create; nil: created and answered
	creates     int
	made        int // objects created
	looks       int
	visibleFrom int // the look (1-based) from which a made object is found
}

func (f *fakeAPI) create() (string, error) {
	err := f.answers[f.creates]
	f.creates++
	var ae *fivetran.APIError
	if errors.As(err, &ae) && ae.StatusCode == http.StatusConflict {
		return "", err // the name is taken: nothing made
	}
	f.made++
	if err != nil {
		return "", err
	}
	return "obj", nil
}

func (f *fakeAPI) find() (string, bool, error) {
	f.looks++
	if f.made > 0 && f.looks >= f.visibleFrom {
		return "obj", true, nil
	}
	return "", false, nil
}

var (
	lostAnswer = &fivetran.OutcomeUnknownError{Method: "POST", Path: "/connections", Err: errors.New("502 Bad Gateway")}
	conflict   = &fivetran.APIError{Method: "POST", Path: "/connections", StatusCode: http.StatusConflict, Code: "Conflict", Message: "exists"}
)

// TestCreateReconciled_lookupLagsBehindCreate: the create committed but its
// answer was lost, and the look-up misses it twice (lists lag). The object
// is adopted after looking again; it is never created a second time.
func TestCreateReconciled_lookupLagsBehindCreate(t *testing.T) {
	f := &fakeAPI{answers: []error{lostAnswer, nil, nil}, visibleFrom: 3}
	got, err := createReconciled(context.Background(), 3, f.create, f.find)
	if err != nil || got != "obj" {
		t.Fatalf("got %q, %v", got, err)
	}
	if f.made != 1 {
		t.Fatalf("%d objects created: a lost answer made a duplicate", f.made)
	}
}

// TestCreateReconciled_resentCreateMeetsConflict: the look-ups miss longer
// than the settle window, the create is sent again and meets the first one
// (409). That 409 proves the object exists: it is looked for again and
// adopted, not reported as a name clash.
func TestCreateReconciled_resentCreateMeetsConflict(t *testing.T) {
	f := &fakeAPI{answers: []error{lostAnswer, conflict, nil}, visibleFrom: 1 << 30}
	settle := reconcileSettle
	reconcileSettle = 0 // the first round of looks gives up at once
	defer func() { reconcileSettle = settle }()
	// The object shows up from the first look after the 409.
	find := func() (string, bool, error) {
		if f.creates >= 2 {
			f.visibleFrom = 0
		}
		return f.find()
	}
	got, err := createReconciled(context.Background(), 3, f.create, find)
	if err != nil || got != "obj" {
		t.Fatalf("got %q, %v", got, err)
	}
	if f.made != 1 || f.creates != 2 {
		t.Fatalf("%d creates, %d objects", f.creates, f.made)
	}
}

// TestCreateReconciled_conflictWithoutLostAnswer: a 409 on the first create
// is the user's name clash and is returned as it is.
func TestCreateReconciled_conflictWithoutLostAnswer(t *testing.T) {
	f := &fakeAPI{answers: []error{conflict}}
	if _, err := createReconciled(context.Background(), 3, f.create, f.find); !fivetran.IsConflict(err) || f.looks != 0 {
		t.Fatalf("err %v after %d looks", err, f.looks)
	}
}

// TestCreateReconciled_trulyAbsentIsCreatedAgain: nothing was made; after
// looking for the settle window the create is sent again, once.
func TestCreateReconciled_trulyAbsentIsCreatedAgain(t *testing.T) {
	f := &fakeAPI{answers: []error{&fivetran.OutcomeUnknownError{Method: "POST", Path: "/groups"}, nil}}
	f.made = -1 // the first, failed create makes nothing
	settle := reconcileSettle
	reconcileSettle = 100 * time.Millisecond
	defer func() { reconcileSettle = settle }()
	got, err := createReconciled(context.Background(), 3, f.create, func() (string, bool, error) { f.looks++; return "", false, nil })
	if err != nil || got != "obj" || f.creates != 2 || f.looks < 2 {
		t.Fatalf("got %q, %v after %d creates and %d looks", got, err, f.creates, f.looks)
	}
}
