package backlog

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

const validFile = `backlog "docker-blueprint" {
  version = "1.1"
}

item "C-6" {
  task     = "Replace RW docker.sock with docker-proxy sidecar"
  owner    = "Security"
  priority = "P0"     # P0 blocker, P1 high, P2 medium, P3 low
  status   = "open"   # open | done | wontfix
  params = {          # rule parameters; each rule documents its own, with defaults
    proxy_services = ["docker-proxy"]
  }
}

item "C-9" {
  status = "done"
  params = {
    health_path      = "/healthz"
    interval_seconds = 15
    probe            = { path = "/ready", timeout = 2.5, tags = ["a", 1, true, null] }
  }
}

item "C-19" {
  priority = "P1"
  status   = "wontfix"
  owner    = "Audio Team"
}

family "family-cpu-pydeps" {
  gpu   = false
  image = "registry.local/family-cpu-pydeps"
}

family "family-cuda" {
  gpu = true
}

host "mainpc" {
  compose = ["mainpc/docker-compose.yml"]   # files deployed on one machine
}

waiver "C-6" {
  services = ["watchtower"]
  files    = []            # optional: paths the waiver covers
  reason   = "needs the socket until the proxy supports exec"
  expires  = "2027-01-31"
}

waiver "C-6" {
  files  = ["legacy/docker-compose.yml"]
  reason = "legacy stack, removed next quarter"
}

qos "streaming-audio" {
  latency_ms = 20
  jitter_ms  = 5
}

qos "Cross_Machine Audio" {
  latency_ms = 12.5
}
`

func TestLoadValidFile(t *testing.T) {
	backlog, errors := Load("deploy/berth.hcl", []byte(validFile), testRules())
	require.Empty(t, errors)

	assert.Equal(t, "deploy/berth.hcl", backlog.Path)
	assert.Equal(t, "docker-blueprint", backlog.Name)
	assert.Equal(t, "1.1", backlog.Version)
	assert.Len(t, backlog.Items, 20)

	assert.Equal(t, input.Item{
		ID:       "C-6",
		Task:     "Replace RW docker.sock with docker-proxy sidecar",
		Owner:    "Security",
		Priority: "P0",
		Status:   "open",
		Params:   map[string]any{"proxy_services": []any{"docker-proxy"}},
		Location: input.Location{File: "deploy/berth.hcl", Line: 5, Column: 1, EndLine: 5, EndColumn: 5},
	}, backlog.Items["C-6"])

	assert.Equal(t, input.Item{
		ID:       "C-9",
		Task:     "Rule C-9",
		Owner:    "SRE",
		Priority: "P1",
		Status:   "done",
		Params: map[string]any{
			"health_path":      "/healthz",
			"interval_seconds": int64(15),
			"probe": map[string]any{
				"path":    "/ready",
				"timeout": 2.5,
				"tags":    []any{"a", int64(1), true, nil},
			},
		},
		Location: input.Location{File: "deploy/berth.hcl", Line: 15, Column: 1, EndLine: 15, EndColumn: 5},
	}, backlog.Items["C-9"])

	assert.Equal(t, input.Item{
		ID:       "C-19",
		Task:     "Rule C-19",
		Owner:    "Audio Team",
		Priority: "P1",
		Status:   "wontfix",
		Params:   map[string]any{},
		Location: input.Location{File: "deploy/berth.hcl", Line: 24, Column: 1, EndLine: 24, EndColumn: 5},
	}, backlog.Items["C-19"])

	assert.Equal(t, []input.Family{
		{
			Name:     "family-cpu-pydeps",
			GPU:      false,
			Image:    "registry.local/family-cpu-pydeps",
			Location: input.Location{File: "deploy/berth.hcl", Line: 30, Column: 1, EndLine: 30, EndColumn: 7},
		},
		{
			Name:     "family-cuda",
			GPU:      true,
			Location: input.Location{File: "deploy/berth.hcl", Line: 35, Column: 1, EndLine: 35, EndColumn: 7},
		},
	}, backlog.Families)

	assert.Equal(t, []input.Host{{
		Name:     "mainpc",
		Compose:  []string{"mainpc/docker-compose.yml"},
		Location: input.Location{File: "deploy/berth.hcl", Line: 39, Column: 1, EndLine: 39, EndColumn: 5},
	}}, backlog.Hosts)

	assert.Equal(t, []input.Waiver{
		{
			Rule:     "C-6",
			Services: []string{"watchtower"},
			Files:    []string{},
			Reason:   "needs the socket until the proxy supports exec",
			Expires:  "2027-01-31",
			Location: input.Location{File: "deploy/berth.hcl", Line: 43, Column: 1, EndLine: 43, EndColumn: 7},
		},
		{
			Rule:     "C-6",
			Services: []string{},
			Files:    []string{"legacy/docker-compose.yml"},
			Reason:   "legacy stack, removed next quarter",
			Location: input.Location{File: "deploy/berth.hcl", Line: 50, Column: 1, EndLine: 50, EndColumn: 7},
		},
	}, backlog.Waivers)

	assert.Equal(t, []input.QoS{
		{
			Service:   "streaming-audio",
			LatencyMS: pointer(20.0),
			JitterMS:  pointer(5.0),
			Location:  input.Location{File: "deploy/berth.hcl", Line: 55, Column: 1, EndLine: 55, EndColumn: 4},
		},
		{
			Service:   "Cross_Machine Audio",
			LatencyMS: pointer(12.5),
			Location:  input.Location{File: "deploy/berth.hcl", Line: 60, Column: 1, EndLine: 60, EndColumn: 4},
		},
	}, backlog.QoS)
}

func TestLoadItemDefaults(t *testing.T) {
	content := []byte(`item "C-6" { status = "done" }` + "\n")
	rules := append(testRules(), RuleSchema{ID: "X-1", Title: "Custom rule", Priority: "P3"})

	backlog, errors := Load("berth.hcl", content, rules)
	require.Empty(t, errors)
	require.Len(t, backlog.Items, 21)

	tests := []struct {
		name string
		id   string
		want input.Item
	}{
		{
			name: "declared item takes task and priority from rule",
			id:   "C-6",
			want: input.Item{
				ID: "C-6", Task: "Rule C-6", Owner: "Security", Priority: "P0", Status: "done",
				Params:   map[string]any{},
				Location: input.Location{File: "berth.hcl", Line: 1, Column: 1, EndLine: 1, EndColumn: 5},
			},
		},
		{
			name: "missing item takes built-in values",
			id:   "C-12",
			want: input.Item{
				ID: "C-12", Task: "Break circular dependency (Streaming audio ←→ SystemDigitalTwin)",
				Owner: "Backend Lead", Priority: "P0", Status: "open", Params: map[string]any{},
			},
		},
		{
			name: "missing item without built-in takes rule values",
			id:   "X-1",
			want: input.Item{ID: "X-1", Task: "Custom rule", Priority: "P3", Status: "open", Params: map[string]any{}},
		},
	}

	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			assert.Equal(t, test.want, backlog.Items[test.id])
		})
	}
}

func TestLoadEmptyFile(t *testing.T) {
	backlog, errors := Load("berth.hcl", nil, testRules())
	require.Empty(t, errors)

	assert.Equal(t, "berth.hcl", backlog.Path)
	assert.Equal(t, Default().Items, backlog.Items)
	assert.Empty(t, backlog.Families)
	assert.Empty(t, backlog.Waivers)
}

func TestLoadMarshalsEmptyCollections(t *testing.T) {
	backlog, errors := Load("berth.hcl", []byte(`backlog "b" {}`), nil)
	require.Empty(t, errors)

	encoded, err := json.Marshal(backlog)
	require.NoError(t, err)
	assert.JSONEq(t, `{"path":"berth.hcl","name":"b","version":"","items":{},"families":[],"hosts":[],"waivers":[],"qos":[]}`, string(encoded))
}

func TestLoadParamsMarshalToJSON(t *testing.T) {
	backlog, errors := Load("berth.hcl", []byte(`item "C-9" {
  params = { interval_seconds = 1e3, probe = { weights = [0.5, -2, 12345678901234567890] } }
}
`), testRules())
	require.Empty(t, errors)

	encoded, err := json.Marshal(backlog.Items["C-9"].Params)
	require.NoError(t, err)
	assert.JSONEq(t, `{"interval_seconds":1000,"probe":{"weights":[0.5,-2,12345678901234567000]}}`, string(encoded))
}

func TestLoadSyntaxErrorKeepsItems(t *testing.T) {
	backlog, errors := Load("berth.hcl", []byte("item \"C-6\" {\n  status = \"done\"\n"), testRules())

	assertErrors(t, "berth.hcl", []wantError{{
		line:    1,
		column:  12,
		message: "Unclosed configuration block: There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
	}}, errors)
	assert.Equal(t, Default().Items, backlog.Items)
}
