package evaluate

import (
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/berth-policy/berth/engine/evaluate/policy"
	"github.com/berth-policy/berth/policies"
)

// sources are the Rego files of one evaluator and the data they read.
type sources struct {
	// base are the built-in rules and library, or the bundle's modules.
	base policy.Files

	// user are the files of WithPolicies.
	user policy.Files

	// store holds the bundle's data; nil without a bundle.
	store storage.Store
}

func loadSources(c config) (sources, error) {
	var (
		s   sources
		err error
	)

	if c.bundle != "" {
		b, err := policy.LoadBundle(c.bundle)
		if err != nil {
			return sources{}, err
		}
		s.base = policy.BundleFiles(b)
		s.store = inmem.NewFromObject(b.Data)
	} else if s.base, err = builtinSources(c); err != nil {
		return sources{}, err
	}

	if len(c.policies) > 0 {
		if s.user, err = policy.Load(c.policies, false); err != nil {
			return sources{}, err
		}
		if err := policy.CheckUser(s.user); err != nil {
			return sources{}, err
		}
	}

	return s, nil
}

func builtinSources(c config) (policy.Files, error) {
	library, err := policy.Library(false)
	if err != nil {
		return nil, err
	}

	fsys := c.builtin
	if fsys == nil {
		fsys = policies.FS
	}
	rules, err := policy.ParseFS(fsys, "policies/", false)
	if err != nil {
		return nil, err
	}

	return policy.Merge(library, rules), nil
}

// all returns every file, for the compiler.
func (s sources) all() policy.Files {
	return policy.Merge(s.base, s.user)
}
