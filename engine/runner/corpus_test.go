package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/berth-policy/berth/internal/sharedtest"

	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/runner"
)

// corpusDir returns the corpus of public stacks, or skips.
func corpusDir(t *testing.T) string {
	t.Helper()

	return sharedtest.Corpus(t)
}

// TestCorpusEvaluates checks every stack of the corpus with the built-in
// rules and requires evaluation to succeed. berth evaluates with strict
// built-in errors, so one rule that passes null to a built-in or returns
// conflicting values stops the whole run. Files that fail to load are
// recorded in the document and not checked here.
func TestCorpusEvaluates(t *testing.T) {
	corpus := corpusDir(t)

	entries, err := os.ReadDir(corpus)
	require.NoError(t, err)

	ctx := context.Background()
	eval, err := evaluate.New(ctx)
	require.NoError(t, err)

	stacks := 0
	for _, entry := range entries {
		if !entry.IsDir() {
			continue
		}
		stacks++

		t.Run(entry.Name(), func(t *testing.T) {
			root := filepath.Join(corpus, entry.Name())

			doc, err := runner.BuildInput(ctx, runner.Options{Root: root, Paths: []string{root}}, eval.Schemas())
			require.NoError(t, err)

			settings := runner.Settings{Version: "test", Today: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), Root: root}
			_, err = runner.Check(ctx, eval, doc, settings)
			require.NoError(t, err)
		})
	}

	require.NotZero(t, stacks, "the corpus at %s has no stack folders", corpus)
}
