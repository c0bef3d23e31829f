// Package policies embeds berth's built-in rules: one Rego package per
// backlog item, each in its own folder with its unit tests beside it.
package policies

import "embed"

// FS holds every rule folder with its .rego files.
//
//go:embed */*.rego
var FS embed.FS
