// Package configproj reconciles the free-form `config` object of Fivetran
// destinations and connections between what the user wrote in Terraform and
// what the Fivetran API returns. It is pure: standard library only, no I/O,
// no Terraform types. Values are plain Go "JSON values": nil, bool, string,
// json.Number, any Go numeric kind (float64, int, int64, *big.Float, ...),
// []any and map[string]any. All numeric kinds are treated alike.
//
// It implements the config rules numbered in DESIGN.md ("Config: the heart
// of the provider"); that list is their only numbering, and "rule N" in this
// package's code and tests means rule N there. Which function does what:
//
//   - Project (rules 1–4) maps the API's config onto the configured keys,
//     recursively: inside nested objects only the configured nested keys are
//     managed; keys the API adds (server defaults, other fields) are ignored
//     (rule 1). A value that means the same as the configured one keeps the
//     configured form (rule 2, Equal). A value the API returns as the mask
//     "******" keeps the configured value, at any depth (nested objects, list
//     items): secrets cannot be drift-checked (rule 3). Real drift of a
//     managed key shows as exactly that change (rule 4): the API value
//     replaces the configured one, coerced to the configured kind when
//     possible (configured 5432, API "5433" gives json.Number("5433");
//     configured "5432", API 5433 gives "5433"; configured true, API "false"
//     gives false). A configured key missing from the API becomes nil. A
//     configured null with a value in the API is drift: the API value shows.
//   - Project's lists (rule 4): lists of the same length are projected
//     element by element. When the length differs the API list wins, but
//     each element that has a configured counterpart at the same index is
//     still projected onto it (objects onto the configured keys, masks keep
//     the configured element, scalars coerced); extra elements are kept whole
//     (scalars coerced to the configured elements' kind when the configured
//     list has one kind).
//   - Equal (rule 2) says when two values mean the same, so there is no
//     perpetual diff: a number and a numeric string (5432 and "5432", 1.5 and
//     "1.50"), a bool and "true"/"false", two strings that hold the same JSON
//     object or array (whitespace and key order ignored; also a string
//     holding JSON versus the object itself), strings that differ only in
//     case when Options.CaseInsensitive says the path is case-insensitive,
//     and lists element by element. Unknown is never equal to anything.
//   - Changes (rule 6) returns the top-level keys to PATCH (Fivetran merges
//     config shallowly): a planned key semantically different from prior is
//     sent whole; a planned null is sent as null, clearing the key, unless
//     prior already held null (rule 5); a key no longer planned is not sent
//     (it is no longer managed and stays as it is in Fivetran: rule 5); equal
//     keys are not sent. Prior holds the configured secrets (rule 3), so a
//     rotated secret is sent. A key whose planned value contains Unknown
//     (the sentinel for values not known at plan time) anywhere counts as
//     changed.
//   - ForCreate (rule 5) drops top-level nulls (nested nulls are kept).
//   - ImportView (rule 7; nothing configured yet) keeps every key the API
//     returns except masked secrets, nulls and the keys the caller drops (the
//     destination-schema keys). It reports the sorted paths of the dropped
//     secrets ("password", "tunnel.private_key", "reports[0].token"; a list
//     holding masked items is dropped whole and reported by its own path).
//   - Validate (rule 8) checks a config against connector-type metadata
//     (Schema): unknown keys (with a did-you-mean from Suggest), wrong value
//     types (accepting the same lenient forms as rule 2: a string holding an
//     integer for an integer field, "true"/"false" for a boolean), enum
//     values (reporting a value that only differs in case), and read-only
//     keys; it recurses into objects and list items, skips nil and Unknown
//     values, and returns problems sorted by path.
//   - ImmutableChanges (rule 10) lists the keys the metadata marks immutable
//     whose managed value changes (rule 2's equality; new and dropped keys do
//     not count): Fivetran refuses to PATCH them, so the provider plans a
//     replacement.
package configproj
