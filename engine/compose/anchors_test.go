package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnchorLocations(t *testing.T) {
	p, err := loadIn(t, "cases/anchors", Options{}, "compose.yaml")
	require.NoError(t, err)

	t.Run("alias as a value points at the alias", func(t *testing.T) {
		single := serviceNamed(t, p, "single")
		require.NotNil(t, single.Image)
		assert.Equal(t, "nginx:1.27", single.Image.Value)
		assert.Equal(t, "nginx:1.27", single.Image.Raw)
		assert.Equal(t, at("compose.yaml", 13, 12, 16), single.Image.Location)
	})

	t.Run("alias of an anchored value", func(t *testing.T) {
		reuse := serviceNamed(t, p, "reuse")
		require.NotNil(t, reuse.Restart)
		assert.Equal(t, "unless-stopped", reuse.Restart.Value)
		assert.Equal(t, "unless-stopped", reuse.Restart.Raw)
		assert.Equal(t, at("compose.yaml", 23, 14, 21), reuse.Restart.Location)
	})

	t.Run("anchored value points past the anchor", func(t *testing.T) {
		several := serviceNamed(t, p, "several")
		require.NotNil(t, several.Restart)
		assert.Equal(t, "unless-stopped", several.Restart.Value)
		assert.Equal(t, at("compose.yaml", 20, 22, 36), several.Restart.Location)
	})

	t.Run("one merge key", func(t *testing.T) {
		single := serviceNamed(t, p, "single")

		merged := envValue(t, single, "LOG_LEVEL")
		assert.Equal(t, text("info"), merged.Value)
		assert.Equal(t, at("compose.yaml", 3, 3, 18), merged.Location)

		overridden := envValue(t, single, "REGION")
		assert.Equal(t, text("us"), overridden.Value)
		assert.Equal(t, at("compose.yaml", 16, 7, 17), overridden.Location)
	})

	t.Run("merge key with a list of aliases", func(t *testing.T) {
		several := serviceNamed(t, p, "several")

		require.Len(t, several.Ports, 1)
		assert.Equal(t, "8080", several.Ports[0].Published)
		assert.Equal(t, at("compose.yaml", 7, 7, 26), several.Ports[0].Location)

		team := labelNamed(t, several, "team")
		assert.Equal(t, "web", team.Value)
		assert.Equal(t, at("compose.yaml", 10, 5, 14), team.Location)
	})
}
