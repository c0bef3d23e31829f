// Command berth checks Docker deployments against a remediation backlog
// written as policy: it loads Compose projects, Dockerfiles and the
// backlog, evaluates Rego rules and reports findings.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/sirupsen/logrus"

	"github.com/berth-policy/berth/internal/gcpace"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// informationURI is the project's home page, which SARIF viewers link to.
const informationURI = "https://github.com/berth-policy/berth"

// Exit codes that a CI gate can rely on.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// exitCodeError carries an exit code out of a command without printing
// anything more.
type exitCodeError struct{ code int }

func (e exitCodeError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	gcpace.Tune()

	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes berth with args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	// compose-go logs unset variables through logrus. berth records them in
	// the input instead, where rules report them with a location, so the
	// log lines would only repeat them without one.
	logrus.SetOutput(io.Discard)

	root := newRootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)

	err := root.Execute()
	if err == nil {
		return exitOK
	}

	var code exitCodeError
	if errors.As(err, &code) {
		return code.code
	}

	fmt.Fprintln(stderr, "berth:", err)

	return exitError
}
