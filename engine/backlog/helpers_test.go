package backlog

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

// testRules returns a schema for C-1 to C-20. Titles differ from the built-in
// tasks so that tests can tell which one an item took.
func testRules() []RuleSchema {
	rules := make([]RuleSchema, 0, len(defaultItems))
	for _, row := range defaultItems {
		rules = append(rules, RuleSchema{
			ID:       row.id,
			Title:    "Rule " + row.id,
			Priority: row.priority,
			Params:   map[string]any{},
		})
	}

	rules[5].Params = map[string]any{"proxy_services": []string{"docker-proxy"}, "allow_read_only": true}
	rules[8].Params = map[string]any{"health_path": "/health", "interval_seconds": 30, "probe": nil}
	rules[18].Params = map[string]any{"max_latency_ms": 20.0, "services": map[string]any{}}

	return rules
}

// wantError is an expected load error without its end position.
type wantError struct {
	line    int
	column  int
	message string
}

// assertErrors checks every error's file, line, column and message.
func assertErrors(t *testing.T, path string, want []wantError, got []input.LoadError) {
	t.Helper()

	require.Len(t, got, len(want), "errors: %v", got)
	for index, expected := range want {
		assert.Equal(t, path, got[index].File, "file of error %d", index)
		assert.Equal(t, expected.line, got[index].Line, "line of error %d: %s", index, got[index].Message)
		assert.Equal(t, expected.column, got[index].Column, "column of error %d: %s", index, got[index].Message)
		assert.Equal(t, expected.message, got[index].Message, "message of error %d", index)
	}
}

func pointer[T any](value T) *T {
	return &value
}
