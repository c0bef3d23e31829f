package policy_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/evaluate/policy"
	"github.com/berth-policy/berth/engine/input"
	"github.com/berth-policy/berth/engine/runner"
)

// viaJSON converts the way OPA converts a JSON input, which InputValue
// must match term for term.
func viaJSON(t *testing.T, v any) ast.Value {
	t.Helper()

	raw, err := json.Marshal(v)
	require.NoError(t, err)

	var generic any
	require.NoError(t, util.UnmarshalJSON(raw, &generic))

	value, err := ast.InterfaceToValue(generic)
	require.NoError(t, err)

	return value
}

func TestInputValueMatchesJSON(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", "..", "fixtures", "blueprint"))
	require.NoError(t, err)

	doc, err := runner.BuildInput(context.Background(), runner.Options{Root: root}, nil)
	require.NoError(t, err)

	got, err := policy.InputValue(doc)
	require.NoError(t, err)

	assert.Equal(t, 0, viaJSON(t, doc).Compare(got), "InputValue differs from the JSON encoding")
}

func TestInputValueEdgeCases(t *testing.T) {
	doc := input.Document{
		Version:  input.Version,
		Projects: nil,
		Dockerfiles: map[string]input.Dockerfile{"Dockerfile": {
			Path:   "Dockerfile",
			Stages: []input.Stage{{Index: 0, Base: input.BaseImage{Stage: -1}}},
		}},
		Backlog: input.Backlog{Items: map[string]input.Item{"C-1": {
			ID:     "C-1",
			Params: map[string]any{"ports": []any{8080.0, 1.5, "x", nil, true}, "nested": map[string]any{"a": int64(3)}},
		}}},
		Errors: []input.LoadError{{Location: input.Location{File: "a.yaml", Line: 2, Column: 3}, Message: "bad"}},
	}
	doc.Backlog.QoS = []input.QoS{{Service: "audio", LatencyMS: new(float64)}}

	got, err := policy.InputValue(doc)
	require.NoError(t, err)

	assert.Equal(t, 0, viaJSON(t, doc).Compare(got), "InputValue differs from the JSON encoding")
}
