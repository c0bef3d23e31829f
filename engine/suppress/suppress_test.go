package suppress

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

const compose = `# berth:ignore-file C-17 images are pinned by the release job
services:
  watchtower:
    image: containrrr/watchtower:1.7.1
    volumes:
      # berth:ignore C-6 watchtower needs the socket to restart containers
      - /var/run/docker.sock:/var/run/docker.sock
      - /run/docker.sock:/run/docker.sock  # berth:ignore C-6,C-10 same host socket
    ports:
      - "80:80"  # berth:ignore C-10
  other:
    image: nginx  # berth:ignore
`

func at(rule string, line int) finding.Finding {
	return finding.Finding{RuleID: rule, Level: finding.LevelError, Location: input.Location{File: "compose.yaml", Line: line, Column: 9}}
}

func TestApply(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "compose.yaml"), []byte(compose), 0o644))

	findings := []finding.Finding{
		at("C-6", 7),
		at("C-6", 8),
		at("C-10", 8),
		at("C-9", 8),
		at("C-10", 10),
		at("C-17", 12),
		at("C-6", 3),
	}

	got, errs := Apply(root, nil, findings)

	reasons := make([]string, len(got))
	for i, f := range got {
		if f.Suppression != nil {
			assert.Equal(t, "inSource", f.Suppression.Kind)
			reasons[i] = f.Suppression.Justification
		}
	}
	assert.Equal(t, []string{
		"watchtower needs the socket to restart containers",
		"same host socket",
		"same host socket",
		"",
		"",
		"images are pinned by the release job",
		"",
	}, reasons)
	assert.Equal(t, 6, got[0].Suppression.Location.Line)
	assert.Equal(t, 7, got[0].Suppression.Location.Column)

	require.Len(t, errs, 2)
	assert.Equal(t, 10, errs[0].Line)
	assert.Contains(t, errs[0].Message, "needs a reason after the rule id")
	assert.Equal(t, 12, errs[1].Line)
	assert.Contains(t, errs[1].Message, "needs a rule id and a reason")
}

func TestIgnoreFileBelowContent(t *testing.T) {
	root := t.TempDir()
	content := "FROM python:3.12\n# berth:ignore-file C-17 too late\nRUN pip install flask\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "Dockerfile"), []byte(content), 0o644))

	f := finding.Finding{RuleID: "C-17", Location: input.Location{File: "Dockerfile", Line: 3, Column: 1}}
	got, errs := Apply(root, nil, []finding.Finding{f})

	assert.Nil(t, got[0].Suppression)
	require.Len(t, errs, 1)
	assert.Equal(t, 2, errs[0].Line)
	assert.Contains(t, errs[0].Message, "must be among the comments at the top")
}

func TestUnknownRuleInComment(t *testing.T) {
	root := t.TempDir()
	content := "services:\n  agent:\n    volumes:\n      # berth:ignore C-66 the proxy needs exec\n      - /var/run/docker.sock:/var/run/docker.sock\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "compose.yaml"), []byte(content), 0o644))

	got, errs := Apply(root, []string{"C-6", "C-10"}, []finding.Finding{at("C-6", 5)})

	assert.Nil(t, got[0].Suppression)
	require.Len(t, errs, 1)
	assert.Equal(t, 4, errs[0].Line)
	assert.Equal(t, "berth:ignore names the unknown rule C-66; use one of C-6, C-10", errs[0].Message)
}

func TestUserRuleIDWithDots(t *testing.T) {
	root := t.TempDir()
	content := "services:\n  web:\n    # berth:ignore main.deny the port is internal\n    ports: [\"80:80\"]\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "compose.yaml"), []byte(content), 0o644))

	got, errs := Apply(root, []string{"C-6", "main.deny"}, []finding.Finding{at("main.deny", 4)})

	assert.Empty(t, errs)
	require.NotNil(t, got[0].Suppression)
	assert.Equal(t, "the port is internal", got[0].Suppression.Justification)
}
