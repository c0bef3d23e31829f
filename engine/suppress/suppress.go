// Package suppress applies suppression comments written in the checked
// files: "# berth:ignore C-6 reason" on a finding's line or the line above
// it, and "# berth:ignore-file C-17 reason" among a file's leading comments.
package suppress

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// directive matches a comment such as "# berth:ignore C-6,C-10 needs exec".
var directive = regexp.MustCompile(`#\s*berth:(ignore-file|ignore)\b\s*([A-Za-z0-9_.,-]*)\s*(.*)$`)

// comment is one suppression directive found in a file.
type comment struct {
	rules    []string
	reason   string
	fileWide bool
	location input.Location
}

// covers reports whether the comment suppresses findings of rule.
func (c comment) covers(rule string) bool {
	for _, r := range c.rules {
		if strings.EqualFold(r, rule) {
			return true
		}
	}

	return false
}

// Apply marks the findings that a comment in their file suppresses, with
// kind inSource and the comment's reason. root is the directory finding
// paths are relative to, and rules lists the rule ids that exist; when it
// is empty, any id is accepted. A directive without a rule id or a reason,
// or naming a rule that does not exist, suppresses nothing and is returned
// as a load error, so that a typo never silences a finding without a trace.
func Apply(root string, rules []string, findings []finding.Finding) ([]finding.Finding, []input.LoadError) {
	byFile := map[string][]comment{}
	var errs []input.LoadError

	for i, f := range findings {
		if f.Location.File == "" || f.Suppression != nil {
			continue
		}

		comments, read := byFile[f.Location.File]
		if !read {
			var bad []input.LoadError
			comments, bad = readComments(root, f.Location.File, rules)
			byFile[f.Location.File] = comments
			errs = append(errs, bad...)
		}

		if c, ok := match(comments, f); ok {
			findings[i].Suppression = &finding.Suppression{
				Kind:          "inSource",
				Justification: c.reason,
				Location:      c.location,
			}
		}
	}

	return findings, errs
}

// match returns the comment that suppresses f: a file-wide one, or one on
// the finding's line or the line above.
func match(comments []comment, f finding.Finding) (comment, bool) {
	for _, c := range comments {
		if !c.covers(f.RuleID) {
			continue
		}
		if c.fileWide || c.location.Line == f.Location.Line || c.location.Line == f.Location.Line-1 {
			return c, true
		}
	}

	return comment{}, false
}

// readComments finds the directives of one file. A file that cannot be
// read has none; the loaders have reported it already.
func readComments(root, file string, rules []string) ([]comment, []input.LoadError) {
	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, filepath.FromSlash(file))
	}

	content, err := os.ReadFile(path)
	if err != nil {
		return nil, nil
	}
	content = bytes.TrimPrefix(content, []byte("\uFEFF"))

	var (
		comments []comment
		errs     []input.LoadError
		leading  = true
	)
	for n, line := range strings.Split(string(content), "\n") {
		line = strings.TrimSuffix(line, "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed != "" && !strings.HasPrefix(trimmed, "#") && trimmed != "---" {
			leading = false
		}

		m := directive.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}

		c, err := parseComment(file, line, n+1, m, leading, rules)
		if err != nil {
			errs = append(errs, *err)
			continue
		}
		comments = append(comments, c)
	}

	return comments, errs
}

func parseComment(file, line string, number int, m []int, leading bool, known []string) (comment, *input.LoadError) {
	kind := line[m[2]:m[3]]
	ids := line[m[4]:m[5]]
	reason := strings.TrimSpace(line[m[6]:m[7]])

	loc := input.Location{
		File:      file,
		Line:      number,
		Column:    input.UTF16Column(line, m[0]),
		EndLine:   number,
		EndColumn: input.UTF16Column(line, len(line)),
	}

	switch {
	case ids == "":
		return comment{}, &input.LoadError{Location: loc, Message: fmt.Sprintf("berth:%s needs a rule id and a reason, such as # berth:%s C-6 the proxy needs exec", kind, kind)}
	case reason == "":
		return comment{}, &input.LoadError{Location: loc, Message: fmt.Sprintf("berth:%s %s needs a reason after the rule id, so reviewers know why the finding is accepted", kind, ids)}
	case kind == "ignore-file" && !leading:
		return comment{}, &input.LoadError{Location: loc, Message: "berth:ignore-file must be among the comments at the top of the file, before any content"}
	}

	var rules []string
	for _, id := range strings.Split(ids, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if len(known) > 0 && !containsFold(known, id) {
			return comment{}, &input.LoadError{Location: loc, Message: fmt.Sprintf("berth:%s names the unknown rule %s; use one of %s", kind, id, strings.Join(known, ", "))}
		}
		rules = append(rules, id)
	}

	return comment{rules: rules, reason: reason, fileWide: kind == "ignore-file", location: loc}, nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}

	return false
}
