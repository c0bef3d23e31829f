package discovery

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tree writes files (path to content) under a new directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()

	root := t.TempDir()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}

	return root
}

func rel(t *testing.T, root string, paths []string) []string {
	t.Helper()

	out := []string{}
	for _, p := range paths {
		r, err := filepath.Rel(root, p)
		require.NoError(t, err)
		out = append(out, filepath.ToSlash(r))
	}

	return out
}

func relProjects(t *testing.T, root string, projects [][]string) [][]string {
	t.Helper()

	out := [][]string{}
	for _, p := range projects {
		out = append(out, rel(t, root, p))
	}

	return out
}

var stack = map[string]string{
	"berth.hcl":                             "",
	"app/compose.yaml":                      "services:\n  web:\n    extends:\n      file: docker-compose.base.yml\n      service: web\n",
	"app/compose.override.yaml":             "services: {}\n",
	"app/docker-compose.override.yml":       "services: {}\n",
	"app/docker-compose.yml":                "services: {}\n",
	"app/docker-compose.prod.yml":           "services: {}\n",
	"app/docker-compose.base.yml":           "services: {}\n",
	"app/Dockerfile":                        "FROM alpine:3.20\n",
	"app/requirements.txt":                  "flask==3.0.3\n",
	"app/requirements-dev.txt":              "pytest\n",
	"overrides/compose.proxy.yaml":          "services: {}\n",
	"overrides/docker-compose.override.yml": "services: {}\n",
	"worker/Dockerfile.gpu":                 "FROM alpine:3.20\n",
	"worker/api.dockerfile":                 "FROM alpine:3.20\n",
	"worker/CONTAINERFILE":                  "FROM alpine:3.20\n",
	"worker/constraints.txt":                "",
	"node_modules/pkg/Dockerfile":           "FROM alpine:3.20\n",
	"vendor/x/compose.yaml":                 "services: {}\n",
	".git/compose.yaml":                     "services: {}\n",
	".github/workflows/ci.yml":              "on: push\n",
	".gitlab-ci.yml":                        "stages: []\n",
	"notes.txt":                             "",
}

func TestFindWholeTree(t *testing.T) {
	root := tree(t, stack)

	r, err := Find(root, nil)
	require.NoError(t, err)

	assert.Equal(t, [][]string{
		{"app/compose.yaml", "app/compose.override.yaml"},
		{"app/docker-compose.yml"},
		{"app/compose.yaml", "app/docker-compose.prod.yml"},
	}, relProjects(t, root, r.Projects))
	assert.Equal(t, []string{"app/Dockerfile", "worker/CONTAINERFILE", "worker/Dockerfile.gpu", "worker/api.dockerfile"}, rel(t, root, r.Dockerfiles))
	assert.Equal(t, []string{"app/requirements-dev.txt", "app/requirements.txt", "worker/constraints.txt"}, rel(t, root, r.Requirements))
	assert.Equal(t, []string{".github/workflows/ci.yml", ".gitlab-ci.yml"}, rel(t, root, r.CIFiles))
	assert.Equal(t, filepath.Join(root, "berth.hcl"), r.Backlog)
	assert.False(t, r.Partial)
}

func TestFindStagedFiles(t *testing.T) {
	root := tree(t, stack)

	tests := []struct {
		name         string
		paths        []string
		projects     [][]string
		dockerfiles  []string
		requirements []string
	}{
		{
			name:     "override brings its main file",
			paths:    []string{"app/compose.override.yaml"},
			projects: [][]string{{"app/compose.yaml", "app/compose.override.yaml"}},
		},
		{
			name:     "sibling brings its main file",
			paths:    []string{"app/docker-compose.prod.yml"},
			projects: [][]string{{"app/compose.yaml", "app/docker-compose.prod.yml"}},
		},
		{
			name:     "main file brings every project it is in",
			paths:    []string{"app/compose.yaml"},
			projects: [][]string{{"app/compose.yaml", "app/compose.override.yaml"}, {"app/compose.yaml", "app/docker-compose.prod.yml"}},
		},
		{
			name:        "Dockerfile alone",
			paths:       []string{"worker/Dockerfile.gpu"},
			projects:    [][]string{},
			dockerfiles: []string{"worker/Dockerfile.gpu"},
		},
		{
			name:         "requirement file brings the Dockerfile beside it",
			paths:        []string{"app/requirements.txt"},
			projects:     [][]string{},
			dockerfiles:  []string{"app/Dockerfile"},
			requirements: []string{"app/requirements.txt"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths []string
			for _, p := range tt.paths {
				paths = append(paths, filepath.Join(root, p))
			}

			r, err := Find(root, paths)
			require.NoError(t, err)

			assert.Equal(t, tt.projects, relProjects(t, root, r.Projects))
			assert.True(t, r.Partial)
			assert.Equal(t, []string{".github/workflows/ci.yml", ".gitlab-ci.yml"}, rel(t, root, r.CIFiles))
			assert.Equal(t, nonNil(tt.dockerfiles), rel(t, root, r.Dockerfiles))
			assert.Equal(t, nonNil(tt.requirements), rel(t, root, r.Requirements))
		})
	}
}

func TestFindBacklogBringsEverything(t *testing.T) {
	root := tree(t, stack)

	r, err := Find(root, []string{filepath.Join(root, "berth.hcl")})
	require.NoError(t, err)

	assert.Len(t, r.Projects, 3)
	assert.Len(t, r.Dockerfiles, 4)
}

func TestFindMissingPath(t *testing.T) {
	_, err := Find(t.TempDir(), []string{"/nonexistent/compose.yaml"})
	assert.ErrorContains(t, err, "search /nonexistent/compose.yaml")
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}

	return s
}
