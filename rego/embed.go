// Package regolib embeds berth's shared Rego library: the entry point that
// gathers findings and the helpers that every rule imports.
package regolib

import "embed"

// FS holds the library's .rego files under berth/.
//
//go:embed berth
var FS embed.FS
