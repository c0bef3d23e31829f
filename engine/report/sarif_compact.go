package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
)

// go-sarif v3 writes every integer, boolean and list field of its model,
// filled with the SARIF default when unset: "byteOffset": -1 in each region,
// "parentIndex": -1 in each artifact, empty lists everywhere. Besides the
// noise, the VS Code SARIF Viewer switches to its hex view when a region
// has any byteOffset (regionToSelection.ts in
// microsoft/sarif-vscode-extension), so the log would no longer open at the
// right line. compactSARIF removes these values.

// sarifDefaults maps property names to the default values that go-sarif
// writes for them. In every object that this package writes, the SARIF
// 2.1.0 schema gives each name this default, so the table needs no object
// paths.
var sarifDefaults = map[string]any{
	"byteOffset":       json.Number("-1"),
	"charOffset":       json.Number("-1"),
	"index":            json.Number("-1"),
	"parentIndex":      json.Number("-1"),
	"length":           json.Number("-1"),
	"id":               json.Number("-1"),
	"rank":             json.Number("-1"),
	"ruleIndex":        json.Number("-1"),
	"enabled":          true,
	"isComprehensive":  false,
	"language":         "en-US",
	"newlineSequences": []any{"\r\n", "\n"},
	"contents":         []any{"localizedData", "nonLocalizedData"},
}

// keptWhenEmpty names the lists that stay even when empty: GitHub code
// scanning rejects a run without results, although SARIF allows one.
var keptWhenEmpty = map[string]bool{"results": true}

// compactSARIF re-encodes a SARIF log without default values and empty
// lists or objects, indented and with a final newline. encoding/json writes
// object keys in sorted order, so the output is deterministic.
func compactSARIF(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()

	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("decode SARIF log: %w", err)
	}

	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)

	if err := enc.Encode(pruneDefaults(doc)); err != nil {
		return nil, fmt.Errorf("encode SARIF log: %w", err)
	}

	return out.Bytes(), nil
}

// pruneDefaults removes, depth first, the properties whose value is their
// SARIF default and then the lists and objects left empty.
func pruneDefaults(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for key, value := range v {
			value = pruneDefaults(value)
			v[key] = value

			if isDefault(key, value) || (isEmpty(value) && !keptWhenEmpty[key]) {
				delete(v, key)
			}
		}
	case []any:
		for i, item := range v {
			v[i] = pruneDefaults(item)
		}
	}

	return v
}

func isDefault(key string, value any) bool {
	def, ok := sarifDefaults[key]

	return ok && reflect.DeepEqual(def, value)
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}

	return false
}
