package emulator

import (
	"strconv"
	"testing"
)

func TestMaxPageSize(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.MaxPageSize = 3 })
	for i := range 7 {
		c.expect(c.do("POST", "/groups", map[string]any{"name": "g" + string(rune('a'+i))}), 201, "")
	}
	var all []string
	cursor := ""
	pages := 0
	for {
		path := "/groups?limit=1000"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := c.expect(c.do("GET", path, nil), 200, "Success")
		items := r.items()
		if len(items) > 3 {
			t.Fatalf("page of %d items with MaxPageSize 3", len(items))
		}
		all = append(all, ids(t, items)...)
		pages++
		next, _ := r.data()["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	if len(all) != 7 || pages != 3 {
		t.Fatalf("%d groups in %d pages, want 7 in 3", len(all), pages)
	}
	if got := c.expect(c.do("GET", "/groups?limit=2", nil), 200, "").items(); len(got) != 2 {
		t.Fatalf("a limit below the cap gives %d items", len(got))
	}
}

// TestPageSizes: without limit a page holds 100 items; limit=1000 holds a
// thousand, the most a page may hold (1001 is refused), and a list of 1,001
// objects then takes two pages.
func TestPageSizes(t *testing.T) {
	emu, c := emuStart(t, nil)
	for i := range 1001 {
		emu.CreateGroup("g" + strconv.Itoa(i))
	}
	r := c.expect(c.do("GET", "/groups", nil), 200, "Success")
	if n, next := len(r.items()), r.data()["next_cursor"]; n != 100 || next == nil {
		t.Fatalf("default page: %d items, next_cursor %v; want 100 and a cursor", n, next)
	}
	r = c.expect(c.do("GET", "/groups?limit=1000", nil), 200, "Success")
	next, _ := r.data()["next_cursor"].(string)
	if n := len(r.items()); n != 1000 || next == "" {
		t.Fatalf("limit=1000: %d items, next_cursor %q", n, next)
	}
	r = c.expect(c.do("GET", "/groups?limit=1000&cursor="+next, nil), 200, "Success")
	if n, last := len(r.items()), r.data()["next_cursor"]; n != 1 || last != nil {
		t.Fatalf("second page: %d items, next_cursor %v", n, last)
	}
	c.expect(c.do("GET", "/groups?limit=1001", nil), 400, "InvalidInput")
}
