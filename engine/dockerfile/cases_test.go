package dockerfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

// TestParseCases checks Dockerfiles that other tools have misread in
// practice. Each file sits in testdata/cases.
func TestParseCases(t *testing.T) {
	tests := []struct {
		name  string
		check func(t *testing.T, df input.Dockerfile)
	}{
		{
			name: "D01-escape-backtick",
			check: func(t *testing.T, df input.Dockerfile) {
				assert.Equal(t, map[string]input.Directive{
					"escape": {Value: "`", Location: at(1, 1, 1, 11)},
				}, df.Directives)

				require.Len(t, df.Stages, 1)
				stage := df.Stages[0]
				assert.Equal(t, at(2, 1, 2, 51), stage.Location)
				assert.Equal(t, "mcr.microsoft.com/windows/nanoserver", stage.Base.Image)
				assert.Equal(t, "ltsc2022", stage.Base.Tag)

				require.Len(t, stage.Instructions, 2)
				env := stage.Instructions[0]
				assert.Equal(t, "env", env.Command)
				assert.Equal(t, at(3, 1, 4, 19), env.Location)
				assert.Equal(t, []input.KeyValue{
					{Name: "TOOL_HOME", Value: ptr(`C:\tools`)},
					{Name: "TOOL_MODE", Value: ptr("fast")},
				}, env.Env)

				run := stage.Instructions[1]
				assert.Equal(t, "run", run.Command)
				assert.Equal(t, at(5, 1, 5, 23), run.Location)
				assert.Equal(t, []string{`mkdir C:\tools\bin`}, run.Args)
				assert.Empty(t, df.Warnings)
			},
		},
		{
			name: "D02-syntax-then-escape",
			check: func(t *testing.T, df input.Dockerfile) {
				assert.Equal(t, map[string]input.Directive{
					"syntax": {Value: "docker/dockerfile:1", Location: at(1, 1, 1, 29)},
					"escape": {Value: "`", Location: at(2, 1, 2, 11)},
				}, df.Directives)

				require.Len(t, df.Stages, 1)
				assert.Equal(t, at(3, 1, 3, 17), df.Stages[0].Location)

				require.Len(t, df.Stages[0].Instructions, 1)
				run := df.Stages[0].Instructions[0]
				assert.Equal(t, "run", run.Command)
				assert.Equal(t, at(4, 1, 5, 8), run.Location)
				assert.Equal(t, []string{"echo one     two"}, run.Args)
			},
		},
		{
			name: "D03-bom-syntax",
			check: func(t *testing.T, df input.Dockerfile) {
				assert.Equal(t, map[string]input.Directive{
					"syntax": {Value: "docker/dockerfile:1-labs", Location: at(1, 1, 1, 34)},
				}, df.Directives)

				require.Len(t, df.Stages, 1)
				assert.Equal(t, at(2, 1, 2, 17), df.Stages[0].Location)

				require.Len(t, df.Stages[0].Instructions, 1)
				copyInstruction := df.Stages[0].Instructions[0]
				assert.Equal(t, "copy", copyInstruction.Command)
				assert.Equal(t, at(3, 1, 3, 29), copyInstruction.Location)
				assert.Equal(t, []input.Flag{{Name: "parents", Known: true}}, copyInstruction.Flags)
				assert.Equal(t, []string{"a/b.txt", "/dst/"}, copyInstruction.Args)
			},
		},
		{
			name: "D04-quoted-arg-default",
			check: func(t *testing.T, df input.Dockerfile) {
				assert.Equal(t, []input.Arg{
					{Name: "BASE_IMAGE", Default: ptr("alpine:3.20"), Location: at(1, 1, 1, 29)},
				}, df.Args)

				require.Len(t, df.Stages, 1)
				assert.Equal(t, at(2, 1, 2, 19), df.Stages[0].Location)
				assert.Equal(t, input.BaseImage{
					Raw:       "${BASE_IMAGE}",
					Reference: "alpine:3.20",
					Image:     "alpine",
					Tag:       "3.20",
					Stage:     -1,
				}, df.Stages[0].Base)
			},
		},
		{
			name: "D05-future-flags",
			check: func(t *testing.T, df input.Dockerfile) {
				require.Len(t, df.Stages, 1)
				instructions := df.Stages[0].Instructions
				require.Len(t, instructions, 3)

				assert.Equal(t, at(3, 1, 3, 29), instructions[0].Location)
				assert.Equal(t, []input.Flag{{Name: "link", Known: true}}, instructions[0].Flags)

				assert.Equal(t, at(4, 1, 4, 54), instructions[1].Location)
				assert.Equal(t, []input.Flag{
					{Name: "parents", Known: true},
					{Name: "exclude", Value: ptr("*.tmp"), Known: true},
				}, instructions[1].Flags)
				assert.Equal(t, []string{"./src/**/*.json", "/data/"}, instructions[1].Args)

				run := instructions[2]
				assert.Equal(t, "run", run.Command)
				assert.Equal(t, at(5, 1, 5, 29), run.Location)
				assert.Equal(t, []input.Flag{{Name: "frobnicate", Value: ptr("yes"), Known: false}}, run.Flags)
				assert.Equal(t, []string{"echo hi"}, run.Args)

				assert.Equal(t, []input.LoadError{{
					Location: at(5, 1, 5, 29),
					Message:  "RUN does not accept the flag --frobnicate in BuildKit's Dockerfile frontend; remove it, or select a frontend that supports it with the syntax directive",
				}}, df.Warnings)
			},
		},
		{
			name: "D06-arg-prefix-from",
			check: func(t *testing.T, df input.Dockerfile) {
				assert.Equal(t, []input.Arg{
					{Name: "REGISTRY_PREFIX", Default: ptr(""), Location: at(1, 1, 1, 21)},
				}, df.Args)

				require.Len(t, df.Stages, 1)
				stage := df.Stages[0]
				assert.Equal(t, at(2, 1, 2, 35), stage.Location)
				assert.Equal(t, "alpine:3.20", stage.Base.Reference)
				assert.Equal(t, "alpine", stage.Base.Image)
				assert.Equal(t, "3.20", stage.Base.Tag)
				assert.Empty(t, stage.Base.Unresolved)

				require.Len(t, stage.Instructions, 1)
				assert.Equal(t, "run", stage.Instructions[0].Command)
				assert.Equal(t, at(3, 1, 3, 28), stage.Instructions[0].Location)

				for _, location := range allLocations(df) {
					assert.GreaterOrEqual(t, location.Line, 1, "location %+v", location)
					assert.GreaterOrEqual(t, location.Column, 1, "location %+v", location)
				}
			},
		},
		{
			name: "D07-template-placeholders",
			check: func(t *testing.T, df input.Dockerfile) {
				require.Len(t, df.Stages, 1)
				assert.Equal(t, at(1, 1, 1, 17), df.Stages[0].Location)

				instructions := df.Stages[0].Instructions
				require.Len(t, instructions, 2)
				assert.Equal(t, "copy", instructions[0].Command)
				assert.Equal(t, []string{"{{", "app_path", "}}", "/srv/app"}, instructions[0].Args)
				assert.Equal(t, at(2, 1, 2, 29), instructions[0].Location)
				assert.Equal(t, "run", instructions[1].Command)
				assert.Equal(t, at(3, 1, 3, 15), instructions[1].Location)
				assert.Empty(t, df.Warnings)
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content, err := os.ReadFile(filepath.Join("testdata", "cases", tt.name, "Dockerfile"))
			require.NoError(t, err)

			df, err := Parse("Dockerfile", content)
			require.NoError(t, err)

			tt.check(t, df)
		})
	}
}

// TestParseCasesMatchShared keeps the copies in testdata identical to the
// shared cases they were taken from.
func TestParseCasesMatchShared(t *testing.T) {
	shared := sharedDir(t, "cases")

	entries, err := os.ReadDir(filepath.Join("testdata", "cases"))
	require.NoError(t, err)
	require.Len(t, entries, 7)

	for _, entry := range entries {
		t.Run(entry.Name(), func(t *testing.T) {
			local, err := os.ReadFile(filepath.Join("testdata", "cases", entry.Name(), "Dockerfile"))
			require.NoError(t, err)

			original, err := os.ReadFile(filepath.Join(shared, entry.Name(), "Dockerfile"))
			require.NoError(t, err)

			assert.Equal(t, original, local)
		})
	}
}
