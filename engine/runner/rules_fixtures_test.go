package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/input"
	"github.com/berth-policy/berth/engine/runner"
)

// ruleFixturesDir contains one folder per rule id, each with a violating and
// a compliant stack and the findings of that rule expected on each.
var ruleFixturesDir = filepath.Join("..", "..", "fixtures", "rules")

var fixtureVariants = []string{"violating", "compliant"}

// fixtureEvaluator compiles the built-in rules once for the whole test
// binary rather than once per fixture, because a compile costs several
// times more than checking one fixture.
var fixtureEvaluator = sync.OnceValues(func() (*evaluate.Evaluator, error) {
	return evaluate.New(context.Background())
})

// TestRuleFixtures checks every stack under fixtures/rules and compares
// the unsuppressed findings of the folder's rule with its expected.txt.
func TestRuleFixtures(t *testing.T) {
	eval, err := fixtureEvaluator()
	require.NoError(t, err)

	dirs, err := filepath.Glob(filepath.Join(ruleFixturesDir, "*", "*"))
	require.NoError(t, err)

	ran := 0
	for _, dir := range dirs {
		info, err := os.Stat(dir)
		require.NoError(t, err)
		if !info.IsDir() {
			continue
		}
		ran++

		rule := filepath.Base(filepath.Dir(dir))
		variant := filepath.Base(dir)
		name := rule + "/" + variant

		t.Run(name, func(t *testing.T) {
			require.Contains(t, fixtureVariants, variant, "fixture folder %s must be named violating or compliant", dir)

			expected := readExpectedFindings(t, filepath.Join(dir, "expected.txt"))
			if variant == "violating" {
				require.NotEmpty(t, expected, "expected.txt of a violating fixture lists no finding")
			} else {
				require.Empty(t, expected, "expected.txt of a compliant fixture must be empty")
			}

			assert.Equal(t, expected, checkFixture(t, eval, dir, rule))
		})
	}

	require.NotZero(t, ran, "no fixture folders under %s", ruleFixturesDir)
}

// TestRuleFixturesCoverEveryRule requires both fixtures for every built-in
// rule, so that a new rule cannot land without them, and a rule for every
// fixture folder, so that a misspelt folder is not silently ignored.
func TestRuleFixturesCoverEveryRule(t *testing.T) {
	eval, err := fixtureEvaluator()
	require.NoError(t, err)

	rules := eval.Rules()
	require.NotEmpty(t, rules)

	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
		for _, variant := range fixtureVariants {
			info, err := os.Stat(filepath.Join(ruleFixturesDir, r.ID, variant))
			if assert.NoError(t, err, "rule %s has no %s fixture", r.ID, variant) {
				assert.True(t, info.IsDir(), "fixture %s/%s is not a folder", r.ID, variant)
			}
		}
	}

	entries, err := os.ReadDir(ruleFixturesDir)
	require.NoError(t, err)
	for _, entry := range entries {
		assert.True(t, known[entry.Name()], "fixture folder %s names no built-in rule", entry.Name())
	}
}

// checkFixture runs berth on the stack in dir, with dir as the root, and
// returns the unsuppressed findings of rule as "rule file:line:column".
func checkFixture(t *testing.T, eval *evaluate.Evaluator, dir, rule string) []string {
	t.Helper()

	ctx := context.Background()
	root, err := filepath.Abs(dir)
	require.NoError(t, err)

	doc, err := runner.BuildInput(ctx, runner.Options{Root: root}, eval.Schemas())
	require.NoError(t, err)
	require.Empty(t, doc.Errors, "fixture files failed to load")

	settings := runner.Settings{Version: "test", Today: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), Root: root}
	report, err := runner.Check(ctx, eval, doc, settings)
	require.NoError(t, err)
	require.Empty(t, report.Errors, "a rule failed or a suppression comment is invalid")

	found := []string{}
	for _, f := range report.Findings {
		if f.RuleID == rule && f.Suppression == nil {
			found = append(found, f.RuleID+" "+input.FormatPosition(f.Location))
		}
	}

	return found
}

// readExpectedFindings returns the non-blank lines of an expected.txt.
func readExpectedFindings(t *testing.T, path string) []string {
	t.Helper()

	content, err := os.ReadFile(path)
	require.NoError(t, err)

	lines := []string{}
	for _, line := range strings.Split(string(content), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}

	return lines
}
