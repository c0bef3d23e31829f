package backlog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

func TestMarkdownTeamRows(t *testing.T) {
	content, err := os.ReadFile(filepath.Join("testdata", "action-backlog.md"))
	require.NoError(t, err)

	// The team's table pads some cells differently, so rows are compared
	// cell by cell.
	teamTables := parseTables(string(content))
	require.Len(t, teamTables, 1)

	renderedTables := parseTables(Markdown(Default(), nil))
	require.Len(t, renderedTables, 1)

	assert.Equal(t, teamTables[0].header.cells, renderedTables[0].header.cells)
	require.Len(t, renderedTables[0].rows, len(teamTables[0].rows))
	for index, row := range teamTables[0].rows {
		assert.Equal(t, row.cells, renderedTables[0].rows[index].cells, "row %d", index+1)
	}
}

func TestMarkdownText(t *testing.T) {
	backlog := input.Backlog{Items: map[string]input.Item{
		"C-10": {ID: "C-10", Task: "Resolve port collisions", Owner: "DevOps", Priority: "P1", Status: "open"},
		"C-2":  {ID: "C-2", Task: "Keep UOC | drop API\nsoon", Owner: "Platform Eng", Priority: "P0", Status: "open"},
		"C-6":  {ID: "C-6", Task: "Proxy the socket", Owner: "Security", Priority: "P0", Status: "done"},
	}}

	got := Markdown(backlog, nil)

	assert.Equal(t, "| ID | Task (Condensed) | Owner Role | Priority | Status |\n"+
		"|----|------------------|------------|----------|--------|\n"+
		"| C-2 | Keep UOC \\| drop API soon | Platform Eng | P0 | - [ ] |\n"+
		"| C-6 | Proxy the socket | Security | P0 | - [x] |\n"+
		"| C-10 | Resolve port collisions | DevOps | P1 | - [ ] |\n", got)
}

func TestMarkdownStatus(t *testing.T) {
	tests := []struct {
		name     string
		status   string
		measured map[string]int
		want     string
	}{
		{name: "open without measurement", status: "open", measured: nil, want: "- [ ]"},
		{name: "done without measurement", status: "done", measured: map[string]int{"C-7": 0}, want: "- [x]"},
		{name: "open with zero findings", status: "open", measured: map[string]int{"C-6": 0}, want: "- [x]"},
		{name: "done with findings", status: "done", measured: map[string]int{"C-6": 3}, want: "- [ ]"},
		{name: "wontfix with findings", status: "wontfix", measured: map[string]int{"C-6": 1}, want: "- [ ] wontfix"},
		{name: "wontfix with zero findings", status: "wontfix", measured: map[string]int{"C-6": 0}, want: "- [x] wontfix"},
	}

	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			backlog := input.Backlog{Items: map[string]input.Item{
				"C-6": {ID: "C-6", Task: "Proxy", Owner: "Security", Priority: "P0", Status: test.status},
			}}

			lines := strings.Split(Markdown(backlog, test.measured), "\n")
			require.Len(t, lines, 4)
			assert.Equal(t, "| C-6 | Proxy | Security | P0 | "+test.want+" |", lines[2])
		})
	}
}

func TestMarkdownRoundTrip(t *testing.T) {
	backlog := Default()
	item := backlog.Items["C-13"]
	item.Status = "wontfix"
	backlog.Items["C-13"] = item

	measured := map[string]int{"C-1": 0, "C-2": 4}

	converted, err := ImportMarkdown([]byte(Markdown(backlog, measured)))
	require.NoError(t, err)

	loaded, errors := Load("berth.hcl", converted, testRules())
	require.Empty(t, errors)

	assert.Equal(t, "done", loaded.Items["C-1"].Status)
	assert.Equal(t, "open", loaded.Items["C-2"].Status)
	assert.Equal(t, "wontfix", loaded.Items["C-13"].Status)
	assert.Equal(t, "open", loaded.Items["C-20"].Status)
	assert.Equal(t, backlog.Items["C-12"].Task, loaded.Items["C-12"].Task)
}
