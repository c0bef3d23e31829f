package backlog

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

func TestDefault(t *testing.T) {
	backlog := Default()

	assert.Equal(t, "", backlog.Path)
	assert.Equal(t, "default", backlog.Name)
	require.Len(t, backlog.Items, 20)

	for id, item := range backlog.Items {
		assert.Equal(t, id, item.ID, "id of %s", id)
		assert.Equal(t, "open", item.Status, "status of %s", id)
		assert.Equal(t, map[string]any{}, item.Params, "params of %s", id)
		assert.True(t, item.Location.IsZero(), "location of %s", id)
	}

	assert.Equal(t, input.Item{
		ID: "C-1", Task: "Define `PORT_OFFSET` default and wire into CI/env",
		Owner: "DevOps", Priority: "P0", Status: "open", Params: map[string]any{},
	}, backlog.Items["C-1"])
	assert.Equal(t, input.Item{
		ID: "C-19", Task: "Document QoS/latency requirements for cross-machine audio",
		Owner: "Arch Team", Priority: "P3", Status: "open", Params: map[string]any{},
	}, backlog.Items["C-19"])
	assert.Equal(t, input.Item{
		ID: "C-20", Task: "Align service names & folder paths (CrossMachineGPUScheduler)",
		Owner: "Repo Maintainers", Priority: "P2", Status: "open", Params: map[string]any{},
	}, backlog.Items["C-20"])

	assert.Equal(t, []input.Family{
		{Name: "family-cpu-pydeps", GPU: false},
		{Name: "family-cuda", GPU: true},
		{Name: "family-vision-cu121", GPU: true},
	}, backlog.Families)
	assert.Equal(t, []input.Host{}, backlog.Hosts)
	assert.Equal(t, []input.Waiver{}, backlog.Waivers)
	assert.Equal(t, []input.QoS{}, backlog.QoS)
}

func TestDefaultReturnsCopy(t *testing.T) {
	first := Default()
	first.Items["C-1"] = input.Item{ID: "C-1", Status: "done"}
	first.Families[0].GPU = true

	second := Default()
	assert.Equal(t, "open", second.Items["C-1"].Status)
	assert.False(t, second.Families[0].GPU)
}
