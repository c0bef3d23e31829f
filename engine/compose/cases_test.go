package compose

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

// loadCase loads the project made of files in testdata/cases/name, with
// paths relative to that folder.
func loadCase(t *testing.T, name string, opts Options, files ...string) (input.Project, error) {
	t.Helper()

	root, err := filepath.Abs(filepath.Join("testdata", "cases", name))
	require.NoError(t, err)

	abs := make([]string, len(files))
	for i, f := range files {
		abs[i] = filepath.Join(root, f)
	}
	opts.Root = root

	return Load(context.Background(), abs, opts)
}

func serviceNamed(t *testing.T, p input.Project, name string) input.Service {
	t.Helper()

	for _, s := range p.Services {
		if s.Name == name {
			return s
		}
	}
	require.Failf(t, "service not found", "no service %q in %v", name, p.Services)

	return input.Service{}
}

func envValue(t *testing.T, s input.Service, name string) input.EnvVar {
	t.Helper()

	for _, e := range s.Environment {
		if e.Name == name {
			return e
		}
	}
	require.Failf(t, "variable not found", "no variable %q in service %s", name, s.Name)

	return input.EnvVar{}
}

func TestDefaultFollowedByBraces(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		labelA string
		labelB string
	}{
		{name: "unset uses the default", labelA: "{{ gold }}", labelB: "gold }}"},
		{name: "set replaces the default", env: []string{"TIER=silver"}, labelA: "{{ silver }}", labelB: "silver }}"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := loadCase(t, "default-then-braces", Options{Env: tt.env}, "compose.yaml")
			require.NoError(t, err)

			app := serviceNamed(t, p, "app")
			assert.Equal(t, tt.labelA, *envValue(t, app, "LABEL_A").Value)
			assert.Equal(t, tt.labelB, *envValue(t, app, "LABEL_B").Value)
			assert.Equal(t, `{{ ${TIER:-gold} }}`, envValue(t, app, "LABEL_A").Raw)
			assert.Equal(t, []string{"TIER"}, envValue(t, app, "LABEL_B").Variables)
		})
	}
}

func TestRequiredVariableInVolume(t *testing.T) {
	t.Run("unset is a load error at its line", func(t *testing.T) {
		p, err := loadCase(t, "required-var-in-volume", Options{}, "compose.yaml")

		var le input.LoadError
		require.ErrorAs(t, err, &le)
		assert.Equal(t, "compose.yaml", le.File)
		assert.Equal(t, 5, le.Line)
		assert.Equal(t, 11, le.Column)
		assert.Contains(t, le.Message, "set DATA_DIR")

		// The project is still loaded, with a placeholder for the
		// variable, so the rest of it is checked.
		var partial PartialError
		require.ErrorAs(t, err, &partial)
		require.Len(t, partial.Errors, 1)
		volumes := serviceNamed(t, p, "app").Volumes
		require.Len(t, volumes, 1)
		assert.Equal(t, "./unset-data_dir", volumes[0].Source)
		for _, use := range p.Variables {
			assert.False(t, use.Defined, "variable %s", use.Name)
		}
	})

	t.Run("set resolves source and keeps the raw text", func(t *testing.T) {
		p, err := loadCase(t, "required-var-in-volume", Options{Env: []string{"DATA_DIR=d"}}, "compose.yaml")
		require.NoError(t, err)

		volumes := serviceNamed(t, p, "app").Volumes
		require.Len(t, volumes, 1)
		assert.Equal(t, "./d", volumes[0].Source)
		assert.Equal(t, "/srv/data", volumes[0].Target)
		assert.Equal(t, "bind", volumes[0].Type)
		assert.Equal(t, "./${DATA_DIR:?set DATA_DIR}/:/srv/data", volumes[0].Raw)
		assert.Equal(t, []string{"DATA_DIR"}, volumes[0].Variables)
		assert.Equal(t, input.Location{File: "compose.yaml", Line: 5, Column: 9, EndLine: 5, EndColumn: 47}, volumes[0].Location)
	})
}

func TestEnvFileWithByteOrderMark(t *testing.T) {
	p, err := loadCase(t, "env-file-with-bom", Options{}, "compose.yaml")
	require.NoError(t, err)

	ports := serviceNamed(t, p, "web").Ports
	require.Len(t, ports, 1)
	assert.Equal(t, "127.0.0.1", ports[0].HostIP)
	assert.Equal(t, "8080", ports[0].Published)
	assert.Equal(t, 8080, ports[0].PublishedStart)
	assert.Equal(t, 80, ports[0].Target)
	assert.Empty(t, ports[0].Unresolved)
}

func TestTwoMergeKeys(t *testing.T) {
	_, err := loadCase(t, "two-merge-keys", Options{}, "compose.yaml")

	var le input.LoadError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "compose.yaml", le.File)
	assert.Equal(t, 9, le.Line)
	assert.Equal(t, 5, le.Column)
	assert.Contains(t, le.Message, "duplicate")
	assert.Contains(t, le.Message, "<<: [*env, *limits]")
}

func TestMergeListInOverride(t *testing.T) {
	p, err := loadCase(t, "merge-list-in-override", Options{}, "compose.yaml", "compose.override.yaml")
	require.NoError(t, err)

	svc := serviceNamed(t, p, "svc")
	x := envValue(t, svc, "X")
	y := envValue(t, svc, "Y")

	assert.Equal(t, "from-one", *x.Value)
	assert.Equal(t, "compose.override.yaml", x.Location.File)
	assert.Equal(t, 2, x.Location.Line)
	assert.Equal(t, "base", *y.Value)
	assert.Equal(t, "compose.yaml", y.Location.File)
	assert.Equal(t, 6, y.Location.Line)
}

func TestResetWithExtends(t *testing.T) {
	p, err := loadCase(t, "reset-with-extends", Options{}, "compose.yaml")
	require.NoError(t, err)

	web := serviceNamed(t, p, "web")
	assert.Empty(t, web.Volumes)
	require.Len(t, web.Ports, 1)
	assert.Equal(t, "127.0.0.1", web.Ports[0].HostIP)
	assert.Equal(t, "8080", web.Ports[0].Published)
	assert.Equal(t, input.Location{File: "base.yml", Line: 7, Column: 9, EndLine: 7, EndColumn: 28}, web.Ports[0].Location)
}

func TestIncludeWithOverride(t *testing.T) {
	p, err := loadCase(t, "include-with-override", Options{}, "compose.yaml")
	require.NoError(t, err)

	api := serviceNamed(t, p, "api")
	require.Len(t, api.Ports, 1)
	assert.Equal(t, "127.0.0.2", api.Ports[0].HostIP)
	assert.Equal(t, "tweak.yaml", api.Ports[0].Location.File)
	assert.Equal(t, 3, api.Ports[0].Location.Line)

	require.Len(t, api.Environment, 1)
	assert.Equal(t, "MODE", api.Environment[0].Name)
	assert.Equal(t, "two", *api.Environment[0].Value)
	assert.Equal(t, "tweak.yaml", api.Environment[0].Location.File)
	assert.Equal(t, 4, api.Environment[0].Location.Line)
}

func TestExtendsFromOtherFolder(t *testing.T) {
	p, err := loadCase(t, "extends-other-dir", Options{}, "project/compose.yaml")
	require.NoError(t, err)

	api := serviceNamed(t, p, "api")
	require.NotNil(t, api.Build)
	assert.Equal(t, "shared/api", api.Build.Context)
	assert.Equal(t, "shared/api/Dockerfile", api.Build.Dockerfile)
	assert.True(t, api.Build.DockerfileExists)
	assert.Equal(t, input.Location{File: "shared/compose.yaml", Line: 3, Column: 5, EndLine: 3, EndColumn: 17}, api.Build.Location)
}

func TestNetworkModeWithNetworks(t *testing.T) {
	_, err := loadCase(t, "network-mode-and-null-network", Options{}, "compose.yaml")

	var le input.LoadError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "compose.yaml", le.File)
	assert.Equal(t, 5, le.Line)
	assert.Contains(t, le.Message, "network_mode")
	assert.Contains(t, le.Message, "networks")
}

func TestVariablePorts(t *testing.T) {
	p, err := loadCase(t, "variable-ports", Options{}, "compose.yaml")
	require.NoError(t, err)

	web := serviceNamed(t, p, "web").Ports
	require.Len(t, web, 1)
	assert.Equal(t, "8080", web[0].Published)
	assert.Equal(t, []string{"WEB_PORT"}, web[0].Variables)
	assert.Empty(t, web[0].Unresolved)

	admin := serviceNamed(t, p, "admin").Ports
	require.Len(t, admin, 1)
	assert.Equal(t, []string{"ADMIN_PORT"}, admin[0].Unresolved)
	assert.Equal(t, 0, admin[0].PublishedStart)
	assert.Equal(t, 9, admin[0].Location.Line)

	var adminUse []input.VariableUse
	for _, v := range p.Variables {
		if v.Name == "ADMIN_PORT" {
			adminUse = append(adminUse, v)
		}
	}
	require.Len(t, adminUse, 1)
	assert.Equal(t, input.VariableUse{
		Name:     "ADMIN_PORT",
		Path:     "services.admin.ports.0",
		Location: input.Location{File: "compose.yaml", Line: 9, Column: 10, EndLine: 9, EndColumn: 22},
	}, adminUse[0])
}
