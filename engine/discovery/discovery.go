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
}

// Find searches root's paths; an empty list searches root. Paths may be
// directories or files and must lie inside root.
func Find(root string, paths []string) (Result, error) {
	if len(paths) == 0 {
		paths = []string{root}
	}

	var r Result
	composeByDir := map[string][]string{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return Result{}, fmt.Errorf("resolve %s: %w", p, err)
		}

		err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != abs && skippedDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}

			r.add(path, d.Name(), composeByDir)

			return nil
		})
		if err != nil {
			return Result{}, fmt.Errorf("search %s: %w", p, err)
		}
	}

	r.Projects = groupProjects(composeByDir)
	if backlog := filepath.Join(root, "berth.hcl"); fileExists(backlog) {
		r.Backlog = backlog
	}

	r.Dockerfiles = sortedUnique(r.Dockerfiles)
	r.Requirements = sortedUnique(r.Requirements)
	r.CIFiles = sortedUnique(r.CIFiles)

	return r, nil
}

func (r *Result) add(path, name string, composeByDir map[string][]string) {
	lower := strings.ToLower(name)
	dir := filepath.Dir(path)

	switch {
	case slices.Contains(mainComposeFiles, lower) || slices.Contains(overrideComposeFiles, lower) || isComposeSibling(name):
		composeByDir[dir] = append(composeByDir[dir], path)
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
	// overlay for docker compose -f main -f sibling. One without a main
	// file beside it is a fragment that Docker Compose never
	// loads by itself, and one that the main file names is the target of an
	// extends or include, not an overlay; neither forms a project.
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
