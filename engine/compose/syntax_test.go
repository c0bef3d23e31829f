package compose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

func TestShortAndLongSyntaxLocations(t *testing.T) {
	p, err := loadIn(t, "cases/short-and-long", Options{}, "compose.yaml")
	require.NoError(t, err)

	short := serviceNamed(t, p, "short")
	long := serviceNamed(t, p, "long")

	t.Run("ports", func(t *testing.T) {
		require.Len(t, short.Ports, 2)
		assert.Equal(t, input.Port{
			HostIP: "127.0.0.1", Published: "8080", PublishedStart: 8080, PublishedEnd: 8080,
			Target: 80, Protocol: "tcp", Raw: "127.0.0.1:8080:80",
			Location: at("compose.yaml", 5, 9, 28),
		}, short.Ports[0])
		assert.Equal(t, input.Port{
			Target: 9090, Protocol: "tcp", Raw: "9090",
			Location: at("compose.yaml", 6, 9, 13),
		}, short.Ports[1])

		// A long-syntax item points at its first key.
		require.Len(t, long.Ports, 1)
		assert.Equal(t, input.Port{
			HostIP: "127.0.0.1", Published: "8081", PublishedStart: 8081, PublishedEnd: 8081,
			Target: 80, Protocol: "udp",
			Location: at("compose.yaml", 25, 9, 15),
		}, long.Ports[0])
	})

	t.Run("volumes", func(t *testing.T) {
		require.Len(t, short.Volumes, 2)
		assert.Equal(t, input.Volume{
			Type: "volume", Source: "data", Target: "/var/lib/app", Raw: "data:/var/lib/app",
			Location: at("compose.yaml", 8, 9, 26),
		}, short.Volumes[0])

		// compose-go cleans the target "/etc/app/" to "/etc/app".
		assert.Equal(t, input.Volume{
			Type: "bind", Source: "./conf", Target: "/etc/app", ReadOnly: true, Raw: "./conf:/etc/app/:ro",
			Location: at("compose.yaml", 9, 9, 28),
		}, short.Volumes[1])

		require.Len(t, long.Volumes, 2)
		assert.Equal(t, input.Volume{
			Type: "bind", Source: "./conf", Target: "/etc/app", ReadOnly: true,
			Location: at("compose.yaml", 30, 9, 13),
		}, long.Volumes[0])
		assert.Equal(t, input.Volume{
			Type: "volume", Source: "data", Target: "/var/lib/app",
			Location: at("compose.yaml", 34, 9, 13),
		}, long.Volumes[1])
	})

	t.Run("secrets", func(t *testing.T) {
		assert.Equal(t, []input.Scalar{{Value: "api_key", Location: at("compose.yaml", 11, 9, 16)}}, short.Secrets)
		assert.Equal(t, []input.Scalar{{Value: "api_key", Location: at("compose.yaml", 38, 9, 15)}}, long.Secrets)
	})

	t.Run("healthcheck", func(t *testing.T) {
		require.NotNil(t, short.Healthcheck)
		assert.Equal(t, []string{"CMD-SHELL", "curl -f http://localhost/ || exit 1"}, short.Healthcheck.Test)
		assert.False(t, short.Healthcheck.Disable)
		assert.Equal(t, at("compose.yaml", 12, 5, 16), short.Healthcheck.Location)

		require.NotNil(t, long.Healthcheck)
		assert.Equal(t, []string{"CMD", "curl", "-f", "http://localhost/"}, long.Healthcheck.Test)
		assert.False(t, long.Healthcheck.Disable)
		assert.Equal(t, at("compose.yaml", 40, 5, 16), long.Healthcheck.Location)

		db := serviceNamed(t, p, "db")
		require.NotNil(t, db.Healthcheck)
		assert.Empty(t, db.Healthcheck.Test)
		assert.True(t, db.Healthcheck.Disable)
		assert.Equal(t, at("compose.yaml", 54, 5, 16), db.Healthcheck.Location)
	})

	t.Run("depends_on", func(t *testing.T) {
		// The list item is interpolated before it is matched to the name.
		assert.Equal(t, []input.ServiceLink{
			{Service: "db", Condition: "service_started", Known: true, Location: at("compose.yaml", 15, 9, 26)},
		}, short.DependsOn)
		assert.Equal(t, []input.ServiceLink{
			{Service: "db", Condition: "service_healthy", Known: true, Location: at("compose.yaml", 44, 7, 9)},
		}, long.DependsOn)
	})

	t.Run("environment", func(t *testing.T) {
		assert.Equal(t, []input.EnvVar{
			{Name: "FROM_SHELL", Source: "environment", Location: at("compose.yaml", 18, 9, 19)},
			{Name: "MODE", Value: text("short"), Raw: "short", Source: "environment", Location: at("compose.yaml", 17, 9, 19)},
		}, short.Environment)
		assert.Equal(t, []input.EnvVar{
			{Name: "FROM_SHELL", Source: "environment", Location: at("compose.yaml", 48, 7, 18)},
			{Name: "MODE", Value: text("long"), Raw: "long", Source: "environment", Location: at("compose.yaml", 47, 7, 17)},
		}, long.Environment)
	})

	t.Run("labels", func(t *testing.T) {
		assert.Equal(t, []input.Label{
			{Name: "owner", Value: "web", Location: at("compose.yaml", 21, 9, 18)},
			{Name: "tier", Value: "front", Location: at("compose.yaml", 20, 9, 21)},
		}, short.Labels)
		assert.Equal(t, []input.Label{
			{Name: "owner", Value: "api", Location: at("compose.yaml", 51, 7, 19)},
			{Name: "tier", Value: "back", Location: at("compose.yaml", 50, 7, 17)},
		}, long.Labels)
	})
}

func TestPortsTellProtocolsApart(t *testing.T) {
	p, err := loadIn(t, "cases/port-protocols", Options{}, "compose.yaml")
	require.NoError(t, err)

	ports := serviceNamed(t, p, "dns").Ports
	require.Len(t, ports, 5)

	tests := []struct {
		name      string
		published string
		protocol  string
		location  input.Location
	}{
		{name: "short tcp", published: "53", protocol: "tcp", location: at("compose.yaml", 5, 9, 30)},
		{name: "short udp", published: "53", protocol: "udp", location: at("compose.yaml", 6, 9, 30)},
		{name: "long tcp", published: "853", protocol: "tcp", location: at("compose.yaml", 7, 9, 15)},
		{name: "long udp", published: "8853", protocol: "udp", location: at("compose.yaml", 10, 9, 15)},
		{name: "range", published: "9000-9002", protocol: "tcp", location: at("compose.yaml", 13, 9, 30)},
	}

	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.published, ports[i].Published)
			assert.Equal(t, tt.protocol, ports[i].Protocol)
			assert.Equal(t, tt.location, ports[i].Location)
		})
	}
}
