package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProfiles(t *testing.T) {
	tests := []struct {
		name   string
		dir    string
		opts   Options
		active map[string]bool
	}{
		{
			name:   "no profile starts only services without profiles",
			dir:    "cases/profiles",
			active: map[string]bool{"web": true, "debug": false, "metrics": false},
		},
		{
			name:   "option activates a profile",
			dir:    "cases/profiles",
			opts:   Options{Profiles: []string{"debug"}},
			active: map[string]bool{"web": true, "debug": true, "metrics": false},
		},
		{
			name:   "one of a service's profiles is enough",
			dir:    "cases/profiles",
			opts:   Options{Profiles: []string{"monitoring"}},
			active: map[string]bool{"web": true, "debug": false, "metrics": true},
		},
		{
			name:   "COMPOSE_PROFILES in .env activates",
			dir:    "cases/profiles-from-dotenv",
			active: map[string]bool{"web": true, "debug": false, "metrics": true},
		},
		{
			name:   "option replaces COMPOSE_PROFILES",
			dir:    "cases/profiles-from-dotenv",
			opts:   Options{Profiles: []string{"debug"}},
			active: map[string]bool{"web": true, "debug": true, "metrics": false},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := loadIn(t, tt.dir, tt.opts, "compose.yaml")
			require.NoError(t, err)

			// Inactive services are still loaded, so rules check them too.
			require.Len(t, p.Services, len(tt.active))
			for name, active := range tt.active {
				assert.Equal(t, active, serviceNamed(t, p, name).Active, name)
			}
		})
	}

	t.Run("profiles and location of an inactive service", func(t *testing.T) {
		p, err := loadIn(t, "cases/profiles", Options{}, "compose.yaml")
		require.NoError(t, err)

		metrics := serviceNamed(t, p, "metrics")
		assert.Equal(t, []string{"ops", "monitoring"}, metrics.Profiles)
		assert.Equal(t, at("compose.yaml", 7, 3, 10), metrics.Location)
		require.NotNil(t, metrics.Image)
		assert.Equal(t, at("compose.yaml", 8, 12, 35), metrics.Image.Location)
	})
}
