package backlog

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-policy/berth/engine/input"
)

// decoder collects the errors of one Load call.
type decoder struct {
	src    *source
	rules  map[string]RuleSchema
	errors []input.LoadError
}

// errorf records an error at r.
func (d *decoder) errorf(r hcl.Range, format string, args ...any) {
	d.errors = append(d.errors, input.LoadError{
		Location: d.src.location(r),
		Message:  fmt.Sprintf(format, args...),
	})
}

// addDiagnostics records the errors among diags, such as the syntax errors
// that the HCL parser reports. It reports whether there were any.
func (d *decoder) addDiagnostics(diags hcl.Diagnostics) bool {
	found := false
	for _, diag := range diags {
		if diag.Severity != hcl.DiagError {
			continue
		}

		found = true
		message := diag.Summary
		if diag.Detail != "" {
			message += ": " + diag.Detail
		}

		loadError := input.LoadError{Location: input.Location{File: d.src.path}, Message: message}
		if diag.Subject != nil {
			loadError.Location = d.src.location(*diag.Subject)
		}
		d.errors = append(d.errors, loadError)
	}

	return found
}

// sortedErrors returns the errors in source order, so that the output does
// not depend on map iteration.
func (d *decoder) sortedErrors() []input.LoadError {
	sort.SliceStable(d.errors, func(i, j int) bool {
		a, b := d.errors[i].Location, d.errors[j].Location
		if a.Line != b.Line {
			return a.Line < b.Line
		}

		return a.Column < b.Column
	})

	return d.errors
}
