package configproj

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func postgresSchema() *Schema {
	return &Schema{Type: "object", Properties: map[string]*Schema{
		"schema":        {Type: "string"},
		"host":          {Type: "string"},
		"port":          {Type: "integer"},
		"user":          {Type: "string"},
		"password":      {Type: "string", Secret: true},
		"database":      {Type: "string"},
		"ratio":         {Type: "number"},
		"always_ssl":    {Type: "boolean"},
		"update_method": {Type: "string", Enum: []string{"WAL", "XMIN", "TELEPORT"}},
		"sync_freq":     {Type: "integer", Enum: []string{"60", "360"}},
		"public_key":    {Type: "string", Readonly: true},
		"tunnel": {Type: "object", Properties: map[string]*Schema{
			"host": {Type: "string"},
			"port": {Type: "integer"},
		}},
		"reports": {Type: "array", Items: &Schema{Type: "object", Properties: map[string]*Schema{
			"table":       {Type: "string"},
			"report_type": {Type: "string", Enum: []string{"ACCOUNT", "CAMPAIGN"}},
		}}},
		"hosts":  {Type: "array", Items: &Schema{Type: "string"}},
		"extras": {Type: "object"},
		"any":    {},
	}}
}

const pg = `connector type "postgres"`

func TestValidate(t *testing.T) {
	cases := []struct {
		name   string
		config map[string]any
		opts   ValidateOptions
		want   []Problem
	}{
		{name: "valid config, lenient forms accepted",
			config: jm(`{"host":"db","port":"5432","ratio":"1.5","always_ssl":"true","update_method":"WAL",
				"sync_freq":360,"tunnel":{"host":"b","port":22},"reports":[{"table":"t","report_type":"ACCOUNT"}],
				"hosts":["a"],"extras":{"anything":1},"any":[1,{"x":2}],"user":5}`),
			opts: ValidateOptions{What: pg}},
		{name: "unknown key with a suggestion",
			config: jm(`{"hots":"db"}`), opts: ValidateOptions{What: pg},
			want: []Problem{{Path: []string{"hots"}, Summary: "Unknown config key",
				Detail: `Key "hots" is not a config field of connector type "postgres". Did you mean "host"?`}}},
		{name: "unknown key, suggestion is case-insensitive",
			config: jm(`{"DataBase":"x"}`), opts: ValidateOptions{What: pg},
			want: []Problem{{Path: []string{"DataBase"}, Summary: "Unknown config key",
				Detail: `Key "DataBase" is not a config field of connector type "postgres". Did you mean "database"?`}}},
		{name: "unknown key without a suggestion lists the first 10 valid keys",
			config: jm(`{"zzzzzzzzzz":1}`), opts: ValidateOptions{What: pg, SkipKeys: []string{"schema"}},
			want: []Problem{{Path: []string{"zzzzzzzzzz"}, Summary: "Unknown config key",
				Detail: `Key "zzzzzzzzzz" is not a config field of connector type "postgres". Valid keys include: ` +
					`"always_ssl", "any", "database", "extras", "host", "hosts", "password", "port", "ratio", "reports" (and 4 more).`}}},
		{name: "unknown nested key lists all valid keys",
			config: jm(`{"tunnel":{"zzzzzz":1}}`), opts: ValidateOptions{What: pg},
			want: []Problem{{Path: []string{"tunnel", "zzzzzz"}, Summary: "Unknown config key",
				Detail: `Key "tunnel.zzzzzz" is not a config field of connector type "postgres". Valid keys: "host", "port".`}}},
		{name: "unknown key in a list item",
			config: jm(`{"reports":[{"table":"a"},{"tabel":"b"}]}`), opts: ValidateOptions{What: pg},
			want: []Problem{{Path: []string{"reports", "1", "tabel"}, Summary: "Unknown config key",
				Detail: `Key "reports[1].tabel" is not a config field of connector type "postgres". Did you mean "table"?`}}},
		{name: "skipped keys are neither checked nor suggested",
			config: jm(`{"schema":5,"table":"x","schem":"y"}`), opts: ValidateOptions{What: pg, SkipKeys: []string{"schema", "table"}},
			want: []Problem{{Path: []string{"schem"}, Summary: "Unknown config key",
				Detail: `Key "schem" is not a config field of connector type "postgres". Valid keys include: ` +
					`"always_ssl", "any", "database", "extras", "host", "hosts", "password", "port", "ratio", "reports" (and 4 more).`}}},
		{name: "unknown key without What",
			config: jm(`{"hots":"db"}`),
			want: []Problem{{Path: []string{"hots"}, Summary: "Unknown config key",
				Detail: `Key "hots" is not a known config field. Did you mean "host"?`}}},
		{name: "wrong types",
			config: jm(`{"port":"abc","ratio":"x","always_ssl":"yes","tunnel":"t","hosts":"a","host":{"a":1},"sync_freq":1.5}`),
			opts:   ValidateOptions{What: pg},
			want: []Problem{
				{Path: []string{"always_ssl"}, Summary: "Wrong config value type",
					Detail: `Key "always_ssl" of connector type "postgres" expects a boolean, got a string.`},
				{Path: []string{"host"}, Summary: "Wrong config value type",
					Detail: `Key "host" of connector type "postgres" expects a string, got an object.`},
				{Path: []string{"hosts"}, Summary: "Wrong config value type",
					Detail: `Key "hosts" of connector type "postgres" expects a list, got a string.`},
				{Path: []string{"port"}, Summary: "Wrong config value type",
					Detail: `Key "port" of connector type "postgres" expects an integer, got a string.`},
				{Path: []string{"ratio"}, Summary: "Wrong config value type",
					Detail: `Key "ratio" of connector type "postgres" expects a number, got a string.`},
				{Path: []string{"sync_freq"}, Summary: "Wrong config value type",
					Detail: `Key "sync_freq" of connector type "postgres" expects an integer, got a number.`},
				{Path: []string{"tunnel"}, Summary: "Wrong config value type",
					Detail: `Key "tunnel" of connector type "postgres" expects an object, got a string.`},
			}},
		{name: "wrong type in nested list",
			config: jm(`{"hosts":["a",true,["x"]],"tunnel":{"port":"22.5"}}`), opts: ValidateOptions{What: pg},
			want: []Problem{
				{Path: []string{"hosts", "2"}, Summary: "Wrong config value type",
					Detail: `Key "hosts[2]" of connector type "postgres" expects a string, got a list.`},
				{Path: []string{"tunnel", "port"}, Summary: "Wrong config value type",
					Detail: `Key "tunnel.port" of connector type "postgres" expects an integer, got a string.`},
			}},
		{name: "enum: case-only mismatch suggests the right case",
			config: jm(`{"update_method":"wal"}`), opts: ValidateOptions{What: pg},
			want: []Problem{{Path: []string{"update_method"}, Summary: "Invalid config value",
				Detail: `Key "update_method" of connector type "postgres" must be one of "WAL", "XMIN", "TELEPORT". Did you mean "WAL"?`}}},
		{name: "enum: typo suggests the closest value",
			config: jm(`{"update_method":"XMNI"}`), opts: ValidateOptions{What: pg},
			want: []Problem{{Path: []string{"update_method"}, Summary: "Invalid config value",
				Detail: `Key "update_method" of connector type "postgres" must be one of "WAL", "XMIN", "TELEPORT". Did you mean "XMIN"?`}}},
		{name: "enum: no close value",
			config: jm(`{"update_method":"BINLOG","sync_freq":"5"}`), opts: ValidateOptions{What: pg},
			want: []Problem{
				{Path: []string{"sync_freq"}, Summary: "Invalid config value",
					Detail: `Key "sync_freq" of connector type "postgres" must be one of "60", "360".`},
				{Path: []string{"update_method"}, Summary: "Invalid config value",
					Detail: `Key "update_method" of connector type "postgres" must be one of "WAL", "XMIN", "TELEPORT".`}}},
		{name: "enum in a list item",
			config: jm(`{"reports":[{"report_type":"ACCOUNT"},{"report_type":"campaign"}]}`), opts: ValidateOptions{What: pg},
			want: []Problem{{Path: []string{"reports", "1", "report_type"}, Summary: "Invalid config value",
				Detail: `Key "reports[1].report_type" of connector type "postgres" must be one of "ACCOUNT", "CAMPAIGN". Did you mean "CAMPAIGN"?`}}},
		{name: "read-only key",
			config: jm(`{"public_key":"abc"}`), opts: ValidateOptions{What: pg},
			want: []Problem{{Path: []string{"public_key"}, Summary: "Read-only config key",
				Detail: `Key "public_key" of connector type "postgres" is read-only: Fivetran sets it. Remove it from config.`}}},
		{name: "nil values are allowed (they clear a key), even read-only",
			config: jm(`{"port":null,"public_key":null,"update_method":null}`), opts: ValidateOptions{What: pg}},
		{name: "rule 8: unknown values are skipped",
			config: map[string]any{"port": Unknown, "public_key": Unknown, "reports": []any{Unknown, map[string]any{"report_type": Unknown}}},
			opts:   ValidateOptions{What: pg}},
		{name: "an unknown key is reported even when its value is unknown or nil",
			config: map[string]any{"hots": Unknown, "prot": nil}, opts: ValidateOptions{What: pg},
			want: []Problem{
				{Path: []string{"hots"}, Summary: "Unknown config key",
					Detail: `Key "hots" is not a config field of connector type "postgres". Did you mean "host"?`},
				{Path: []string{"prot"}, Summary: "Unknown config key",
					Detail: `Key "prot" is not a config field of connector type "postgres". Did you mean "port"?`}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Validate(c.config, postgresSchema(), c.opts)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got:")
				for _, p := range got {
					t.Errorf("  %q %q %s", p.Path, p.Summary, p.Detail)
				}
				t.Errorf("want:")
				for _, p := range c.want {
					t.Errorf("  %q %q %s", p.Path, p.Summary, p.Detail)
				}
			}
		})
	}
}

func TestValidateNilSchemaAndOrder(t *testing.T) {
	if got := Validate(jm(`{"a":1}`), nil, ValidateOptions{}); got != nil {
		t.Errorf("nil schema: %v", got)
	}
	// Properties nil: any keys, still recursing with no constraints.
	if got := Validate(jm(`{"a":{"b":[1]}}`), &Schema{Type: "object"}, ValidateOptions{}); got != nil {
		t.Errorf("open schema: %v", got)
	}
	// List indexes sort numerically.
	s := &Schema{Properties: map[string]*Schema{"l": {Type: "array", Items: &Schema{Type: "integer"}}}}
	l := make([]any, 12)
	for i := range l {
		l[i] = "x" + strconv.Itoa(i)
	}
	got := Validate(map[string]any{"l": l}, s, ValidateOptions{})
	if len(got) != 12 {
		t.Fatalf("got %d problems", len(got))
	}
	for i, p := range got {
		if p.Path[1] != strconv.Itoa(i) {
			t.Errorf("problem %d has path %q", i, p.Path)
		}
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"host", "port", "database", "user", "password", "update_method", "WAL"}
	cases := []struct{ word, want string }{
		{"hots", "host"},
		{"HOST", "host"},
		{"prot", "port"},
		{"databse", "database"},
		{"pasword", "password"},
		{"update_metod", "update_method"},
		{"updatemethod", "update_method"},
		{"wal", "WAL"},
		{"xyz", ""},
		{"zzzzzzzzzz", ""},
		{"", ""},
		{"u", ""},
	}
	for _, c := range cases {
		if got := Suggest(c.word, cands); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if got := Suggest("ab", []string{"xy"}); got != "" {
		t.Errorf("unrelated short word suggested %q", got)
	}
	// Ties go to the alphabetically first candidate.
	if got := Suggest("cat", []string{"cut", "bat"}); got != "bat" {
		t.Errorf("tie: %q", got)
	}
	if got := Suggest("hots", nil); got != "" {
		t.Errorf("no candidates: %q", got)
	}
}

// TestValidateNeverQuotesValues: a value of the wrong kind or outside an enum
// is reported by key, expected kind and allowed values, never by the value
// given, which may be a secret.
func TestValidateNeverQuotesValues(t *testing.T) {
	const secret = "ghp_S3cretTokenValue0123456789"
	schema := &Schema{Type: "object", Properties: map[string]*Schema{
		"pats":   {Type: "array", Items: &Schema{Type: "string", Secret: true}},
		"port":   {Type: "integer"},
		"ssl":    {Type: "boolean"},
		"mode":   {Type: "string", Enum: []string{"FULL", "INCREMENTAL"}},
		"tunnel": {Type: "object", Properties: map[string]*Schema{"port": {Type: "integer"}}},
		"reports": {Type: "array", Items: &Schema{Type: "object", Properties: map[string]*Schema{
			"kind": {Type: "string", Enum: []string{"A", "B"}},
		}}},
		"key_type": {Type: "string", Secret: true, Enum: []string{"RSA", "ED25519"}},
	}}
	config := map[string]any{
		"pats":     secret,
		"port":     secret,
		"ssl":      secret,
		"mode":     secret,
		"tunnel":   map[string]any{"port": secret},
		"reports":  []any{map[string]any{"kind": secret}},
		"key_type": "rsa", // differs from an allowed value in case only
	}
	problems := Validate(config, schema, ValidateOptions{What: `connector type "github"`})
	if len(problems) != 7 {
		t.Fatalf("want 7 problems, got %d: %v", len(problems), problems)
	}
	for _, p := range problems {
		text := strings.ToLower(p.Summary + " " + p.Detail + " " + strings.Join(p.Path, " "))
		// Any 6 characters of the secret would be a leak, not just all of it.
		for i := 0; i+6 <= len(secret); i++ {
			if strings.Contains(text, strings.ToLower(secret[i:i+6])) {
				t.Errorf("problem at %v quotes the value: %s", p.Path, p.Detail)
				break
			}
		}
		switch strings.Join(p.Path, ".") {
		case "key_type":
			// A suggestion names an allowed value, but for a secret field it
			// would give the value away.
			if strings.Contains(p.Detail, "Did you mean") {
				t.Errorf("key_type is secret but its value shows: %s", p.Detail)
			}
		case "pats":
			if p.Detail != `Key "pats" of connector type "github" expects a list, got a string.` {
				t.Errorf("pats: %s", p.Detail)
			}
		case "mode":
			if p.Detail != `Key "mode" of connector type "github" must be one of "FULL", "INCREMENTAL".` {
				t.Errorf("mode: %s", p.Detail)
			}
		}
	}
}
