// Package report writes the result of a check run in the formats berth's
// users read: text for terminals, JSON for scripts, SARIF 2.1.0 for code
// scanning and editors, GitHub Actions workflow commands and JUnit XML for
// CI. Reporters see only engine/finding and engine/input, never OPA.
package report

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/berth-policy/berth/engine/finding"
)

// Format names accepted by New.
const (
	FormatText   = "text"
	FormatJSON   = "json"
	FormatSARIF  = "sarif"
	FormatGitHub = "github"
	FormatJUnit  = "junit"
)

// DefaultAutomationID is the SARIF automationDetails.id used when
// Options.AutomationID is empty. The trailing slash makes it a category
// without a run id, as GitHub code scanning expects.
const DefaultAutomationID = "berth/"

// ErrUnknownFormat is wrapped by the error New returns for a format name it
// does not accept.
var ErrUnknownFormat = errors.New("unknown report format")

// Reporter writes one run's report to w.
type Reporter interface {
	Write(w io.Writer, r finding.Report) error
}

// Options configures a reporter. The zero value is valid for every format.
type Options struct {
	// Root is the directory that finding and error paths are relative to.
	// The SARIF reporter reads source lines from it to compute fingerprints,
	// and a file it cannot read gets no fingerprint. Empty means the current
	// directory.
	Root string

	// Color turns on ANSI colors in text output. The caller decides, from
	// the terminal and NO_COLOR.
	Color bool

	// ShowSuppressed includes suppressed findings in text, github and junit
	// output. JSON and SARIF always include them, marked as suppressed.
	ShowSuppressed bool

	// SourceRootURI, when set, is written as originalUriBaseIds.%SRCROOT%.
	// It must be an absolute file:// URI ending in "/".
	SourceRootURI string

	// AutomationID is SARIF runs[].automationDetails.id. Empty means
	// DefaultAutomationID.
	AutomationID string

	// InformationURI is the tool's home page, written as SARIF
	// tool.driver.informationUri when set.
	InformationURI string

	// FailOn is the lowest level that fails the run, as --fail-on sets
	// it. JUnit output lists findings below it without a failure, so a CI
	// system that reads the test report agrees with the exit status. Empty
	// means every level fails.
	FailOn finding.Level
}

// Formats lists the accepted format names.
func Formats() []string {
	return []string{FormatText, FormatJSON, FormatSARIF, FormatGitHub, FormatJUnit}
}

// New returns the reporter for format. An unknown format is an error that
// lists the accepted ones, so a typo never falls back to another format.
func New(format string, opts Options) (Reporter, error) {
	switch format {
	case FormatText:
		return &textReporter{opts: opts}, nil
	case FormatJSON:
		return &jsonReporter{}, nil
	case FormatSARIF:
		return newSARIFReporter(opts)
	case FormatGitHub:
		return &githubReporter{opts: opts}, nil
	case FormatJUnit:
		return &junitReporter{opts: opts}, nil
	}

	return nil, fmt.Errorf("%w %q: use one of %s", ErrUnknownFormat, format, strings.Join(Formats(), ", "))
}

// FormatForPath infers a format from an output file name: .sarif and
// .sarif.json give sarif, .json gives json and .xml gives junit. It returns
// "" when the extension names no format.
func FormatForPath(path string) string {
	name := strings.ToLower(filepath.Base(path))

	switch {
	case strings.HasSuffix(name, ".sarif"), strings.HasSuffix(name, ".sarif.json"):
		return FormatSARIF
	case strings.HasSuffix(name, ".json"):
		return FormatJSON
	case strings.HasSuffix(name, ".xml"):
		return FormatJUnit
	}

	return ""
}

// checkSourceRootURI rejects a SourceRootURI that SARIF viewers could not
// resolve: SARIF requires an originalUriBaseIds entry to be an absolute URI
// that ends with a slash.
func checkSourceRootURI(s string) error {
	if s == "" {
		return nil
	}

	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("parse source root URI %q: %w", s, err)
	}

	if u.Scheme != "file" || !strings.HasSuffix(u.Path, "/") || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("invalid source root URI %q: want an absolute file:// URI ending in /, such as file:///home/me/project/", s)
	}

	return nil
}
