package runner

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/input"
)

func buildInput(t *testing.T, dir string) input.Document {
	t.Helper()

	root, err := filepath.Abs(filepath.Join("testdata", dir))
	require.NoError(t, err)

	doc, err := BuildInput(context.Background(), Options{Root: root}, nil)
	require.NoError(t, err)

	return doc
}

func TestEmptyComposeFiles(t *testing.T) {
	doc := buildInput(t, "empty-files")

	assert.Empty(t, doc.Projects)
	require.Len(t, doc.Errors, 3)

	files := []string{}
	for _, e := range doc.Errors {
		files = append(files, e.File)
		assert.Contains(t, e.Message, "empty Compose file")
		assert.Equal(t, 1, e.Line)
		assert.Equal(t, 1, e.Column)
	}
	assert.ElementsMatch(t, []string{"compose.yaml", "compose.override.yaml", "docker-compose.yml"}, files)
}

func TestBadFileHidesNoFindings(t *testing.T) {
	doc := buildInput(t, "mixed")

	require.Len(t, doc.Errors, 1)
	assert.Equal(t, "broken/compose.yaml", doc.Errors[0].File)
	assert.Equal(t, 5, doc.Errors[0].Line)

	require.Len(t, doc.Projects, 1)
	assert.Equal(t, []string{"good/compose.yaml"}, doc.Projects[0].Files)
	require.Contains(t, doc.Dockerfiles, "broken/Dockerfile")

	eval, err := evaluate.New(context.Background())
	require.NoError(t, err)
	report, err := Check(context.Background(), eval, doc, Settings{Version: "test", Today: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)

	var socket []string
	for _, f := range report.Findings {
		if f.RuleID == "C-6" {
			socket = append(socket, input.FormatPosition(f.Location))
		}
	}
	assert.Equal(t, []string{"good/compose.yaml:5:9"}, socket)
	assert.Len(t, report.Errors, 1)

	// The Dockerfile's unknown mount type is a warning: the file is still
	// loaded and checked.
	require.Len(t, report.Warnings, 1)
	assert.Equal(t, "broken/Dockerfile", report.Warnings[0].File)
	assert.Equal(t, 2, report.Warnings[0].Line)
}

// TestVariablePortFindings checks ports whose host port comes from a
// variable: a default takes part in collisions, and an unset variable is
// reported by C-1 while C-10 does not guess a value.
func TestVariablePortFindings(t *testing.T) {
	doc := buildInput(t, "variable-ports")
	require.Empty(t, doc.Errors)

	eval, err := evaluate.New(context.Background())
	require.NoError(t, err)
	report, err := Check(context.Background(), eval, doc, Settings{Version: "test", Today: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)

	byRule := map[string][]string{}
	for _, f := range report.Findings {
		byRule[f.RuleID] = append(byRule[f.RuleID], input.FormatPosition(f.Location)+" "+f.Service)
	}

	assert.Equal(t, []string{"compose.yaml:13:9 api"}, byRule["C-10"])
	assert.Equal(t, []string{"compose.yaml:9:10 admin"}, byRule["C-1"])
}

// TestFilesOutsideRoot checks a stack outside --root: its paths stay
// absolute, and the requirement file a Dockerfile installs is still found
// and loaded.
func TestFilesOutsideRoot(t *testing.T) {
	stack, err := filepath.Abs(filepath.Join("testdata", "outside-root"))
	require.NoError(t, err)

	doc, err := BuildInput(context.Background(), Options{Root: t.TempDir(), Paths: []string{stack}}, nil)
	require.NoError(t, err)
	require.Empty(t, doc.Errors)

	dockerfile := filepath.ToSlash(filepath.Join(stack, "app", "Dockerfile"))
	requirements := filepath.ToSlash(filepath.Join(stack, "app", "requirements.txt"))
	require.Contains(t, doc.Dockerfiles, dockerfile)
	refs := doc.Dockerfiles[dockerfile].RequirementFiles
	require.Len(t, refs, 1)
	assert.Equal(t, requirements, refs[0].Path)
	assert.True(t, refs[0].Exists)
	assert.Contains(t, doc.Requirements, requirements)
}
