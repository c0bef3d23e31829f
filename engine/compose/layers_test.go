package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

func TestOverrideFileLocations(t *testing.T) {
	p, err := loadIn(t, "cases/override-file", Options{}, "compose.yaml", "compose.override.yaml")
	require.NoError(t, err)

	web := serviceNamed(t, p, "web")
	assert.Equal(t, at("compose.override.yaml", 2, 3, 6), web.Location)

	require.NotNil(t, web.Image)
	assert.Equal(t, "nginx:1.27-alpine", web.Image.Value)
	assert.Equal(t, at("compose.override.yaml", 3, 12, 29), web.Image.Location)

	require.Len(t, web.Ports, 2)
	assert.Equal(t, "8080", web.Ports[0].Published)
	assert.Equal(t, at("compose.yaml", 5, 9, 28), web.Ports[0].Location)
	assert.Equal(t, "8443", web.Ports[1].Published)
	assert.Equal(t, 443, web.Ports[1].Target)
	assert.Equal(t, at("compose.override.yaml", 5, 9, 29), web.Ports[1].Location)

	mode := envValue(t, web, "MODE")
	assert.Equal(t, text("override"), mode.Value)
	assert.Equal(t, at("compose.override.yaml", 7, 7, 21), mode.Location)

	level := envValue(t, web, "LEVEL")
	assert.Equal(t, text("info"), level.Value)
	assert.Equal(t, at("compose.yaml", 8, 7, 18), level.Location)
}

func TestExtendsLocations(t *testing.T) {
	p, err := loadIn(t, "cases/extends-files", Options{}, "compose.yaml")
	require.NoError(t, err)

	t.Run("same file", func(t *testing.T) {
		worker := serviceNamed(t, p, "worker")
		assert.Equal(t, at("compose.yaml", 8, 3, 9), worker.Location)

		require.NotNil(t, worker.Image)
		assert.Equal(t, "python:3.12", worker.Image.Value)
		assert.Equal(t, at("compose.yaml", 3, 12, 23), worker.Image.Location)

		require.Len(t, worker.Ports, 1)
		assert.Equal(t, "9000", worker.Ports[0].Published)
		assert.Equal(t, at("compose.yaml", 7, 9, 30), worker.Ports[0].Location)

		logLevel := envValue(t, worker, "LOG_LEVEL")
		assert.Equal(t, text("debug"), logLevel.Value)
		assert.Equal(t, at("compose.yaml", 5, 9, 24), logLevel.Location)

		queue := envValue(t, worker, "QUEUE")
		assert.Equal(t, text("jobs"), queue.Value)
		assert.Equal(t, at("compose.yaml", 11, 9, 19), queue.Location)
	})

	t.Run("other file", func(t *testing.T) {
		api := serviceNamed(t, p, "api")
		assert.Equal(t, at("compose.yaml", 12, 3, 6), api.Location)

		require.NotNil(t, api.Image)
		assert.Equal(t, "ghcr.io/example/app:2.1", api.Image.Value)
		assert.Equal(t, at("common/services.yaml", 3, 12, 35), api.Image.Location)

		require.NotNil(t, api.User)
		assert.Equal(t, "1000:1000", api.User.Value)
		assert.Equal(t, at("common/services.yaml", 4, 11, 22), api.User.Location)

		tier := labelNamed(t, api, "tier")
		assert.Equal(t, "backend", tier.Value)
		assert.Equal(t, at("common/services.yaml", 6, 7, 20), tier.Location)

		// A relative bind source in the extended file is relative to that
		// file's folder.
		require.Len(t, api.Volumes, 1)
		assert.Equal(t, "./common/data", api.Volumes[0].Source)
		assert.Equal(t, "/srv/data", api.Volumes[0].Target)
		assert.Equal(t, at("common/services.yaml", 8, 9, 25), api.Volumes[0].Location)

		require.Len(t, api.Ports, 1)
		assert.Equal(t, "8000", api.Ports[0].Published)
		assert.Equal(t, at("compose.yaml", 17, 9, 30), api.Ports[0].Location)
	})
}

func TestIncludeLocations(t *testing.T) {
	t.Run("path list", func(t *testing.T) {
		p, err := loadIn(t, "cases/include-with-override", Options{}, "compose.yaml")
		require.NoError(t, err)

		api := serviceNamed(t, p, "api")
		assert.Equal(t, at("tweak.yaml", 2, 3, 6), api.Location)

		require.NotNil(t, api.Image)
		assert.Equal(t, at("base.yaml", 3, 12, 22), api.Image.Location)

		require.Len(t, api.Ports, 1)
		assert.Equal(t, "127.0.0.2", api.Ports[0].HostIP)
		assert.Equal(t, at("tweak.yaml", 3, 23, 42), api.Ports[0].Location)

		mode := envValue(t, api, "MODE")
		assert.Equal(t, text("two"), mode.Value)
		assert.Equal(t, at("tweak.yaml", 4, 29, 37), mode.Location)
	})

	t.Run("project directory and env file", func(t *testing.T) {
		p, err := loadIn(t, "cases/include-options", Options{}, "compose.yaml")
		require.NoError(t, err)

		db := serviceNamed(t, p, "db")
		assert.Equal(t, at("db/compose.yaml", 2, 3, 5), db.Location)

		// PG_VERSION and PG_PORT come from the include's env_file.
		require.NotNil(t, db.Image)
		assert.Equal(t, "postgres:16", db.Image.Value)
		assert.Equal(t, "postgres:${PG_VERSION}", db.Image.Raw)
		assert.Equal(t, at("db/compose.yaml", 3, 12, 34), db.Image.Location)

		require.Len(t, db.Ports, 1)
		assert.Equal(t, "5433", db.Ports[0].Published)
		assert.Equal(t, "127.0.0.1:${PG_PORT}:5432", db.Ports[0].Raw)
		assert.Empty(t, db.Ports[0].Unresolved)
		assert.Equal(t, at("db/compose.yaml", 5, 9, 36), db.Ports[0].Location)

		// A relative bind source is relative to project_directory.
		require.Len(t, db.Volumes, 1)
		assert.Equal(t, "./dbdata/pgdata", db.Volumes[0].Source)
		assert.Equal(t, at("db/compose.yaml", 7, 9, 42), db.Volumes[0].Location)

		app := serviceNamed(t, p, "app")
		require.Len(t, app.DependsOn, 1)
		assert.Equal(t, input.ServiceLink{
			Service:   "db",
			Condition: "service_started",
			Known:     true,
			Location:  at("compose.yaml", 9, 9, 11),
		}, app.DependsOn[0])

		assert.Equal(t, []input.VariableUse{
			{Name: "PG_VERSION", Defined: true, Path: "services.db.image", Location: at("db/compose.yaml", 3, 21, 33)},
			{Name: "PG_PORT", Defined: true, Path: "services.db.ports.0", Location: at("db/compose.yaml", 5, 20, 29)},
		}, p.Variables)
	})

	t.Run("nested include from project directory", func(t *testing.T) {
		p, err := loadIn(t, "cases/include-nested", Options{}, "compose.yaml")
		require.NoError(t, err)

		// stack/compose.yaml is included with project_directory work, so
		// its own include and its .env are read from work/.
		cache := serviceNamed(t, p, "cache")
		assert.Equal(t, at("work/sub/cache.yaml", 2, 3, 8), cache.Location)
		require.NotNil(t, cache.Image)
		assert.Equal(t, at("work/sub/cache.yaml", 3, 12, 19), cache.Image.Location)

		db := serviceNamed(t, p, "db")
		require.NotNil(t, db.Image)
		assert.Equal(t, "postgres:16-alpine", db.Image.Value)
		assert.Equal(t, at("stack/compose.yaml", 5, 12, 30), db.Image.Location)

		assert.Equal(t, []input.VariableUse{
			{Name: "PG_TAG", Defined: true, Path: "services.db.image", Location: at("stack/compose.yaml", 5, 21, 29)},
		}, p.Variables)
	})
}
