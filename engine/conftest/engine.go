package conftest

import (
	"context"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/berth-policy/berth/engine/evaluate/policy"
	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// Options configure New.
type Options struct {
	// Policies are the Rego files or directories to load, as conftest's
	// --policy. Test files (_test.rego) are skipped.
	Policies []string

	// Data are JSON or YAML files or directories mounted under data, as
	// conftest's --data. Empty means no data.
	Data []string

	// Namespaces are glob patterns of the packages to evaluate, as
	// conftest's --namespace. Empty means DefaultNamespace.
	Namespaces []string

	// AllNamespaces evaluates every package of Policies, as conftest's
	// --all-namespaces, and ignores Namespaces.
	AllNamespaces bool
}

// Engine evaluates conftest-style policies compiled once.
type Engine struct {
	eval  *Evaluator
	rules []Rule
}

// New loads and compiles the policies with berth's Rego library, which
// they may import (data.berth.lib.*), and prepares the rules of the
// selected namespaces.
func New(ctx context.Context, opts Options) (*Engine, error) {
	library, err := policy.Library(false)
	if err != nil {
		return nil, err
	}
	user, err := policy.Load(opts.Policies, false)
	if err != nil {
		return nil, err
	}

	compiler, err := policy.Compile(policy.Merge(library, user).Modules(), false)
	if err != nil {
		return nil, err
	}

	var store storage.Store
	if len(opts.Data) > 0 {
		data, err := policy.LoadData(opts.Data)
		if err != nil {
			return nil, err
		}
		store = inmem.NewFromObject(data)
	}

	modules := user.Modules()
	namespaces, err := SelectNamespaces(Namespaces(modules), opts.Namespaces, opts.AllNamespaces)
	if err != nil {
		return nil, err
	}
	rules, err := Rules(modules, namespaces)
	if err != nil {
		return nil, err
	}

	eval, err := Prepare(ctx, compiler, store, rules)
	if err != nil {
		return nil, err
	}

	return &Engine{eval: eval, rules: rules}, nil
}

// Test evaluates the policies over doc and returns the report that berth's
// reporters write. Excepted results are suppressed findings, and the
// files that doc could not load are the report's errors.
func (e *Engine) Test(ctx context.Context, doc input.Document, version string) (finding.Report, error) {
	value, err := policy.InputValue(doc)
	if err != nil {
		return finding.Report{}, err
	}

	results, err := e.eval.Eval(ctx, value)
	if err != nil {
		return finding.Report{}, err
	}

	report := finding.Report{
		ToolVersion: version,
		Rules:       describeRules(e.rules),
		Findings:    make([]finding.Finding, 0, len(results)),
		Errors:      doc.Errors,
	}
	for _, r := range results {
		report.Findings = append(report.Findings, toFinding(r))
	}
	sort.SliceStable(report.Findings, func(i, j int) bool { return findingLess(report.Findings[i], report.Findings[j]) })

	return report, nil
}

func toFinding(r Result) finding.Finding {
	f := finding.Finding{
		RuleID:   r.Rule.ID,
		Level:    r.Rule.Level,
		Message:  r.Message,
		Location: r.Location,
		Service:  r.Service,
	}
	if r.Exception != "" {
		f.Suppression = &finding.Suppression{
			Kind:          "external",
			Justification: fmt.Sprintf("%s excepts rule %s", r.Exception, r.Rule.Name),
		}
	}

	return f
}

// describeRules returns one description per rule id. Rules that share a
// package custom.id share one entry, with the level of the most severe.
func describeRules(rules []Rule) []finding.Rule {
	byID := map[string]int{}
	var out []finding.Rule

	for _, r := range rules {
		if i, seen := byID[r.ID]; seen {
			if r.Level.Rank() > out[i].Level.Rank() {
				out[i].Level = r.Level
			}
			continue
		}

		title := r.Title
		if title == "" {
			title = r.Namespace + "." + r.Name
		}
		byID[r.ID] = len(out)
		out = append(out, finding.Rule{
			ID:          r.ID,
			Name:        r.Name,
			Title:       title,
			Description: r.Description,
			Level:       r.Level,
			Tags:        []string{},
		})
	}

	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })

	return out
}

func findingLess(a, b finding.Finding) bool {
	if a.Location.File != b.Location.File {
		return a.Location.File < b.Location.File
	}
	if a.Location.Line != b.Location.Line {
		return a.Location.Line < b.Location.Line
	}
	if a.Location.Column != b.Location.Column {
		return a.Location.Column < b.Location.Column
	}
	if a.RuleID != b.RuleID {
		return a.RuleID < b.RuleID
	}

	return a.Message < b.Message
}
