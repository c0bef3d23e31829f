// Package bundle builds OPA bundles of berth's policies, so that stock OPA
// (opa eval -b) and OPA servers evaluate the same rules with the team's
// backlog parameters, and berth check --bundle evaluates a pinned set.
package bundle

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/berth-policy/berth/engine/backlog"
	"github.com/berth-policy/berth/engine/evaluate"
	"github.com/berth-policy/berth/engine/evaluate/policy"
	"github.com/berth-policy/berth/engine/input"
)

// Options configure Build.
type Options struct {
	// Version is berth's version, the first part of the manifest revision.
	Version string

	// Policies are the user's Rego files or directories, added to the
	// built-in rules under user/<directory name>/. Default: none.
	Policies []string

	// Backlog is the backlog file whose item parameters the bundle carries
	// at data.berth.backlog. Default: none, so every rule uses the defaults
	// in its METADATA.
	Backlog string
}

// regoVersion is the manifest's rego_version: berth's policies are Rego v1.
const regoVersion = 1

// Build assembles the bundle: the built-in rules and library, the user's
// policies, the backlog parameters as data and a manifest whose revision
// is the version and a hash of the content, so the same sources always
// give the same revision. The policies are compiled first, with berth's
// restricted capabilities, so a bundle that berth builds always loads.
func Build(ctx context.Context, opts Options) (*bundle.Bundle, error) {
	eval, err := evaluate.New(ctx, evaluate.WithPolicies(opts.Policies...))
	if err != nil {
		return nil, err
	}

	items, err := backlogItems(opts.Backlog, eval.Schemas())
	if err != nil {
		return nil, err
	}
	data := map[string]any{"berth": map[string]any{"backlog": map[string]any{"items": items}}}

	modules, err := moduleFiles(opts.Policies)
	if err != nil {
		return nil, err
	}

	roots, err := manifestRoots(modules)
	if err != nil {
		return nil, err
	}

	version := regoVersion
	b := &bundle.Bundle{
		Manifest: bundle.Manifest{
			Revision:    revision(opts.Version, modules, data, roots),
			Roots:       &roots,
			RegoVersion: &version,
			Metadata:    map[string]any{"berth_version": opts.Version},
		},
		Data:    data,
		Modules: modules,
	}

	return b, nil
}

// backlogItems reads the parameters of every item of the backlog file as
// {"C-6": {"params": {...}}}. Items without parameters get {}.
func backlogItems(file string, schemas []backlog.RuleSchema) (map[string]any, error) {
	items := map[string]any{}
	if file == "" {
		return items, nil
	}

	content, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read backlog: %w", err)
	}

	loaded, loadErrs := backlog.Load(filepath.ToSlash(file), content, schemas)
	if len(loadErrs) > 0 {
		return nil, &policy.ListError{Step: "load backlog " + file, Errs: asErrors(loadErrs)}
	}

	for id, item := range loaded.Items {
		params := item.Params
		if params == nil {
			params = map[string]any{}
		}
		items[id] = map[string]any{"params": params}
	}

	return items, nil
}

func asErrors(loadErrs []input.LoadError) []error {
	out := make([]error, 0, len(loadErrs))
	for _, e := range loadErrs {
		out = append(out, e)
	}

	return out
}

// moduleFiles returns the bundle's modules sorted by path: the built-in
// rules under policies/, the library under rego/ and each user file under
// user/<name of the directory given>/<path inside it>.
func moduleFiles(userPaths []string) ([]bundle.ModuleFile, error) {
	builtin, err := policy.Builtin(false)
	if err != nil {
		return nil, err
	}
	library, err := policy.Library(false)
	if err != nil {
		return nil, err
	}

	byPath := map[string]bundle.ModuleFile{}
	for _, f := range policy.Merge(builtin, library) {
		byPath[f.Name] = moduleFile(f.Name, f)
	}

	if len(userPaths) > 0 {
		user, err := policy.Load(userPaths, false)
		if err != nil {
			return nil, err
		}
		for _, f := range user {
			name := userPath(f)
			if existing, found := byPath[name]; found {
				return nil, fmt.Errorf("bundle path %s is used by both %s and %s; rename one of the policy directories", name, existing.URL, f.Name)
			}
			byPath[name] = moduleFile(name, f)
		}
	}

	out := make([]bundle.ModuleFile, 0, len(byPath))
	for _, name := range slices.Sorted(maps.Keys(byPath)) {
		out = append(out, byPath[name])
	}

	return out, nil
}

func moduleFile(name string, f policy.File) bundle.ModuleFile {
	return bundle.ModuleFile{URL: name, Path: name, Raw: f.Raw, Parsed: f.Module}
}

// userPath places a user file under user/, named after the directory or
// file given on the command line.
func userPath(f policy.File) string {
	root := filepath.Clean(f.Root)
	rel, err := filepath.Rel(root, filepath.Clean(f.Name))
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return path.Join("user", filepath.Base(f.Name))
	}

	return path.Join("user", filepath.Base(root), filepath.ToSlash(rel))
}
