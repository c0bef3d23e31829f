package backlog

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestImportMarkdownTeamTable(t *testing.T) {
	content, err := os.ReadFile(filepath.Join("testdata", "action-backlog.md"))
	require.NoError(t, err)

	converted, err := ImportMarkdown(content)
	require.NoError(t, err)

	backlog, errors := Load("berth.hcl", converted, testRules())
	require.Empty(t, errors, "converted file:\n%s", converted)
	require.Len(t, backlog.Items, 20)

	for id, want := range Default().Items {
		got := backlog.Items[id]
		assert.Equal(t, want.Task, got.Task, "task of %s", id)
		assert.Equal(t, want.Owner, got.Owner, "owner of %s", id)
		assert.Equal(t, want.Priority, got.Priority, "priority of %s", id)
		assert.Equal(t, "open", got.Status, "status of %s", id)
		assert.False(t, got.Location.IsZero(), "location of %s", id)
	}
}

func TestImportMarkdownFormat(t *testing.T) {
	content := []byte("# Backlog\n\n" +
		"| ID | Task | Owner Role | Priority | Status |\n" +
		"|:---|------|------------|:--------:|--------|\n" +
		"| C-6 | Replace `docker.sock` with \"proxy\" \\| sidecar ${HOME} %{x} | Security | P0 | - [x] |\n" +
		"| C-7 | Add volumes | DevOps | P1 | [ ] |\n" +
		"| C-8 | Discovery |  | P0 | - [ ] wontfix |\n" +
		"\nText after the table.\n")

	converted, err := ImportMarkdown(content)
	require.NoError(t, err)

	assert.Equal(t, `item "C-6" {
  task     = "Replace `+"`docker.sock`"+` with \"proxy\" | sidecar $${HOME} %%{x}"
  owner    = "Security"
  priority = "P0"
  status   = "done"
}

item "C-7" {
  task     = "Add volumes"
  owner    = "DevOps"
  priority = "P1"
  status   = "open"
}

item "C-8" {
  task     = "Discovery"
  priority = "P0"
  status   = "wontfix"
}
`, string(converted))

	backlog, errors := Load("berth.hcl", converted, testRules())
	require.Empty(t, errors)
	assert.Equal(t, "Replace `docker.sock` with \"proxy\" | sidecar ${HOME} %{x}", backlog.Items["C-6"].Task)
	assert.Equal(t, "done", backlog.Items["C-6"].Status)
	assert.Equal(t, "wontfix", backlog.Items["C-8"].Status)
}

func TestImportMarkdownColumnOrder(t *testing.T) {
	content := []byte("| Status | Priority | Owner | ID | Task |\n|---|---|---|---|---|\n| - [X] | P3 | SRE | C-19 | QoS |\n")

	converted, err := ImportMarkdown(content)
	require.NoError(t, err)

	assert.Equal(t, "item \"C-19\" {\n  task     = \"QoS\"\n  owner    = \"SRE\"\n  priority = \"P3\"\n  status   = \"done\"\n}\n", string(converted))
}

func TestImportMarkdownSkipsOtherTables(t *testing.T) {
	content := []byte("| Name | Value |\n|---|---|\n| a | b |\n\n" +
		"| ID | Task | Owner | Priority | Status |\n|---|---|---|---|---|\n| C-1 | Offset | DevOps | P0 | - [ ] |\n")

	converted, err := ImportMarkdown(content)
	require.NoError(t, err)

	assert.Equal(t, "item \"C-1\" {\n  task     = \"Offset\"\n  owner    = \"DevOps\"\n  priority = \"P0\"\n  status   = \"open\"\n}\n", string(converted))
}

func TestImportMarkdownErrors(t *testing.T) {
	header := "| ID | Task | Owner | Priority | Status |\n|---|---|---|---|---|\n"

	tests := []struct {
		name    string
		content string
		want    string
	}{
		{
			name:    "no table",
			content: "# Backlog\n\nNothing here.\n",
			want:    "no backlog table found: expected a Markdown table with the columns ID, Task, Owner, Priority and Status",
		},
		{
			name:    "table without status column",
			content: "| ID | Task | Owner | Priority |\n|---|---|---|---|\n| C-1 | x | y | P0 |\n",
			want:    "no backlog table found: expected a Markdown table with the columns ID, Task, Owner, Priority and Status",
		},
		{
			name:    "invalid UTF-8",
			content: header + "| C-1 | \xff | y | P0 | - [ ] |\n",
			want:    "invalid Markdown backlog: the content is not valid UTF-8",
		},
		{
			name:    "invalid status",
			content: header + "| C-1 | x | y | P0 | - [~] |\n",
			want:    `invalid Markdown backlog table: line 3: invalid status "- [~]" for C-1; write - [ ] for open or - [x] for done`,
		},
		{
			name:    "invalid priority",
			content: header + "| C-1 | x | y | High | - [ ] |\n",
			want:    `invalid Markdown backlog table: line 3: invalid priority "High" for C-1; expected P0, P1, P2 or P3`,
		},
		{
			name:    "short row",
			content: header + "| C-1 | x | y |\n",
			want:    "invalid Markdown backlog table: line 3: expected 5 cells, found 3",
		},
		{
			name:    "empty id",
			content: header + "|  | x | y | P0 | - [ ] |\n",
			want:    "invalid Markdown backlog table: line 3: the ID cell is empty; write a rule id such as C-6",
		},
		{
			name:    "every invalid row",
			content: header + "| C-1 | x | y | P0 | - [ ] |\n| C-1 | x | y | P0 | - [ ] |\n| C-2 | x | y | P0 | done |\n",
			want: "invalid Markdown backlog table: line 4: duplicate ID C-1; it is already on line 3\n" +
				`line 5: invalid status "done" for C-2; write - [ ] for open or - [x] for done`,
		},
	}

	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			converted, err := ImportMarkdown([]byte(test.content))
			require.Error(t, err)
			assert.Nil(t, converted)
			assert.Equal(t, test.want, err.Error())
		})
	}
}

func TestImportMarkdownNoTableIsSentinel(t *testing.T) {
	_, err := ImportMarkdown([]byte("no table"))
	assert.ErrorIs(t, err, ErrNoTable)
}
