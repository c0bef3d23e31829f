package policy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// ListError reports several failures of one step, such as every policy
// file that does not parse, one per line.
type ListError struct {
	// Step is the short verb phrase of what failed, such as "parse
	// policies".
	Step string
	Errs []error
}

func newListError(step string, errs []error) *ListError {
	return &ListError{Step: step, Errs: errs}
}

func (e *ListError) Error() string {
	if len(e.Errs) == 1 {
		return e.Step + ": " + e.Errs[0].Error()
	}

	lines := make([]string, 0, len(e.Errs))
	for _, err := range e.Errs {
		lines = append(lines, "  "+strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}

	return fmt.Sprintf("%s: fix these %d errors:\n%s", e.Step, len(e.Errs), strings.Join(lines, "\n"))
}

// Unwrap returns the single errors, for errors.Is and errors.As.
func (e *ListError) Unwrap() []error {
	return e.Errs
}

// CompileError turns the errors of a failed compile into one error that
// lists each with its file and line. A call to a built-in function that
// berth removes from the capabilities, which OPA reports as an undefined
// function, gets a message that explains why the call is rejected.
func CompileError(step string, errs ast.Errors) error {
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		out = append(out, explain(e))
	}

	return newListError(step, out)
}

// AsCompileError rewrites err with CompileError when it holds compile
// errors, as the tester returns them, and returns other errors unchanged.
func AsCompileError(step string, err error) error {
	var errs ast.Errors
	if errors.As(err, &errs) {
		return CompileError(step, errs)
	}

	return err
}

func explain(e *ast.Error) *ast.Error {
	name, found := strings.CutPrefix(e.Message, "undefined function ")
	if e.Code != ast.TypeErr || !found || !isRestricted(name) {
		return e
	}

	copied := *e
	copied.Message = restrictedMessage(name)

	return &copied
}
