package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	sjs "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot is where the example stack lives; reports are relative to it,
// as when berth runs from the repository root.
const repoRoot = "../.."

// berth runs the command and returns its exit code and outputs.
func berth(t *testing.T, args ...string) (int, string, string) {
	t.Helper()

	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)

	return code, stdout.String(), stderr.String()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()

	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}

	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "output differs from %s; rerun with -update after checking the change", path)
}

func TestCheckBlueprintSARIF(t *testing.T) {
	out := filepath.Join(t.TempDir(), "blueprint.sarif")
	code, _, stderr := berth(t, "check", "--root", repoRoot, filepath.Join(repoRoot, "fixtures/blueprint"), "-o", out)
	require.Equal(t, exitFindings, code, stderr)

	sarif, err := os.ReadFile(out)
	require.NoError(t, err)

	validateSARIF(t, sarif)
	golden(t, "blueprint.sarif", sarif)
}

func TestCheckBlueprintFindings(t *testing.T) {
	code, stdout, stderr := berth(t, "check", "--root", repoRoot, filepath.Join(repoRoot, "fixtures/blueprint"), "--format", "json")
	require.Equal(t, exitFindings, code, stderr)

	var report struct {
		Findings []struct {
			Rule     string `json:"rule"`
			Location struct {
				File   string `json:"file"`
				Line   int    `json:"line"`
				Column int    `json:"column"`
			} `json:"location"`
		} `json:"findings"`
		Errors []json.RawMessage `json:"errors"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &report))
	assert.Empty(t, report.Errors)

	var lines []string
	for _, f := range report.Findings {
		lines = append(lines, f.Rule+" "+f.Location.File+":"+strconv.Itoa(f.Location.Line)+":"+strconv.Itoa(f.Location.Column))
	}
	golden(t, "blueprint.findings", []byte(strings.Join(lines, "\n")+"\n"))
}

func TestCheckBlueprintText(t *testing.T) {
	code, stdout, _ := berth(t, "check", "--root", repoRoot, filepath.Join(repoRoot, "fixtures/blueprint"))

	assert.Equal(t, exitFindings, code)
	golden(t, "blueprint.txt", []byte(stdout))
}

func TestCheckFailOn(t *testing.T) {
	tests := []struct {
		failOn string
		code   int
	}{
		{failOn: "error", code: exitFindings},
		{failOn: "note", code: exitFindings},
		{failOn: "never", code: exitOK},
		{failOn: "sometimes", code: exitError},
	}

	for _, tt := range tests {
		t.Run(tt.failOn, func(t *testing.T) {
			code, _, _ := berth(t, "check", "--root", repoRoot, filepath.Join(repoRoot, "fixtures/blueprint"), "--fail-on", tt.failOn, "--format", "json")
			assert.Equal(t, tt.code, code)
		})
	}
}

func TestCheckUnknownFormat(t *testing.T) {
	code, _, stderr := berth(t, "check", "--format", "yaml", filepath.Join(repoRoot, "fixtures/blueprint"))

	assert.Equal(t, exitError, code)
	assert.Contains(t, stderr, `unknown report format "yaml"`)
}

func validateSARIF(t *testing.T, sarif []byte) {
	t.Helper()

	schemaPath := filepath.Join(repoRoot, "engine", "report", "testdata", "sarif-schema-2.1.0.json")
	raw, err := os.ReadFile(schemaPath)
	require.NoError(t, err)
	schemaDoc, err := sjs.UnmarshalJSON(bytes.NewReader(raw))
	require.NoError(t, err)

	id, _ := schemaDoc.(map[string]any)["$id"].(string)
	compiler := sjs.NewCompiler()
	require.NoError(t, compiler.AddResource(id, schemaDoc))
	schema, err := compiler.Compile(id)
	require.NoError(t, err)

	doc, err := sjs.UnmarshalJSON(bytes.NewReader(sarif))
	require.NoError(t, err)
	require.NoError(t, schema.Validate(doc))
}

func TestCheckOutputFileSummary(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.sarif")
	code, stdout, stderr := berth(t, "check", "--root", repoRoot, filepath.Join(repoRoot, "fixtures/blueprint"), "-o", out)

	assert.Equal(t, exitFindings, code)
	assert.Empty(t, stdout)
	assert.Regexp(t, `^berth: wrote .*r\.sarif: \d+ errors, \d+ warnings, \d+ notes \(1 suppressed or unchanged since the baseline\)\n$`, stderr)
}
