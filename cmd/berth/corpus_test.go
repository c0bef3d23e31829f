package main

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/berth-policy/berth/internal/sharedtest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusRoot returns the corpus of public stacks, or skips.
func corpusRoot(t *testing.T) string {
	t.Helper()

	return sharedtest.Corpus(t)
}

type jsonReport struct {
	Findings []struct {
		Rule     string `json:"rule"`
		Location struct {
			File   string `json:"file"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"location"`
	} `json:"findings"`
	Errors []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"errors"`
}

func checkJSON(t *testing.T, root, dir string) (int, jsonReport) {
	t.Helper()

	code, stdout, stderr := berth(t, "check", "--root", root, filepath.Join(root, dir), "--format", "json", "--fail-on", "never")

	var report jsonReport
	require.NoError(t, json.Unmarshal([]byte(stdout), &report), stderr)

	return code, report
}

// TestCheckRealStacks runs berth on real public stacks. Docker Compose
// itself rejects immich and mastodon without the .env files their
// deployments create, so exactly those load errors are expected. For
// immich the first empty volume source written in the file is reported.
func TestCheckRealStacks(t *testing.T) {
	root := corpusRoot(t)

	tests := []struct {
		dir    string
		errors []string
	}{
		{dir: "getsentry__self-hosted"},
		{dir: "netbox-community__netbox-docker"},
		{dir: "docker__awesome-compose"},
		{dir: "mastodon__mastodon", errors: []string{`^mastodon__mastodon/docker-compose.yml:64 env file mastodon__mastodon/.env.production not found`}},
		{dir: "immich-app__immich", errors: []string{
			`^immich-app__immich/docker/docker-compose.yml:21 invalid spec: :/data: empty section between colons`,
			`^immich-app__immich/docker/docker-compose.yml:21 invalid spec: :/data: empty section between colons`,
			`^immich-app__immich/docker/docker-compose.yml:21 invalid spec: :/data: empty section between colons`,
		}},
	}

	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			code, report := checkJSON(t, root, tt.dir)

			var errs []string
			for _, e := range report.Errors {
				errs = append(errs, e.File+":"+strconv.Itoa(e.Line)+" "+e.Message)
			}
			sort.Strings(errs)

			require.Len(t, errs, len(tt.errors), "load errors: %v", errs)
			for i, pattern := range tt.errors {
				assert.Regexp(t, pattern, errs[i])
			}

			if len(tt.errors) == 0 {
				assert.Equal(t, exitOK, code)
			} else {
				assert.Equal(t, exitError, code)
			}
		})
	}
}

func TestCheckNetboxFindings(t *testing.T) {
	root := corpusRoot(t)

	_, report := checkJSON(t, root, "netbox-community__netbox-docker")

	var lines []string
	for _, f := range report.Findings {
		lines = append(lines, f.Rule+" "+f.Location.File+":"+strconv.Itoa(f.Location.Line)+":"+strconv.Itoa(f.Location.Column))
	}
	golden(t, "netbox.findings", []byte(strings.Join(lines, "\n")+"\n"))
}
