package runner

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/backlog"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

var today = time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)

// socketDocument returns an input with one service that mounts the Docker
// socket, so C-6 finds exactly one violation.
func socketDocument(b input.Backlog) input.Document {
	volumeAt := input.Location{File: "compose.yaml", Line: 5, Column: 9}

	return input.Document{
		Version: input.Version,
		Projects: []input.Project{{
			Name:  "demo",
			Host:  "demo",
			Files: []string{"compose.yaml"},
			Services: []input.Service{{
				Name:     "watchtower",
				Active:   true,
				Location: input.Location{File: "compose.yaml", Line: 2, Column: 3},
				Volumes: []input.Volume{{
					Type: "bind", Source: "/var/run/docker.sock", Target: "/var/run/docker.sock", Location: volumeAt,
				}},
			}},
		}},
		Dockerfiles:  map[string]input.Dockerfile{},
		Requirements: map[string]input.Requirements{},
		CIFiles:      map[string]input.CIFile{},
		Backlog:      b,
	}
}

func socketFindings(t *testing.T, b input.Backlog) []finding.Finding {
	t.Helper()

	eval, err := evaluate.New(context.Background())
	require.NoError(t, err)

	report, err := Check(context.Background(), eval, socketDocument(b), Settings{Version: "test", Today: today})
	require.NoError(t, err)

	var found []finding.Finding
	for _, f := range report.Findings {
		if f.RuleID == "C-6" {
			found = append(found, f)
		}
	}

	return found
}

func withItem(status, priority string) input.Backlog {
	b := backlog.Default()
	item := b.Items["C-6"]
	item.Status, item.Priority = status, priority
	item.Location = input.Location{File: "berth.hcl", Line: 3, Column: 1}
	b.Items["C-6"] = item

	return b
}

func TestCheckLevelFromPriority(t *testing.T) {
	for priority, level := range map[string]finding.Level{"P0": "error", "P1": "error", "P2": "warning", "P3": "note"} {
		t.Run(priority, func(t *testing.T) {
			found := socketFindings(t, withItem("open", priority))
			require.Len(t, found, 1)
			assert.Equal(t, level, found[0].Level)
			assert.Nil(t, found[0].Suppression)
		})
	}
}

func TestCheckDoneItemRegression(t *testing.T) {
	found := socketFindings(t, withItem("done", "P3"))

	require.Len(t, found, 1)
	assert.Equal(t, finding.LevelError, found[0].Level)
	assert.Contains(t, found[0].Message, "The backlog marks C-6 done, so this is a regression.")
}

func TestCheckWontfixSuppresses(t *testing.T) {
	found := socketFindings(t, withItem("wontfix", "P0"))

	require.Len(t, found, 1)
	require.NotNil(t, found[0].Suppression)
	assert.Equal(t, "external", found[0].Suppression.Kind)
	assert.Equal(t, input.Location{File: "berth.hcl", Line: 3, Column: 1}, found[0].Suppression.Location)
}

func TestCheckWaivers(t *testing.T) {
	waiverAt := input.Location{File: "berth.hcl", Line: 40, Column: 1}
	tests := []struct {
		name       string
		waiver     input.Waiver
		suppressed bool
		expired    bool
	}{
		{name: "service named another way", waiver: input.Waiver{Rule: "C-6", Services: []string{"WatchTower"}, Reason: "exec", Expires: "2027-01-31"}, suppressed: true},
		{name: "file listed", waiver: input.Waiver{Rule: "C-6", Files: []string{"compose.yaml"}, Reason: "exec"}, suppressed: true},
		{name: "other service", waiver: input.Waiver{Rule: "C-6", Services: []string{"portainer"}, Reason: "exec"}},
		{name: "other rule", waiver: input.Waiver{Rule: "C-9", Services: []string{"watchtower"}, Reason: "exec"}},
		{name: "expired", waiver: input.Waiver{Rule: "C-6", Services: []string{"watchtower"}, Reason: "exec", Expires: "2026-12-03"}, expired: true},
		{name: "expires today", waiver: input.Waiver{Rule: "C-6", Services: []string{"watchtower"}, Reason: "exec", Expires: "2026-12-04"}, suppressed: true},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := withItem("open", "P0")
			tt.waiver.Location = waiverAt
			b.Waivers = []input.Waiver{tt.waiver}

			found := socketFindings(t, b)

			var violation, notice []finding.Finding
			for _, f := range found {
				if f.Location == waiverAt {
					notice = append(notice, f)
				} else {
					violation = append(violation, f)
				}
			}
			require.Len(t, violation, 1)
			assert.Equal(t, tt.suppressed, violation[0].Suppression != nil)
			if tt.suppressed {
				assert.Equal(t, "exec", violation[0].Suppression.Justification)
			}

			if tt.expired {
				require.Len(t, notice, 1)
				assert.Contains(t, notice[0].Message, "expired on 2026-12-03")
			} else {
				assert.Empty(t, notice)
			}
		})
	}
}
