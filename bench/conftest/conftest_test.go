// Package conftest_test checks that the conftest policies beside it find
// exactly the violations that stackgen plants, so that the conftest timings
// in berth's benchmarks come from a conftest run that does the same checks.
package conftest_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berth-policy/berth/bench/stackgen"
)

// checkResult is the part of conftest's JSON output that the test reads.
type checkResult struct {
	Filename string `json:"filename"`
	Failures []struct {
		Msg string `json:"msg"`
	} `json:"failures"`
}

func TestConftestFindsPlantedViolations(t *testing.T) {
	conftest := findConftest(t)
	dir := t.TempDir()

	planted, err := stackgen.Write(dir, stackgen.Config{Projects: 2, Services: 20, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}

	policies, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	files := checkedFiles(t, dir)

	args := append([]string{"test", "--all-namespaces", "--no-color", "-o", "json", "-p", policies}, files...)
	cmd := exec.Command(conftest, args...)
	cmd.Dir = dir
	out, err := cmd.Output()

	// The planted violations make conftest exit 1, its status for failed
	// policies.
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("conftest failed: %v\n%s", err, stderrOf(err))
	}

	var results []checkResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("conftest printed invalid JSON: %v\n%s", err, out)
	}
	found := map[string]int{}
	for _, r := range results {
		for _, f := range r.Failures {
			check, _, _ := strings.Cut(f.Msg, ":")
			found[check]++
		}
	}

	expected := map[string]int{
		"docker-socket":  planted.SocketMounts,
		"port-collision": planted.DuplicatePorts,
		"healthcheck":    planted.Healthchecks(),
		"base-image":     planted.BaseImages(),
	}
	for check, n := range expected {
		if found[check] != n {
			t.Errorf("%s: conftest found %d, the generator planted %d", check, found[check], n)
		}
	}
	if len(found) != len(expected) {
		t.Errorf("conftest reported checks %v, expected only %v", found, expected)
	}
}

// findConftest returns conftest from PATH or from go install's folder, and
// skips the test when it is in neither. bench/run.sh installs it.
func findConftest(t *testing.T) string {
	t.Helper()

	if path, err := exec.LookPath("conftest"); err == nil {
		return path
	}
	if home, err := os.UserHomeDir(); err == nil {
		path := filepath.Join(home, "go", "bin", "conftest")
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}

	t.Skip("conftest is not installed; install it with go install github.com/open-policy-agent/conftest@v0.71.1")
	return ""
}

// checkedFiles returns the Compose files and Dockerfiles of the stack,
// relative to dir, which is what bench/run.sh passes to conftest.
func checkedFiles(t *testing.T, dir string) []string {
	t.Helper()

	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Name() == "docker-compose.yml" || d.Name() == "Dockerfile" {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	return files
}

func stderrOf(err error) string {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(exit.Stderr)
	}

	return ""
}
