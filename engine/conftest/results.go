package conftest

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/berth-policy/berth/engine/input"
)

// message is one result of a rule as the conventions read it.
type message struct {
	text     string
	location input.Location
	service  string
}

// parseMessage reads one value of a rule's set: a string, or an object
// with a string msg and an optional location under _loc (conftest's
// shape) or under location (berth's shape).
func parseMessage(value any) (message, error) {
	switch v := value.(type) {
	case string:
		return message{text: v}, nil
	case map[string]any:
		text, ok := v["msg"].(string)
		if !ok {
			return message{}, fmt.Errorf("result %s has no string msg field; return a string or an object such as {\"msg\": \"...\"}", brief(value))
		}

		m := message{text: text}
		m.service, _ = v["service"].(string)

		loc, found := v["_loc"]
		if !found {
			loc, found = v["location"]
		}
		if found {
			location, err := parseLocation(loc)
			if err != nil {
				return message{}, fmt.Errorf("result %q: %w", text, err)
			}
			m.location = location
		}

		return m, nil
	}

	return message{}, fmt.Errorf("result %s is neither a string nor an object with msg", brief(value))
}

// parseLocation reads {"file", "line", "column"}, each optional, and
// berth's end_line and end_column.
func parseLocation(value any) (input.Location, error) {
	fields, ok := value.(map[string]any)
	if !ok {
		return input.Location{}, fmt.Errorf("location %s is not an object with file, line and column", brief(value))
	}

	var (
		loc input.Location
		err error
	)
	if file, found := fields["file"]; found {
		if loc.File, ok = file.(string); !ok {
			return input.Location{}, fmt.Errorf("location file %s is not a string", brief(file))
		}
	}

	numbers := []struct {
		key  string
		dest *int
	}{
		{"line", &loc.Line},
		{"column", &loc.Column},
		{"end_line", &loc.EndLine},
		{"end_column", &loc.EndColumn},
	}
	for _, n := range numbers {
		raw, found := fields[n.key]
		if !found {
			continue
		}
		if *n.dest, err = positiveInt(raw); err != nil {
			return input.Location{}, fmt.Errorf("location %s: %w", n.key, err)
		}
	}

	return loc, nil
}

// positiveInt reads a line or column number. OPA returns numbers as
// json.Number; a number written as a string, as some conftest policies do
// with _loc.line, is read too.
func positiveInt(value any) (int, error) {
	var f float64
	switch v := value.(type) {
	case json.Number:
		parsed, err := v.Float64()
		if err != nil {
			return 0, fmt.Errorf("%s is not a number", v)
		}
		f = parsed
	case string:
		var n json.Number = json.Number(v)
		parsed, err := n.Float64()
		if err != nil {
			return 0, fmt.Errorf("%q is not a number", v)
		}
		f = parsed
	case float64:
		f = v
	case int:
		f = float64(v)
	default:
		return 0, fmt.Errorf("%s is not a number", brief(value))
	}

	if f < 0 || f != math.Trunc(f) || f > math.MaxInt32 {
		return 0, fmt.Errorf("%v is not a whole number of at least 0", f)
	}

	return int(f), nil
}

// brief formats a value for a message, cut to a readable length.
func brief(value any) string {
	raw, err := json.Marshal(value)
	if err != nil {
		return fmt.Sprint(value)
	}

	const maxLen = 80
	if len(raw) > maxLen {
		return string(raw[:maxLen]) + "..."
	}

	return string(raw)
}
