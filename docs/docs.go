// Package docs embeds the rule documentation, so that berth explain and the
// SARIF help text work without the source tree.
package docs

import (
	"embed"
	"io/fs"
)

//go:embed rules/*.md
var rules embed.FS

// RulePage returns the Markdown page of the rule with the given id, such as
// C-6, and whether one exists.
func RulePage(id string) (string, bool) {
	content, err := fs.ReadFile(rules, "rules/"+id+".md")
	if err != nil {
		return "", false
	}

	return string(content), true
}
