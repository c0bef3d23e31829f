// Package discovery finds the files berth checks under the paths it is
// given and groups Compose files into projects as Docker Compose would.
package discovery

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Result lists the files found, as absolute paths.
type Result struct {
	// Projects are Compose projects, each its files in merge order.
	Projects     [][]string
	Dockerfiles  []string
	Requirements []string

	// CIFiles are GitHub Actions workflows and GitLab CI files.
	CIFiles []string

	// Backlog is berth.hcl at the root, or "" when there is none.
	Backlog string

	// Partial is true when only some files were named, as a pre-commit
	// hook does, so the result does not cover the whole repository.
	Partial bool

	// walked records that some directory was searched whole.
	walked bool
}

// Find searches root's paths; an empty list searches root. A directory is
// searched whole. A file stands for what it belongs to, so that a
// pre-commit hook can pass only the staged files. A Compose file brings its
// whole project, so a staged override still merges with its main file. A
// requirement file brings the Dockerfiles beside it. berth.hcl brings
// everything under root, because every rule depends on it.
func Find(root string, paths []string) (Result, error) {
	if len(paths) == 0 {
		paths = []string{root}
	}

	var (
		r            Result
		composeByDir = map[string][]string{}
		namedCompose = map[string]bool{}
		walkAll      bool
	)
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return Result{}, fmt.Errorf("resolve %s: %w", p, err)
		}

		info, err := os.Stat(abs)
		if err != nil {
			return Result{}, fmt.Errorf("search %s: %w", p, err)
		}
		if info.IsDir() {
			if r.Backlog == "" && fileExists(filepath.Join(abs, "berth.hcl")) {
				r.Backlog = filepath.Join(abs, "berth.hcl")
			}
			if err := r.walk(abs, composeByDir); err != nil {
				return Result{}, err
			}
			continue
		}

		if filepath.Base(abs) == "berth.hcl" {
			r.Backlog = abs
			walkAll = true
			continue
		}
		if err := r.addFile(abs, composeByDir, namedCompose); err != nil {
			return Result{}, err
		}
	}

	if walkAll {
		if err := r.walk(root, composeByDir); err != nil {
			return Result{}, err
		}
		namedCompose = nil
	}

	// Named files cover part of the repository. The CI files describe the
	// whole of it, and rules about the pipeline need them whatever changed.
	if !r.walked {
		r.Partial = true
		r.CIFiles = append(r.CIFiles, ciFilesUnder(root)...)
	}

	r.Projects = groupProjects(composeByDir)
	if len(namedCompose) > 0 {
		r.Projects = projectsWith(r.Projects, namedCompose)
	}
	if r.Backlog == "" && fileExists(filepath.Join(root, "berth.hcl")) {
		r.Backlog = filepath.Join(root, "berth.hcl")
	}

	r.Dockerfiles = sortedUnique(r.Dockerfiles)
	r.Requirements = sortedUnique(r.Requirements)
	r.CIFiles = sortedUnique(r.CIFiles)

	return r, nil
}

// ciFilesUnder lists root's GitHub Actions workflows and GitLab CI file.
func ciFilesUnder(root string) []string {
	var files []string
	for _, pattern := range []string{".github/workflows/*.yml", ".github/workflows/*.yaml", ".gitlab-ci.yml"} {
		matches, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		files = append(files, matches...)
	}

	return files
}

// walk adds every file under dir, skipping vendored and version control
// trees.
func (r *Result) walk(dir string, composeByDir map[string][]string) error {
	r.walked = true

	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && skippedDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}

		r.add(path, d.Name(), composeByDir)

		return nil
	})
	if err != nil {
		return fmt.Errorf("search %s: %w", dir, err)
	}

	return nil
}

// addFile adds one named file and the files it needs: the other Compose
// files of its directory, so its project can be formed, or the
// Dockerfiles beside a requirement file.
func (r *Result) addFile(abs string, composeByDir map[string][]string, namedCompose map[string]bool) error {
	name := filepath.Base(abs)
	if !isComposeName(name) && !isRequirements(name) {
		r.add(abs, name, composeByDir)
		return nil
	}

	entries, err := os.ReadDir(filepath.Dir(abs))
	if err != nil {
		return fmt.Errorf("search %s: %w", filepath.Dir(abs), err)
	}

	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		sibling := filepath.Join(filepath.Dir(abs), e.Name())
		switch {
		case isComposeName(name) && isComposeName(e.Name()):
			composeByDir[filepath.Dir(abs)] = appendOnce(composeByDir[filepath.Dir(abs)], sibling)
		case isRequirements(name) && IsDockerfile(e.Name()):
			r.Dockerfiles = append(r.Dockerfiles, sibling)
		}
	}

	if isComposeName(name) {
		namedCompose[abs] = true
	} else {
		r.Requirements = append(r.Requirements, abs)
	}

	return nil
}

// projectsWith keeps the projects that contain one of the named Compose files.
func projectsWith(projects [][]string, namedCompose map[string]bool) [][]string {
	var matching [][]string
	for _, files := range projects {
		for _, f := range files {
			if namedCompose[f] {
				matching = append(matching, files)
				break
			}
		}
	}

	return matching
}

func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}

	return append(list, s)
}

func (r *Result) add(path, name string, composeByDir map[string][]string) {
	dir := filepath.Dir(path)

	switch {
	case isComposeName(name):
		composeByDir[dir] = appendOnce(composeByDir[dir], path)
	case IsDockerfile(name):
		r.Dockerfiles = append(r.Dockerfiles, path)
	case isRequirements(name):
		r.Requirements = append(r.Requirements, path)
	case isCIFile(path):
		r.CIFiles = append(r.CIFiles, path)
	}
}

// isCIFile reports whether path is a GitHub Actions workflow or a GitLab
// CI file.
func isCIFile(path string) bool {
	slashed := filepath.ToSlash(path)
	ext := filepath.Ext(slashed)
	if strings.Contains(slashed, "/.github/workflows/") && (ext == ".yml" || ext == ".yaml") {
		return true
	}

	return filepath.Base(slashed) == ".gitlab-ci.yml"
}

// groupProjects forms the projects of each directory: the preferred main
// file with the first override file, every other main file on its own, and
// each -f style sibling merged over the preferred main file.
func groupProjects(composeByDir map[string][]string) [][]string {
	dirs := make([]string, 0, len(composeByDir))
	for dir := range composeByDir {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)

	var projects [][]string
	for _, dir := range dirs {
		projects = append(projects, groupDir(dir, composeByDir[dir])...)
	}

	return projects
}

func groupDir(dir string, files []string) [][]string {
	byName := map[string]string{}
	var siblings []string
	for _, f := range files {
		lower := strings.ToLower(filepath.Base(f))
		byName[lower] = f
		if isComposeSibling(filepath.Base(f)) {
			siblings = append(siblings, f)
		}
	}
	sort.Strings(siblings)

	var mains []string
	for _, name := range mainComposeFiles {
		if f, ok := byName[name]; ok {
			mains = append(mains, f)
		}
	}

	override := ""
	for _, name := range overrideComposeFiles {
		if f, ok := byName[name]; ok {
			override = f
			break
		}
	}

	var projects [][]string
	switch {
	case len(mains) > 0 && override != "":
		projects = append(projects, []string{mains[0], override})
	case len(mains) > 0:
		projects = append(projects, []string{mains[0]})
	}

	for _, extra := range mains[min(1, len(mains)):] {
		projects = append(projects, []string{extra})
	}

	// An override file without a main file beside it is never loaded by
	// Docker Compose either, so it forms no project. A sibling is an
	// overlay for docker compose -f main -f sibling. A sibling without a
	// main file beside it is a fragment that Docker Compose never loads by
	// itself. A sibling that the main file names is the target of an
	// extends or include, not an overlay. Neither forms a project.
	if len(mains) == 0 {
		return projects
	}
	mainText, _ := os.ReadFile(mains[0])
	for _, sibling := range siblings {
		if bytes.Contains(mainText, []byte(filepath.Base(sibling))) {
			continue
		}
		projects = append(projects, []string{mains[0], sibling})
	}

	return projects
}

func sortedUnique(list []string) []string {
	sort.Strings(list)
	return slices.Compact(list)
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}
