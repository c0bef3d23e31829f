package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

func TestDanglingReferencesLoad(t *testing.T) {
	p, err := loadIn(t, "cases/dangling-references", Options{}, "compose.yaml")
	require.NoError(t, err)

	web := serviceNamed(t, p, "web")
	api := serviceNamed(t, p, "api")
	sidecar := serviceNamed(t, p, "sidecar")

	t.Run("depends_on an unknown service", func(t *testing.T) {
		assert.Equal(t, []input.ServiceLink{
			{Service: "api", Condition: "service_started", Known: true, Location: at("compose.yaml", 5, 9, 12)},
			{Service: "ghost", Condition: "service_started", Known: false, Location: at("compose.yaml", 6, 9, 14)},
		}, web.DependsOn)
	})

	t.Run("links to an unknown service", func(t *testing.T) {
		assert.Equal(t, []input.ServiceLink{
			{Service: "api", Known: true, Location: at("compose.yaml", 9, 9, 12)},
			{Service: "phantom", Known: false, Location: at("compose.yaml", 8, 9, 22)},
		}, web.Links)
	})

	t.Run("depends_on cycle", func(t *testing.T) {
		assert.Equal(t, []input.ServiceLink{
			{Service: "web", Condition: "service_started", Known: true, Location: at("compose.yaml", 13, 7, 10)},
		}, api.DependsOn)
	})

	t.Run("network_mode of an unknown service", func(t *testing.T) {
		require.NotNil(t, sidecar.NetworkMode)
		assert.Equal(t, "service:missing", sidecar.NetworkMode.Value)
		assert.Equal(t, at("compose.yaml", 17, 19, 34), sidecar.NetworkMode.Location)
	})

	t.Run("volumes_from an unknown service", func(t *testing.T) {
		assert.Equal(t, []input.ServiceLink{
			{Service: "gone", Known: false, Location: at("compose.yaml", 19, 9, 16)},
		}, sidecar.VolumesFrom)
	})

	// compose-go adds a depends_on entry for every service that links,
	// volumes_from and network_mode name; the input lists those under
	// their own keys only.
	t.Run("implied dependencies are not depends_on", func(t *testing.T) {
		assert.Empty(t, sidecar.DependsOn)
	})
}

func TestDependsOnCycleLoads(t *testing.T) {
	p, err := loadIn(t, "cases/depends-cycle", Options{}, "compose.yaml")
	require.NoError(t, err)

	assert.Equal(t, []input.ServiceLink{
		{Service: "web", Condition: "service_healthy", Known: true, Location: at("compose.yaml", 9, 7, 10)},
	}, serviceNamed(t, p, "api").DependsOn)
	assert.Equal(t, []input.ServiceLink{
		{Service: "api", Condition: "service_started", Known: true, Location: at("compose.yaml", 5, 9, 12)},
	}, serviceNamed(t, p, "web").DependsOn)
}

// compose-go stops at the first inconsistency in map order, so a dangling
// reference could hide a service that cannot run. The project is loaded
// several times so that both orders are all but certain to occur.
func TestReferenceDoesNotHideOtherErrors(t *testing.T) {
	for range 8 {
		le := requireLoadError(t, "cases/reference-hides-no-image", Options{}, "compose.yaml")
		assert.Equal(t, input.LoadError{
			Location: at("compose.yaml", 6, 3, 9),
			Message:  `service "worker" has neither an image nor a build context specified: invalid compose project`,
		}, le)
	}
}
