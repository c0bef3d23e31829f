package runner

import (
	"context"
	"errors"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/berth-policy/berth/engine/backlog"
	"github.com/berth-policy/berth/engine/compose"
	"github.com/berth-policy/berth/engine/discovery"
	"github.com/berth-policy/berth/engine/dockerfile"
	"github.com/berth-policy/berth/engine/input"
	"github.com/berth-policy/berth/engine/requirements"
	"github.com/berth-policy/berth/engine/textfile"
	"github.com/berth-policy/berth/internal/parallel"
)

// builder collects the input document; each load step adds to it and
// records failures as load errors instead of stopping.
type builder struct {
	opts  Options
	rules func() []backlog.RuleSchema
	doc   input.Document
}

// BuildInput discovers and loads every file of the run. It fails only when
// the root or the paths cannot be resolved or searched. Files that cannot
// be loaded become Document.Errors instead.
func BuildInput(ctx context.Context, opts Options, rules []backlog.RuleSchema) (input.Document, error) {
	return BuildInputLater(ctx, opts, func() []backlog.RuleSchema { return rules })
}

// BuildInputLater is BuildInput for a caller that is still compiling the
// policies: it loads every other file first and calls rules only to load
// the backlog, last, so the compile can run on another core meanwhile.
func BuildInputLater(ctx context.Context, opts Options, rules func() []backlog.RuleSchema) (input.Document, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return input.Document{}, err
	}
	opts.Root = root
	opts.Compose.Root = root
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = textfile.DefaultMaxSize
	}

	found, err := discovery.Find(root, absolute(root, opts.Paths))
	if err != nil {
		return input.Document{}, err
	}
	if len(opts.ComposeFiles) > 0 {
		found.Projects = [][]string{absolute(root, opts.ComposeFiles)}
	}

	b := &builder{opts: opts, rules: rules, doc: input.Document{
		Version:      input.Version,
		Projects:     []input.Project{},
		Dockerfiles:  map[string]input.Dockerfile{},
		Requirements: map[string]input.Requirements{},
		CIFiles:      map[string]input.CIFile{},
		Errors:       []input.LoadError{},
	}}

	b.doc.Partial = found.Partial
	b.loadProjects(ctx, found.Projects)
	b.loadDockerfiles(found.Dockerfiles)
	b.linkBuilds()
	b.loadRequirements(found.Requirements)
	b.loadCIFiles(found.CIFiles)
	b.loadBacklog(found.Backlog)
	b.assignHosts()

	sort.SliceStable(b.doc.Errors, func(i, j int) bool {
		return b.doc.Errors[i].File < b.doc.Errors[j].File
	})

	return b.doc, nil
}

func absolute(root string, paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		out = append(out, filepath.Clean(p))
	}

	return out
}

func (b *builder) rel(abs string) string {
	rel, err := filepath.Rel(b.opts.Root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(abs)
	}

	return filepath.ToSlash(rel)
}

// abs returns the file on disk for a path of the input: a path relative to
// the root, or an absolute one for a file outside it, as rel writes them.
func (b *builder) abs(path string) string {
	native := filepath.FromSlash(path)
	if filepath.IsAbs(native) {
		return native
	}

	return filepath.Join(b.opts.Root, native)
}

// read reads a file, recording a load error when it cannot be used.
func (b *builder) read(abs string) ([]byte, bool) {
	content, err := textfile.Read(abs, b.rel(abs), b.opts.MaxFileSize)
	if err != nil {
		b.addError(err)
		return nil, false
	}

	return content, true
}

func (b *builder) addError(err error) {
	var le input.LoadError
	if errors.As(err, &le) {
		b.doc.Errors = append(b.doc.Errors, le)
		return
	}

	b.doc.Errors = append(b.doc.Errors, input.LoadError{Message: err.Error()})
}

func (b *builder) loadBacklog(found string) {
	file := found
	if b.opts.Backlog != "" {
		file = absolute(b.opts.Root, []string{b.opts.Backlog})[0]
	}
	if file == "" {
		b.doc.Backlog = backlog.Default()
		return
	}

	content, ok := b.read(file)
	if !ok {
		b.doc.Backlog = backlog.Default()
		return
	}

	loaded, errs := backlog.Load(b.rel(file), content, b.rules())
	b.doc.Backlog = loaded
	for _, e := range errs {
		b.addError(e)
	}
}

// loadProjects loads each Compose project. Every file is read and checked
// on its own first, so an empty or binary file is reported by name even
// when it is not the project's first file. Projects load in parallel,
// because compose-go's normalization dominates the run on large
// repositories; results are kept in discovery order so output stays
// deterministic.
func (b *builder) loadProjects(ctx context.Context, projects [][]string) {
	var usable [][]string
	for _, files := range projects {
		if b.composeFilesUsable(files) {
			usable = append(usable, files)
		}
	}

	type loaded struct {
		project input.Project
		err     error
	}
	results := make([]loaded, len(usable))

	parallel.ForEach(len(usable), func(i int) {
		project, err := compose.Load(ctx, usable[i], b.opts.Compose)
		results[i] = loaded{project: project, err: err}
	})

	for _, r := range results {
		// A partly loaded project is checked and its problems reported.
		var partial compose.PartialError
		if errors.As(r.err, &partial) {
			for _, e := range partial.Errors {
				b.addError(e)
			}
			b.doc.Projects = append(b.doc.Projects, r.project)
			continue
		}
		if r.err != nil {
			b.addError(r.err)
			continue
		}
		b.doc.Projects = append(b.doc.Projects, r.project)
	}
}

// composeFilesUsable reads each file of a project and reports whether all
// of them can be loaded, recording a load error for each one that cannot.
func (b *builder) composeFilesUsable(files []string) bool {
	usable := true
	for _, f := range files {
		content, ok := b.read(f)
		if !ok {
			usable = false
			continue
		}
		if textfile.IsBlankYAML(content) {
			b.addError(input.LoadError{
				Location: input.Location{File: b.rel(f), Line: 1, Column: 1},
				Message:  "empty Compose file: it defines no services; add a services: section or delete the file",
			})
			usable = false
		}
	}

	return usable
}

func (b *builder) loadDockerfiles(files []string) {
	for _, f := range files {
		content, ok := b.read(f)
		if !ok {
			continue
		}

		df, err := dockerfile.Parse(b.rel(f), content)
		if err != nil {
			b.addError(err)
			continue
		}
		b.doc.Dockerfiles[df.Path] = df
	}
}

// linkBuilds loads Dockerfiles that services build but discovery did not
// reach, such as a context outside the searched paths, and resolves each
// Dockerfile's requirement files against its build context.
func (b *builder) linkBuilds() {
	contexts := map[string]string{}
	for _, p := range b.doc.Projects {
		for _, s := range p.Services {
			if s.Build == nil || s.Build.Dockerfile == "" || !s.Build.DockerfileExists {
				continue
			}
			contexts[s.Build.Dockerfile] = s.Build.Context
			if _, ok := b.doc.Dockerfiles[s.Build.Dockerfile]; !ok {
				b.loadDockerfiles([]string{b.abs(s.Build.Dockerfile)})
			}
		}
	}

	for key, df := range b.doc.Dockerfiles {
		context, ok := contexts[key]
		if !ok {
			context = path.Dir(key)
		}
		df.RequirementFiles = b.requirementRefs(df, context)
		b.doc.Dockerfiles[key] = df
	}
}

// requirementRefs lists the requirement files df installs, resolved
// against its build context, and whether each exists.
func (b *builder) requirementRefs(df input.Dockerfile, context string) []input.FileRef {
	refs := dockerfile.RequirementFileRefs(df, context)
	for i, ref := range refs {
		refs[i].Exists = fileExists(b.abs(ref.Path))
	}
	if refs == nil {
		refs = []input.FileRef{}
	}

	return refs
}

// loadRequirements loads the requirement files found and those that
// Dockerfiles name.
func (b *builder) loadRequirements(files []string) {
	for _, df := range b.doc.Dockerfiles {
		for _, ref := range df.RequirementFiles {
			if ref.Exists {
				files = append(files, b.abs(ref.Path))
			}
		}
	}

	for _, f := range files {
		key := b.rel(f)
		if _, done := b.doc.Requirements[key]; done {
			continue
		}
		content, ok := b.read(f)
		if !ok {
			continue
		}
		b.doc.Requirements[key] = requirements.Parse(key, content)
	}
}

func (b *builder) loadCIFiles(files []string) {
	for _, f := range files {
		content, ok := b.read(f)
		if !ok {
			continue
		}

		kind := "github-actions"
		if filepath.Base(f) == ".gitlab-ci.yml" {
			kind = "gitlab-ci"
		}
		key := b.rel(f)
		b.doc.CIFiles[key] = input.CIFile{
			Path:     key,
			Kind:     kind,
			Content:  string(content),
			Location: input.Location{File: key, Line: 1, Column: 1},
		}
	}
}

// assignHosts sets each project's host from the backlog's host blocks,
// whose paths are relative to the backlog file. A project whose files no
// host names is a host of its own.
func (b *builder) assignHosts() {
	dir := "."
	if b.doc.Backlog.Path != "" {
		dir = path.Dir(b.doc.Backlog.Path)
	}

	hostOf := map[string]string{}
	for _, h := range b.doc.Backlog.Hosts {
		for _, f := range h.Compose {
			hostOf[path.Join(dir, f)] = h.Name
		}
	}

	for i, p := range b.doc.Projects {
		for _, f := range p.Files {
			if host, ok := hostOf[f]; ok {
				b.doc.Projects[i].Host = host
				break
			}
		}
	}
}
