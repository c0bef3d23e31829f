package backlog

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

func TestLoadBlueprintFixture(t *testing.T) {
	content, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "blueprint", "berth.hcl"))
	require.NoError(t, err)

	backlog, errors := Load("berth.hcl", content, testRules())
	require.Empty(t, errors)

	assert.Equal(t, "docker-blueprint", backlog.Name)
	assert.Equal(t, "1.1", backlog.Version)
	require.Len(t, backlog.Items, 20)
	for id, want := range Default().Items {
		got := backlog.Items[id]
		assert.Equal(t, want.Task, got.Task, "task of %s", id)
		assert.Equal(t, want.Owner, got.Owner, "owner of %s", id)
		assert.Equal(t, want.Priority, got.Priority, "priority of %s", id)
		assert.Equal(t, "open", got.Status, "status of %s", id)
	}

	assert.Equal(t, []input.Family{
		{Name: "family-cpu-pydeps", GPU: false, Image: "registry.local/family-cpu-pydeps",
			Location: input.Location{File: "berth.hcl", Line: 147, Column: 1, EndLine: 147, EndColumn: 7}},
		{Name: "family-cuda", GPU: true, Image: "registry.local/family-cuda",
			Location: input.Location{File: "berth.hcl", Line: 152, Column: 1, EndLine: 152, EndColumn: 7}},
		{Name: "family-vision-cu121", GPU: true, Image: "registry.local/family-vision-cu121",
			Location: input.Location{File: "berth.hcl", Line: 158, Column: 1, EndLine: 158, EndColumn: 7}},
	}, backlog.Families)

	assert.Equal(t, []input.Host{
		{Name: "mainpc", Compose: []string{"mainpc/docker-compose.yml"},
			Location: input.Location{File: "berth.hcl", Line: 163, Column: 1, EndLine: 163, EndColumn: 5}},
		{Name: "pc2", Compose: []string{"pc2/docker-compose.yml"},
			Location: input.Location{File: "berth.hcl", Line: 167, Column: 1, EndLine: 167, EndColumn: 5}},
	}, backlog.Hosts)

	require.Len(t, backlog.Waivers, 1)
	assert.Equal(t, "C-6", backlog.Waivers[0].Rule)
	assert.Equal(t, []string{"watchtower"}, backlog.Waivers[0].Services)
	assert.Equal(t, "2027-06-30", backlog.Waivers[0].Expires)

	require.Len(t, backlog.QoS, 1)
	assert.Equal(t, "streaming-audio", backlog.QoS[0].Service)
	assert.Equal(t, pointer(20.0), backlog.QoS[0].LatencyMS)
	assert.Equal(t, pointer(5.0), backlog.QoS[0].JitterMS)
}
