package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
)

func TestJSONEmptyReport(t *testing.T) {
	reporter, err := New(FormatJSON, Options{})
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, reporter.Write(&out, finding.Report{ToolVersion: "dev", Rules: []finding.Rule{{ID: "C-1"}}}))

	var doc map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &doc))

	assert.Equal(t, "dev", doc["tool_version"])
	assert.Equal(t, []any{}, doc["findings"])
	assert.Equal(t, []any{}, doc["errors"])
	assert.Equal(t, []any{}, doc["rules"].([]any)[0].(map[string]any)["tags"])
	assert.Equal(t, map[string]any{
		"error": 0.0, "warning": 0.0, "note": 0.0, "none": 0.0, "suppressed": 0.0, "load_errors": 0.0, "files": 0.0,
	}, doc["summary"])
}
