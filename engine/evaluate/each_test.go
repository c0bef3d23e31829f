package evaluate

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

// A rule whose function yields two values for one input fails at run time
// with a conflict error, whatever its unit tests covered.
const conflicting = `# METADATA
# title: Conflicting
# custom:
#   id: X-1
package berth.rules.conflicting

import data.berth.lib.result

_kind(_) := "a"

_kind(service) := "b" if service.name

deny contains result.fail(rego.metadata.chain(), _kind(service), service.location) if {
	some project in input.projects
	some service in project.services
}
`

const working = `# METADATA
# title: Working
# custom:
#   id: X-2
package berth.rules.working

import data.berth.lib.result

deny contains result.fail(rego.metadata.chain(), "found", service.location) if {
	some project in input.projects
	some service in project.services
}
`

func TestEvaluateIsolatesFailingRule(t *testing.T) {
	fsys := fstest.MapFS{
		"conflicting/conflicting.rego": {Data: []byte(conflicting)},
		"working/working.rego":         {Data: []byte(working)},
	}
	eval, err := NewFromFS(context.Background(), fsys)
	require.NoError(t, err)

	at := input.Location{File: "compose.yaml", Line: 2, Column: 3}
	doc := input.Document{Version: input.Version, Projects: []input.Project{{
		Name:     "demo",
		Services: []input.Service{{Name: "web", Location: at}},
	}}}

	findings, err := eval.Evaluate(context.Background(), doc)

	var failed RuleErrors
	require.True(t, errors.As(err, &failed), "want RuleErrors, got %v", err)
	require.Len(t, failed, 1)
	assert.Equal(t, "data.berth.rules.conflicting", failed[0].Package)
	assert.Equal(t, 5, failed[0].Location.Line)

	require.Len(t, findings, 1)
	assert.Equal(t, Finding{RuleID: "X-2", Message: "found", Location: at}, findings[0])
}
