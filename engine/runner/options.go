// Package runner ties the steps of a check together: discover files, load
// them into one input document, evaluate the policies and turn their
// results into a report.
package runner

import "github.com/berth-policy/berth/engine/compose"

// Options configure one run.
type Options struct {
	// Root is the directory that every path in the input and the report
	// is relative to.
	Root string

	// Paths limit discovery to these files or directories under Root.
	Paths []string

	// ComposeFiles, when set, name one explicit Compose project in merge
	// order, as docker compose -f does, instead of discovering projects.
	ComposeFiles []string

	// Backlog is the backlog file; empty means berth.hcl at the root, or
	// the built-in backlog when there is none.
	Backlog string

	// Compose sets interpolation and profiles for every project.
	Compose compose.Options

	// MaxFileSize is the largest file loaded, in bytes.
	MaxFileSize int64
}
