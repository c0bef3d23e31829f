package dockerfile

import (
	"path"
	"strings"

	"github.com/berth-policy/berth/engine/input"
)

// RequirementFiles returns the requirement files (relative to the
// Dockerfile's build context, slash-separated) that the Dockerfile installs
// with `pip install -r FILE` / `-c FILE` (also `pip3`, `python -m pip`,
// `uv pip`) in RUN instructions, or copies with COPY/ADD sources matching
// requirements*.txt / constraints*.txt. Each file is listed once, in the
// order the instructions name it. Paths that contain a variable are left
// out.
//
// A file that RUN names is traced back through the stage's WORKDIR, earlier
// COPY and ADD instructions and RUN --mount=type=bind to its path in the
// build context. COPY sources with wildcards are not listed themselves,
// because only the build context can expand them. A RUN that installs one of
// the copied files still lists that file.
func RequirementFiles(df input.Dockerfile) []string {
	found := findRequirementFiles(df)

	paths := make([]string, 0, len(found))
	for _, file := range found {
		paths = append(paths, file.path)
	}

	return paths
}

// RequirementFileRefs returns the files of RequirementFiles as references
// from the root of the run. contextDir is the build context relative to that
// root. Each Location points at the first instruction that names the file.
// Exists is left false for the caller to set after it checks the file.
func RequirementFileRefs(df input.Dockerfile, contextDir string) []input.FileRef {
	found := findRequirementFiles(df)

	refs := make([]input.FileRef, 0, len(found))
	for _, file := range found {
		refs = append(refs, input.FileRef{
			Path:     path.Join(contextDir, file.path),
			Location: file.location,
		})
	}

	return refs
}

// requirementFile is a requirement file in the build context and the
// instruction that names it.
type requirementFile struct {
	path     string
	location input.Location
}

func findRequirementFiles(df input.Dockerfile) []requirementFile {
	var found []requirementFile
	seen := map[string]bool{}
	add := func(contextPath string, location input.Location) {
		// TODO: expand ARG and ENV values in COPY sources and RUN
		// paths. Until then a path with a variable is left out, because
		// it names no file in the build context.
		if strings.Contains(contextPath, "$") {
			return
		}
		if !seen[contextPath] {
			seen[contextPath] = true
			found = append(found, requirementFile{path: contextPath, location: location})
		}
	}

	states := make([]imageFiles, len(df.Stages))
	for i, stage := range df.Stages {
		state := newImageFiles()
		if parent := stage.Base.Stage; parent >= 0 && parent < i {
			state = states[parent].clone()
		}

		for _, instruction := range stage.Instructions {
			for _, file := range state.apply(instruction) {
				add(file, instruction.Location)
			}
		}

		states[i] = state
	}

	return found
}

// apply records what an instruction does to the image's files and returns
// the requirement files it names, relative to the build context.
func (s *imageFiles) apply(instruction input.Instruction) []string {
	switch instruction.Command {
	case "workdir":
		if len(instruction.Args) > 0 {
			s.setWorkdir(instruction.Args[0])
		}
	case "copy", "add":
		return s.copyRequirementFiles(instruction)
	case "run":
		return s.runRequirementFiles(instruction)
	}

	return nil
}

func (s *imageFiles) copyRequirementFiles(instruction input.Instruction) []string {
	var files []string
	for _, source := range s.addCopy(instruction) {
		if !hasWildcard(source) && isRequirementFileName(path.Base(source)) {
			files = append(files, source)
		}
	}

	return files
}

func (s *imageFiles) runRequirementFiles(instruction input.Instruction) []string {
	scripts := []string{strings.Join(instruction.Args, " ")}
	for _, heredoc := range instruction.Heredocs {
		scripts = append(scripts, heredoc.Content)
	}

	mounts := s.bindMounts(instruction)

	var files []string
	for _, script := range scripts {
		for _, file := range pipRequirementFiles(script) {
			contextPath, from := s.contextPath(s.imagePath(file), mounts)
			switch {
			case from == originContext:
				files = append(files, contextPath)
			case from == originUnknown && !path.IsAbs(file):
				// NOTE: a relative path that no COPY, ADD or bind
				// mount provides is assumed to mirror the build
				// context, which holds when the context was copied
				// to WORKDIR in a way this package does not trace.
				files = append(files, contextRelative(file))
			}
		}
	}

	return files
}

// isRequirementFileName reports whether a file name looks like a pip
// requirements or constraints file, in any case.
func isRequirementFileName(name string) bool {
	lower := strings.ToLower(name)
	requirements, _ := path.Match("requirements*.txt", lower)
	constraints, _ := path.Match("constraints*.txt", lower)

	return requirements || constraints
}

func flagValue(instruction input.Instruction, name string) (string, bool) {
	for _, flag := range instruction.Flags {
		if flag.Name != name {
			continue
		}
		if flag.Value == nil {
			return "", true
		}

		return *flag.Value, true
	}

	return "", false
}
