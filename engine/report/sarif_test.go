package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// writeSARIF writes r as SARIF, checks it against the schema and returns
// it decoded into generic JSON values.
func writeSARIF(t *testing.T, opts Options, r finding.Report) map[string]any {
	t.Helper()

	reporter, err := New(FormatSARIF, opts)
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, reporter.Write(&out, r))
	validateSARIF(t, out.Bytes())

	var doc map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &doc))

	return doc
}

// lookup follows keys (strings) and indices (ints) into a decoded JSON
// value and fails the test when one is missing.
func lookup(t *testing.T, v any, path ...any) any {
	t.Helper()

	for _, step := range path {
		switch step := step.(type) {
		case string:
			obj, ok := v.(map[string]any)
			require.True(t, ok, "want an object before %q", step)
			v, ok = obj[step]
			require.True(t, ok, "missing key %q", step)
		case int:
			list, ok := v.([]any)
			require.True(t, ok, "want a list before index %d", step)
			require.Less(t, step, len(list))
			v = list[step]
		}
	}

	return v
}

func singleFinding(l input.Location) finding.Report {
	return finding.Report{
		ToolVersion: "1.0.0",
		Rules:       []finding.Rule{{ID: "C-6", Level: finding.LevelError}},
		Findings:    []finding.Finding{{RuleID: "C-6", Level: finding.LevelError, Message: "privileged", Location: l}},
	}
}

func TestSARIFValidReports(t *testing.T) {
	root := writeFixtureRoot(t)

	tests := []struct {
		name   string
		report finding.Report
	}{
		{name: "fixture", report: fixtureReport()},
		{name: "empty report", report: finding.Report{}},
		{name: "load error without location", report: finding.Report{Errors: []input.LoadError{{Message: "no Compose file found"}}}},
		{name: "finding without line", report: singleFinding(input.Location{File: "docker-compose.yml"})},
		{name: "absolute path outside root", report: singleFinding(input.Location{File: "/opt/other/compose.yml", Line: 2})},
		{name: "rule without metadata", report: finding.Report{Findings: []finding.Finding{{RuleID: "C-99", Message: "m", Location: input.Location{File: "a.yml", Line: 1}}}}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := writeSARIF(t, Options{Root: root}, tt.report)
			assert.Equal(t, "2.1.0", doc["version"])
		})
	}
}

func TestSARIFRegion(t *testing.T) {
	tests := []struct {
		name     string
		location input.Location
		want     map[string]any
	}{
		{
			name:     "one line",
			location: input.Location{File: "a.yml", Line: 3, Column: 12, EndLine: 3, EndColumn: 22},
			want:     map[string]any{"startLine": 3.0, "startColumn": 12.0, "endLine": 3.0, "endColumn": 22.0},
		},
		{
			name:     "several lines",
			location: input.Location{File: "a.yml", Line: 9, Column: 5, EndLine: 10, EndColumn: 33},
			want:     map[string]any{"startLine": 9.0, "startColumn": 5.0, "endLine": 10.0, "endColumn": 33.0},
		},
		{
			name:     "line only",
			location: input.Location{File: "a.yml", Line: 5},
			want:     map[string]any{"startLine": 5.0},
		},
		{
			name:     "start column without end",
			location: input.Location{File: "a.yml", Line: 5, Column: 3},
			want:     map[string]any{"startLine": 5.0, "startColumn": 3.0},
		},
		{
			name:     "end line before start",
			location: input.Location{File: "a.yml", Line: 9, Column: 5, EndLine: 8, EndColumn: 1},
			want:     map[string]any{"startLine": 9.0, "startColumn": 5.0},
		},
		{
			name:     "end column before start column",
			location: input.Location{File: "a.yml", Line: 3, Column: 12, EndLine: 3, EndColumn: 4},
			want:     map[string]any{"startLine": 3.0, "startColumn": 12.0, "endLine": 3.0},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := writeSARIF(t, Options{Root: t.TempDir()}, singleFinding(tt.location))

			region := lookup(t, doc, "runs", 0, "results", 0, "locations", 0, "physicalLocation", "region")
			assert.Equal(t, tt.want, region)
		})
	}
}

func TestSARIFRegionOmittedWithoutLine(t *testing.T) {
	doc := writeSARIF(t, Options{Root: t.TempDir()}, singleFinding(input.Location{File: "a.yml"}))

	physical := lookup(t, doc, "runs", 0, "results", 0, "locations", 0, "physicalLocation").(map[string]any)
	assert.NotContains(t, physical, "region")
}

func TestSARIFArtifactLocation(t *testing.T) {
	root := t.TempDir()

	tests := []struct {
		name        string
		file        string
		wantURI     string
		wantBaseID  any
		wantBaseSet bool
	}{
		{name: "plain", file: "docker-compose.yml", wantURI: "docker-compose.yml", wantBaseID: "%SRCROOT%", wantBaseSet: true},
		{name: "cleaned", file: "./deploy/../docker-compose.yml", wantURI: "docker-compose.yml", wantBaseID: "%SRCROOT%", wantBaseSet: true},
		{name: "space and umlaut", file: "deploy/prod stack/düsseldorf.yml", wantURI: "deploy/prod%20stack/d%C3%BCsseldorf.yml", wantBaseID: "%SRCROOT%", wantBaseSet: true},
		{name: "colon", file: "a:b.yml", wantURI: "a%3Ab.yml", wantBaseID: "%SRCROOT%", wantBaseSet: true},
		{name: "percent", file: "100%.yml", wantURI: "100%25.yml", wantBaseID: "%SRCROOT%", wantBaseSet: true},
		{name: "hash and question mark", file: "dir/#x?.yml", wantURI: "dir/%23x%3F.yml", wantBaseID: "%SRCROOT%", wantBaseSet: true},
		{name: "absolute under root", file: filepath.Join(root, "svc", "compose.yml"), wantURI: "svc/compose.yml", wantBaseID: "%SRCROOT%", wantBaseSet: true},
		{name: "absolute outside root", file: "/opt/other stack/compose.yml", wantURI: "file:///opt/other%20stack/compose.yml"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := writeSARIF(t, Options{Root: root}, singleFinding(input.Location{File: tt.file, Line: 1}))

			location := lookup(t, doc, "runs", 0, "results", 0, "locations", 0, "physicalLocation", "artifactLocation").(map[string]any)
			assert.Equal(t, tt.wantURI, location["uri"])
			assert.Equal(t, 0.0, location["index"])

			baseID, ok := location["uriBaseId"]
			assert.Equal(t, tt.wantBaseSet, ok)
			assert.Equal(t, tt.wantBaseID, baseID)

			artifact := lookup(t, doc, "runs", 0, "artifacts", 0, "location").(map[string]any)
			assert.Equal(t, tt.wantURI, artifact["uri"])
			assert.NotContains(t, artifact, "index")
		})
	}
}

func TestSARIFArtifactsDistinct(t *testing.T) {
	doc := writeSARIF(t, Options{Root: writeFixtureRoot(t)}, fixtureReport())

	var uris []any
	for _, artifact := range lookup(t, doc, "runs", 0, "artifacts").([]any) {
		uris = append(uris, lookup(t, artifact, "location", "uri"))
	}

	assert.Equal(t, []any{
		"backlog.hcl",
		"broken.yml",
		"deploy/prod%20stack/d%C3%BCsseldorf.compose.yml",
		"docker-compose.yml",
		"services/api/Dockerfile",
	}, uris)
}

func TestSARIFSuppressionKind(t *testing.T) {
	tests := []struct {
		name string
		kind string
		want string
	}{
		{name: "in source", kind: "inSource", want: "inSource"},
		{name: "external", kind: "external", want: "external"},
		{name: "unset", kind: "", want: "external"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report := singleFinding(input.Location{File: "a.yml", Line: 1})
			report.Findings[0].Suppression = &finding.Suppression{Kind: tt.kind, Justification: "accepted risk"}

			doc := writeSARIF(t, Options{Root: t.TempDir()}, report)

			suppression := lookup(t, doc, "runs", 0, "results", 0, "suppressions", 0)
			assert.Equal(t, map[string]any{"kind": tt.want, "justification": "accepted risk", "status": "accepted"}, suppression)
		})
	}
}

func TestSARIFVersions(t *testing.T) {
	tests := []struct {
		name         string
		version      string
		wantVersion  any
		wantSemantic any
	}{
		{name: "v prefix", version: "v0.4.1", wantVersion: "v0.4.1", wantSemantic: "0.4.1"},
		{name: "pre-release and build", version: "1.2.3-rc.1+build.5", wantVersion: "1.2.3-rc.1+build.5", wantSemantic: "1.2.3-rc.1+build.5"},
		{name: "development build", version: "dev", wantVersion: "dev"},
		{name: "two numbers", version: "1.2", wantVersion: "1.2"},
		{name: "leading zero", version: "01.2.3", wantVersion: "01.2.3"},
		{name: "unset", version: ""},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := writeSARIF(t, Options{Root: t.TempDir()}, finding.Report{ToolVersion: tt.version})

			driver := lookup(t, doc, "runs", 0, "tool", "driver").(map[string]any)
			assert.Equal(t, "berth", driver["name"])
			assert.Equal(t, tt.wantVersion, driver["version"])
			assert.Equal(t, tt.wantSemantic, driver["semanticVersion"])
		})
	}
}

func TestSARIFRunProperties(t *testing.T) {
	tests := []struct {
		name           string
		opts           Options
		wantAutomation string
		wantBaseIDs    any
	}{
		{
			name:           "defaults",
			wantAutomation: "berth/",
		},
		{
			name:           "source root and category",
			opts:           Options{SourceRootURI: "file:///home/ci/src/", AutomationID: "berth/compose/"},
			wantAutomation: "berth/compose/",
			wantBaseIDs:    map[string]any{"%SRCROOT%": map[string]any{"uri": "file:///home/ci/src/"}},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Root = t.TempDir()
			doc := writeSARIF(t, tt.opts, finding.Report{})

			run := lookup(t, doc, "runs", 0).(map[string]any)
			assert.Equal(t, tt.wantAutomation, lookup(t, run, "automationDetails", "id"))
			assert.Equal(t, "utf16CodeUnits", run["columnKind"])
			assert.Equal(t, tt.wantBaseIDs, run["originalUriBaseIds"])
			assert.Equal(t, []any{}, run["results"])
		})
	}
}

func TestSARIFInvocation(t *testing.T) {
	tests := []struct {
		name              string
		errors            []input.LoadError
		wantSuccessful    bool
		wantNotifications any
	}{
		{name: "all files loaded", wantSuccessful: true},
		{
			name:           "load error",
			errors:         []input.LoadError{{Location: input.Location{File: "broken.yml", Line: 4, Column: 3}, Message: "mapping values are not allowed"}},
			wantSuccessful: false,
			wantNotifications: []any{map[string]any{
				"level":   "error",
				"message": map[string]any{"text": "mapping values are not allowed"},
				"locations": []any{map[string]any{"physicalLocation": map[string]any{
					"artifactLocation": map[string]any{"uri": "broken.yml", "uriBaseId": "%SRCROOT%", "index": 0.0},
					"region":           map[string]any{"startLine": 4.0, "startColumn": 3.0},
				}}},
			}},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := writeSARIF(t, Options{Root: t.TempDir()}, finding.Report{Errors: tt.errors})

			invocation := lookup(t, doc, "runs", 0, "invocations", 0).(map[string]any)
			assert.Equal(t, tt.wantSuccessful, invocation["executionSuccessful"])
			assert.Equal(t, tt.wantNotifications, invocation["toolExecutionNotifications"])
		})
	}
}

func TestSARIFRuleIndex(t *testing.T) {
	report := finding.Report{
		Rules: []finding.Rule{{ID: "C-2"}, {ID: "C-10"}},
		Findings: []finding.Finding{
			{RuleID: "C-10", Message: "known", Location: input.Location{File: "a.yml", Line: 1}},
			{RuleID: "C-99", Message: "unknown", Location: input.Location{File: "a.yml", Line: 2}},
		},
	}

	doc := writeSARIF(t, Options{Root: t.TempDir()}, report)

	assert.Equal(t, 1.0, lookup(t, doc, "runs", 0, "results", 0, "ruleIndex"))
	assert.Equal(t, 2.0, lookup(t, doc, "runs", 0, "results", 1, "ruleIndex"))
	assert.Equal(t, "C-99", lookup(t, doc, "runs", 0, "tool", "driver", "rules", 2, "id"))
}

// The expected hashes were evaluated with the closed form described in
// fingerprint_test.go, from the fixture's docker-compose.yml.
func TestSARIFFingerprint(t *testing.T) {
	root := writeFixtureRoot(t)

	tests := []struct {
		name     string
		location input.Location
		want     any
	}{
		{name: "start line", location: input.Location{File: "docker-compose.yml", Line: 4, Column: 5}, want: "12828d578d4aaec2:1"},
		{name: "no line uses line 1", location: input.Location{File: "docker-compose.yml"}, want: "46519e492cf8b727:1"},
		{name: "missing file", location: input.Location{File: "missing.yml", Line: 1}},
		{name: "line past end of file", location: input.Location{File: "docker-compose.yml", Line: 40}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := writeSARIF(t, Options{Root: root}, singleFinding(tt.location))

			result := lookup(t, doc, "runs", 0, "results", 0).(map[string]any)
			if tt.want == nil {
				assert.NotContains(t, result, "partialFingerprints")

				return
			}
			assert.Equal(t, tt.want, lookup(t, result, "partialFingerprints", "primaryLocationLineHash"))
		})
	}
}

// go-sarif writes SARIF defaults such as "byteOffset": -1, and the VS Code
// SARIF Viewer reads any byteOffset as a position in its hex view.
func TestSARIFDefaultsLeftOut(t *testing.T) {
	got := writeReport(t, FormatSARIF, fixtureOptions(writeFixtureRoot(t)))

	for _, text := range []string{"byteOffset", "charOffset", "parentIndex", ": -1", "[]", "{}", "en-US"} {
		assert.False(t, strings.Contains(string(got), text), "SARIF log contains %q", text)
	}
}
