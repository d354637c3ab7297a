package emulator

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

var (
	regionEnum = []string{
		"GCP_US_EAST4", "GCP_US_WEST1", "GCP_US_CENTRAL1", "GCP_EUROPE_WEST3", "GCP_AUSTRALIA_SOUTHEAST1",
		"GCP_NORTHAMERICA_NORTHEAST1", "GCP_EUROPE_WEST2", "GCP_ASIA_SOUTHEAST1", "GCP_ASIA_SOUTHEAST2",
		"GCP_ASIA_SOUTH1", "GCP_ASIA_NORTHEAST1", "AWS_US_EAST_1", "AWS_US_EAST_2", "AWS_US_WEST_2",
		"AWS_AP_NORTHEAST_1", "AWS_AP_SOUTHEAST_1", "AWS_AP_SOUTHEAST_2", "AWS_EU_CENTRAL_1", "AWS_EU_WEST_1",
		"AWS_EU_WEST_2", "AWS_AP_SOUTH_1", "AWS_CA_CENTRAL_1", "AWS_US_GOV_WEST_1", "AZURE_EASTUS2",
		"AZURE_AUSTRALIAEAST", "AZURE_UKSOUTH", "AZURE_WESTEUROPE", "AZURE_CENTRALUS", "AZURE_CANADACENTRAL",
		"AZURE_UAENORTH", "AZURE_SOUTHEASTASIA", "AZURE_EASTUS", "AZURE_JAPANEAST", "AZURE_CENTRALINDIA",
	}
	timeZoneEnum = []string{
		"-11", "-10", "-9", "-8", "-7", "-6", "-5", "-4", "-3", "-2", "-1", "0",
		"+1", "+2", "+3", "+4", "+5", "+6", "+7", "+8", "+9", "+10", "+11", "+12",
	}
	networkingEnum    = []string{"Directly", "PrivateLink", "SshTunnel", "ProxyAgent"}
	scheduleTypeEnum  = []string{"auto", "manual"}
	delaySensEnum     = []string{"LOW", "NORMAL", "HIGH", "CUSTOM", "SYNC_FREQUENCY"}
	schemaNamesEnum   = []string{"FIVETRAN_NAMING", "SOURCE_NAMING"}
	schemaStatusEnum  = []string{"blocked_on_capture", "ready"}
	syncFrequencyEnum = []int64{1, 5, 15, 30, 60, 120, 180, 360, 480, 720, 1440}
	dailySyncTimeRe   = regexp.MustCompile(`^([01]\d|2[0-3]):00$`)
	strictGroupNameRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

func inEnum(v string, enum []string) bool {
	for _, x := range enum {
		if x == v {
			return true
		}
	}
	return false
}

func enumErr(field, value string, enum []string) *APIError {
	return invalid("Field '%s' has an invalid value '%s'. Allowed values: %s", field, value, strings.Join(enum, ", "))
}

// present reports whether key is in the body with a non-null value (a JSON
// null counts as absent: API.md, "Requests: headers and bodies").
func present(body map[string]any, key string) bool {
	v, found := body[key]
	return found && v != nil
}

func getString(body map[string]any, key string) (string, bool, *APIError) {
	if !present(body, key) {
		return "", false, nil
	}
	s, oks := body[key].(string)
	if !oks {
		return "", true, invalid("Field '%s' must be a string", key)
	}
	return s, true, nil
}

// toBool accepts JSON booleans and strings that strconv.ParseBool accepts.
func toBool(v any) (bool, bool) {
	switch t := v.(type) {
	case bool:
		return t, true
	case string:
		if b, err := strconv.ParseBool(t); err == nil {
			return b, true
		}
	}
	return false, false
}

// toInt accepts JSON integers and strings holding an integer.
func toInt(v any) (int64, bool) {
	switch t := v.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i, true
		}
		if f, err := t.Float64(); err == nil && f == math.Trunc(f) {
			return int64(f), true
		}
	case float64:
		if t == math.Trunc(t) {
			return int64(t), true
		}
	case int:
		return int64(t), true
	case int64:
		return t, true
	case string:
		if i, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64); err == nil {
			return i, true
		}
	}
	return 0, false
}

func toFloat(v any) bool {
	switch t := v.(type) {
	case json.Number:
		_, err := t.Float64()
		return err == nil
	case float64, int, int64:
		return true
	case string:
		_, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		return err == nil
	}
	return false
}

func getObject(body map[string]any, key string) (map[string]any, bool, *APIError) {
	if !present(body, key) {
		return nil, false, nil
	}
	m, okm := body[key].(map[string]any)
	if !okm {
		return nil, true, invalid("Field '%s' must be an object", key)
	}
	return m, true, nil
}

// ---------------------------------------------------------------------------
// Config validation against the catalog

// validateConfig checks config values against catalog fields. extraKnown are
// keys that are valid although not in fields (the schema keys).
func (e *Emulator) validateConfig(prefix string, cfg map[string]any, fields []catalog.Field, extraKnown map[string]bool) *APIError {
	byName := make(map[string]*catalog.Field, len(fields))
	for i := range fields {
		byName[fields[i].Name] = &fields[i]
	}
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := cfg[k]
		f := byName[k]
		if f == nil {
			if extraKnown[k] {
				if v != nil {
					if _, oks := v.(string); !oks {
						return invalid("Field '%s%s' must be a string", prefix, k)
					}
				}
				continue
			}
			if e.opts.StrictConfig {
				return invalid("Unknown field '%s%s' in config", prefix, k)
			}
			continue
		}
		if v == nil {
			continue
		}
		if err := e.validateValue(prefix+k, v, f); err != nil {
			return err
		}
	}
	return nil
}

func (e *Emulator) validateValue(name string, v any, f *catalog.Field) *APIError {
	switch f.Type {
	case "integer":
		if _, oki := toInt(v); !oki {
			return invalid("Field '%s' must be an integer", name)
		}
	case "number":
		if !toFloat(v) {
			return invalid("Field '%s' must be a number", name)
		}
	case "boolean":
		switch t := v.(type) {
		case bool:
		case string:
			if _, err := strconv.ParseBool(t); err != nil {
				return invalid("Field '%s' must be a boolean", name)
			}
		default:
			return invalid("Field '%s' must be a boolean", name)
		}
	case "object":
		m, okm := v.(map[string]any)
		if !okm {
			return invalid("Field '%s' must be an object", name)
		}
		if len(f.Fields) > 0 {
			return e.validateConfig(name+".", m, f.Fields, nil)
		}
	case "array":
		arr, oka := v.([]any)
		if !oka {
			return invalid("Field '%s' must be an array", name)
		}
		if f.Items != nil {
			for i, x := range arr {
				if x == nil {
					continue
				}
				if err := e.validateValue(fmt.Sprintf("%s[%d]", name, i), x, f.Items); err != nil {
					return err
				}
			}
		}
	default: // string
		switch t := v.(type) {
		case map[string]any, []any:
			return invalid("Field '%s' must be a string", name)
		case string:
			if len(f.Enum) > 0 && !inEnum(t, f.Enum) {
				return enumErr(name, t, f.Enum)
			}
		}
	}
	return nil
}
