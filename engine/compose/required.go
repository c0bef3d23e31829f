package compose

import (
	"context"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/berth-policy/berth/engine/input"
)

// maxPlaceholders bounds how many unset required variables one project may
// have before berth gives up loading it; each costs one more load.
const maxPlaceholders = 16

// PartialError reports problems of a project that was still loaded: the
// project Load returns with it is complete and checked, but Docker Compose
// would reject the files until each problem is fixed.
type PartialError struct {
	Errors []input.LoadError
}

func (e PartialError) Error() string {
	messages := make([]string, 0, len(e.Errors))
	for _, le := range e.Errors {
		messages = append(messages, le.Error())
	}

	return strings.Join(messages, "; ")
}

// As lets errors.As read the first problem as an input.LoadError, so
// callers that want one error with a position get the first one.
func (e PartialError) As(target any) bool {
	le, ok := target.(*input.LoadError)
	if !ok || len(e.Errors) == 0 {
		return false
	}
	*le = e.Errors[0]

	return true
}

// requiredVariable returns the variable that a ${NAME:?message} expression
// found unset, if that is what err reports.
func requiredVariable(err error) (string, bool) {
	m := requiredMissing.FindStringSubmatch(err.Error())
	if m == nil {
		return "", false
	}

	return m[2], true
}

// placeholder is the value an unset required variable gets so that the
// rest of the project can be checked. It names the variable, so a finding
// that quotes the value shows where it came from.
func placeholder(name string) string {
	return "unset-" + strings.ToLower(name)
}

// loadWithPlaceholders retries a load that failed on unset required
// variables, giving each a placeholder value. CI runners seldom have the
// deployment's .env, and one missing secret should not hide every other
// finding of the project. It returns the first error's report for each
// variable, and the project when a load finally succeeds.
func loadWithPlaceholders(ctx context.Context, files []string, opts Options, src *sources, env map[string]string, err error) (*types.Project, []string, []input.LoadError, error) {
	var (
		names   []string
		missing []input.LoadError
		project *types.Project
	)

	for attempt := 0; err != nil && attempt < maxPlaceholders; attempt++ {
		name, ok := requiredVariable(err)
		if !ok {
			break
		}
		missing = append(missing, loadError(src, files, env, err, opts.Root))
		names = append(names, name)

		opts.Env = append(append([]string{}, opts.Env...), name+"="+placeholder(name))
		project, err = loadProject(ctx, files, opts, true)
		if err != nil && isReferenceError(err) {
			project, err = loadWithReferenceProblems(ctx, files, opts)
		}
	}

	return project, names, missing, err
}

// markPlaceholders records the variables that only had a placeholder as
// undefined, so rules about unset variables still report them.
func markPlaceholders(p *input.Project, names []string) {
	for i, use := range p.Variables {
		for _, name := range names {
			if use.Name == name {
				p.Variables[i].Defined = false
			}
		}
	}
}
