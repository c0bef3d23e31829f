package stackgen_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berth-policy/berth/bench/stackgen"
	"github.com/berth-policy/berth/engine/backlog"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/runner"
)

func TestGenerateSameSeedSameBytes(t *testing.T) {
	cfg := stackgen.Config{Projects: 3, Services: 20, Seed: 42}

	first, err := stackgen.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	second, err := stackgen.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}

	if len(first.Files) != len(second.Files) {
		t.Fatalf("file count: first run %d, second run %d", len(first.Files), len(second.Files))
	}
	for i := range first.Files {
		if first.Files[i].Path != second.Files[i].Path {
			t.Fatalf("file %d: first run %s, second run %s", i, first.Files[i].Path, second.Files[i].Path)
		}
		if !bytes.Equal(first.Files[i].Content, second.Files[i].Content) {
			t.Errorf("%s differs between two runs with the same seed", first.Files[i].Path)
		}
	}
	if first.Counts != second.Counts {
		t.Errorf("counts differ between two runs with the same seed: %+v and %+v", first.Counts, second.Counts)
	}
}

func TestWriteMatchesGenerate(t *testing.T) {
	cfg := stackgen.Config{Projects: 2, Services: 20, Seed: 42}
	dir := t.TempDir()

	counts, err := stackgen.Write(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	stack, err := stackgen.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}

	if counts != stack.Counts {
		t.Errorf("Write counts %+v, Generate counts %+v", counts, stack.Counts)
	}
	for _, f := range stack.Files {
		written, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(written, f.Content) {
			t.Errorf("%s on disk differs from the generated content", f.Path)
		}
	}
}

func TestGenerateOtherSeedOtherPlacement(t *testing.T) {
	first, err := stackgen.Generate(stackgen.Config{Projects: 1, Services: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	second, err := stackgen.Generate(stackgen.Config{Projects: 1, Services: 20, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}

	if bytes.Equal(composeText(first), composeText(second)) {
		t.Error("seeds 1 and 2 gave the same Compose file")
	}
	if first.Counts != second.Counts {
		t.Errorf("the counts depend on the shape only, but seeds 1 and 2 gave %+v and %+v", first.Counts, second.Counts)
	}
}

func TestGeneratePlantedCounts(t *testing.T) {
	stack, err := stackgen.Generate(stackgen.Config{Projects: 3, Services: 20, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	c := stack.Counts

	expected := stackgen.Counts{
		Projects: 3, Services: 60, ComposeFiles: 3, Dockerfiles: 60, RequirementFiles: 60,
		SocketMounts:         3,
		DuplicatePorts:       6,
		MissingHealthchecks:  3,
		DisabledHealthchecks: 3,
		WrongHealthchecks:    3,
		LatestBaseImages:     3,
		UntaggedBaseImages:   3,
		UnpinnedPipInstalls:  3,
		UnpinnedRequirements: 3,
	}
	if c != expected {
		t.Errorf("counts:\n got %+v\nwant %+v", c, expected)
	}
}

// TestGeneratedTextMatchesCounts counts the violations in the generated
// text itself, so a planting bug cannot hide behind its own counter.
func TestGeneratedTextMatchesCounts(t *testing.T) {
	stack, err := stackgen.Generate(stackgen.Config{Projects: 4, Services: 20, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	c := stack.Counts

	var sockets, disabled, wrongPath, probes, services, duplicates int
	var latest, untagged, pipRuns, unpinnedLines, dockerfiles int
	for _, f := range stack.Files {
		text := string(f.Content)
		switch filepath.Base(f.Path) {
		case "docker-compose.yml":
			sockets += strings.Count(text, "- /var/run/docker.sock:") + strings.Count(text, "source: /var/run/docker.sock")
			disabled += strings.Count(text, "disable: true")
			wrongPath += strings.Count(text, "/status\"]")
			probes += strings.Count(text, "test: [")
			services += strings.Count(text, "    build:\n")
			duplicates += repeatedHostPorts(text)
		case "Dockerfile":
			dockerfiles++
			latest += strings.Count(text, "FROM python:latest\n")
			untagged += strings.Count(text, "FROM python\n")
			pipRuns += len(regexp.MustCompile(`(?m)^RUN pip install --no-cache-dir [a-z]+$`).FindAllString(text, -1))
		case "requirements.txt":
			unpinnedLines += strings.Count(text, ">=")
		}
	}

	checks := []struct {
		name         string
		got, planted int
	}{
		{"services", services, c.Services},
		{"Dockerfiles", dockerfiles, c.Dockerfiles},
		{"socket mounts", sockets, c.SocketMounts},
		{"duplicate host ports", duplicates, c.DuplicatePorts},
		{"missing healthchecks", services - disabled - probes, c.MissingHealthchecks},
		{"disabled healthchecks", disabled, c.DisabledHealthchecks},
		{"healthchecks probing /status", wrongPath, c.WrongHealthchecks},
		{"FROM python:latest", latest, c.LatestBaseImages},
		{"FROM python", untagged, c.UntaggedBaseImages},
		{"RUN pip install without a version", pipRuns, c.UnpinnedPipInstalls},
		{"unpinned requirement lines", unpinnedLines, c.UnpinnedRequirements},
	}
	for _, check := range checks {
		if check.got != check.planted {
			t.Errorf("%s: %d in the text, %d counted as planted", check.name, check.got, check.planted)
		}
	}
}

func TestGenerateRejectsInvalidShape(t *testing.T) {
	cases := []stackgen.Config{
		{Projects: 0, Services: 20},
		{Projects: 1, Services: 0},
		{Projects: 1001, Services: 20},
	}

	for _, cfg := range cases {
		if _, err := stackgen.Generate(cfg); err == nil {
			t.Errorf("Generate(%+v) returned no error", cfg)
		}
	}
}

// TestBerthFindsPlantedViolations runs berth's loader and policies on a
// generated stack. Each of the four rules must report exactly the
// violations planted for it, so a count that differs points at the rule or
// at the generator.
func TestBerthFindsPlantedViolations(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	planted, err := stackgen.Write(dir, stackgen.Config{Projects: 2, Services: 20, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}

	eval, err := evaluate.New(ctx)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := runner.BuildInput(ctx, runner.Options{Root: dir}, ruleSchemas(eval))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Errors) > 0 {
		t.Fatalf("the generated stack has load errors: %v", doc.Errors)
	}
	report, err := runner.Check(ctx, eval, doc, runner.Settings{Version: "test", Today: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), Root: dir})
	if err != nil {
		t.Fatal(err)
	}

	found := map[string]int{}
	for _, f := range report.Findings {
		found[f.RuleID]++
	}
	known := map[string]bool{}
	for _, r := range eval.Rules() {
		known[r.ID] = true
	}

	for _, rule := range []string{"C-6", "C-9", "C-10", "C-17"} {
		t.Run(rule, func(t *testing.T) {
			if !known[rule] {
				t.Skipf("rule %s is not implemented yet, so its planted violations cannot be checked", rule)
			}
			if found[rule] != planted.ByRule()[rule] {
				t.Errorf("%s: berth found %d, the generator planted %d", rule, found[rule], planted.ByRule()[rule])
			}
		})
	}
}

func ruleSchemas(eval *evaluate.Evaluator) []backlog.RuleSchema {
	params := eval.Params()

	var out []backlog.RuleSchema
	for _, r := range eval.Rules() {
		out = append(out, backlog.RuleSchema{ID: r.ID, Title: r.Title, Priority: r.Priority, Params: params[r.ID]})
	}

	return out
}

func composeText(s stackgen.Stack) []byte {
	var out []byte
	for _, f := range s.Files {
		if strings.HasSuffix(f.Path, "docker-compose.yml") {
			out = append(out, f.Content...)
		}
	}

	return out
}

// repeatedHostPorts returns how many short-syntax port entries repeat a
// host port written earlier in the same file.
func repeatedHostPorts(compose string) int {
	seen := map[string]bool{}
	repeats := 0
	for _, m := range regexp.MustCompile(`(?m)^      - "(\d+):\d+"$`).FindAllStringSubmatch(compose, -1) {
		if seen[m[1]] {
			repeats++
		}
		seen[m[1]] = true
	}

	return repeats
}
