package emulator

import "testing"

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
