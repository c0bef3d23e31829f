package dockerfile

import (
	"path"
	"slices"
	"strings"

	"github.com/berth-policy/berth/engine/input"
)

// imageFiles follows, within one stage, where files of the build context
// end up in the image, so that a path that RUN uses can be traced back to
// the build context.
type imageFiles struct {
	workdir string

	// directories are paths known to be directories in the image. A COPY
	// to one of them copies into it.
	directories map[string]bool

	copies []copiedFiles
}

// copiedFiles is the sources of one COPY or ADD that come from the same
// place, either the build context or elsewhere.
type copiedFiles struct {
	// sources are relative to the build context, or to the root of the
	// other image when external is true.
	sources []string

	// external is true for files that do not come from the build context:
	// those of COPY --from, of ADD from a URL and of here-documents.
	external bool

	// destination is an absolute path in the image.
	destination string

	// intoDirectory is true when the sources land inside destination
	// rather than replacing it.
	intoDirectory bool

	// parents is true for COPY --parents, which keeps each source's
	// directories below the destination.
	parents bool
}

// bindMount is a RUN --mount=type=bind of the build context.
type bindMount struct {
	source string
	target string
}

func newImageFiles() imageFiles {
	return imageFiles{workdir: "/", directories: map[string]bool{"/": true}}
}

// clone copies the state for a stage that builds on another stage.
func (s *imageFiles) clone() imageFiles {
	directories := make(map[string]bool, len(s.directories))
	for directory := range s.directories {
		directories[directory] = true
	}

	return imageFiles{
		workdir:     s.workdir,
		directories: directories,
		copies:      slices.Clone(s.copies),
	}
}

func (s *imageFiles) setWorkdir(directory string) {
	s.workdir = s.imagePath(directory)
	s.directories[s.workdir] = true
}

// imagePath resolves a path in the image against WORKDIR.
func (s *imageFiles) imagePath(p string) string {
	if path.IsAbs(p) {
		return path.Clean(p)
	}

	return path.Join(s.workdir, p)
}

// origin is the place a file in the image comes from.
type origin int

const (
	// originUnknown means that no traced instruction wrote the file.
	originUnknown origin = iota

	// originContext means that the file comes from the build context.
	originContext

	// originElsewhere means that another stage, an image, a URL or a
	// here-document provides the file.
	originElsewhere
)

// addCopy records a COPY or ADD and returns its sources from the build
// context.
func (s *imageFiles) addCopy(instruction input.Instruction) []string {
	if len(instruction.Args) < 2 {
		return nil
	}

	last := len(instruction.Args) - 1
	written := instruction.Args[last]
	_, fromOtherImage := flagValue(instruction, "from")

	var local, external []string
	for _, source := range instruction.Args[:last] {
		switch {
		case strings.HasPrefix(source, "<<"):
			external = append(external, heredocName(source))
		case fromOtherImage || strings.Contains(source, "://") || strings.HasPrefix(source, "git@"):
			external = append(external, source)
		default:
			local = append(local, contextRelative(source))
		}
	}

	destination := s.imagePath(written)
	_, parents := flagValue(instruction, "parents")
	intoDirectory := strings.HasSuffix(written, "/") || last > 1 || parents || s.directories[destination]
	if intoDirectory {
		s.directories[destination] = true
	}

	placement := copiedFiles{destination: destination, intoDirectory: intoDirectory, parents: parents}

	fromElsewhere := placement
	fromElsewhere.sources, fromElsewhere.external = external, true
	s.recordCopy(fromElsewhere)

	fromContext := placement
	fromContext.sources = local
	s.recordCopy(fromContext)

	return local
}

func (s *imageFiles) recordCopy(copied copiedFiles) {
	if len(copied.sources) > 0 {
		s.copies = append(s.copies, copied)
	}
}

// contextPath returns the build context path of an absolute image path,
// looking first at the RUN's bind mounts and then at the latest COPY or ADD
// that wrote it.
func (s *imageFiles) contextPath(imagePath string, mounts []bindMount) (string, origin) {
	for _, mount := range mounts {
		if rest, ok := pathBelow(imagePath, mount.target); ok {
			return contextRelative(path.Join(mount.source, rest)), originContext
		}
	}

	for i := len(s.copies) - 1; i >= 0; i-- {
		copied := s.copies[i]

		contextPath, ok := copied.contextPath(imagePath)
		switch {
		case !ok:
			continue
		case copied.external:
			return "", originElsewhere
		default:
			return contextPath, originContext
		}
	}

	return "", originUnknown
}

// contextPath returns the source path of an image path that this copy
// wrote.
func (c copiedFiles) contextPath(imagePath string) (string, bool) {
	// A source copied as a file.
	for _, source := range c.sources {
		base := path.Base(source)

		switch {
		case c.parents:
			// The source keeps its directories below the destination,
			// and a wildcard in them matches one directory name.
			if matched, _ := path.Match(path.Join(c.destination, source), imagePath); matched {
				rest, _ := pathBelow(imagePath, c.destination)
				return rest, true
			}
		case !c.intoDirectory:
			if c.destination == imagePath {
				return source, true
			}
		case hasWildcard(base):
			if matched, _ := path.Match(base, path.Base(imagePath)); matched && path.Dir(imagePath) == c.destination {
				return path.Join(path.Dir(source), path.Base(imagePath)), true
			}
		case path.Join(c.destination, base) == imagePath:
			return source, true
		}
	}

	// A source copied as a directory, whose contents land in the
	// destination.
	for _, source := range c.sources {
		if !mayBeDirectory(source) {
			continue
		}
		if rest, ok := pathBelow(imagePath, c.destination); ok && rest != "" {
			return contextRelative(path.Join(source, rest)), true
		}
	}

	return "", false
}

// bindMounts returns the RUN's --mount=type=bind mounts of the build
// context, with targets resolved against WORKDIR.
func (s *imageFiles) bindMounts(instruction input.Instruction) []bindMount {
	var mounts []bindMount
	for _, flag := range instruction.Flags {
		if flag.Name != "mount" || flag.Value == nil {
			continue
		}

		options := map[string]string{"type": "bind", "source": "."}
		for _, field := range strings.Split(*flag.Value, ",") {
			key, value, _ := strings.Cut(field, "=")
			options[mountOptionName(strings.ToLower(key))] = value
		}

		_, fromOtherImage := options["from"]
		if options["type"] != "bind" || fromOtherImage || options["target"] == "" {
			continue
		}

		mounts = append(mounts, bindMount{
			source: contextRelative(options["source"]),
			target: s.imagePath(options["target"]),
		})
	}

	return mounts
}

// mountOptionName maps the aliases that RUN --mount accepts to one name.
func mountOptionName(key string) string {
	switch key {
	case "src":
		return "source"
	case "dst", "destination":
		return "target"
	}

	return key
}

// contextRelative cleans a path of the build context. Like BuildKit, it
// keeps ".." from leaving the context, and a leading "/" means the root of
// the context.
func contextRelative(p string) string {
	cleaned := strings.TrimPrefix(path.Clean("/"+p), "/")
	if cleaned == "" {
		return "."
	}

	return cleaned
}

// pathBelow returns p relative to directory when p is directory or inside
// it.
func pathBelow(p, directory string) (string, bool) {
	if p == directory {
		return "", true
	}

	prefix := strings.TrimSuffix(directory, "/") + "/"
	if rest, ok := strings.CutPrefix(p, prefix); ok {
		return rest, true
	}

	return "", false
}

// mayBeDirectory guesses whether a COPY source is a directory, since only
// the build context could tell. It takes "." and names without an extension
// as directories.
func mayBeDirectory(source string) bool {
	base := path.Base(source)

	return base == "." || (!strings.Contains(base, ".") && !hasWildcard(base))
}

func hasWildcard(name string) bool {
	return strings.ContainsAny(name, "*?[")
}

// heredocName returns the file name of a here-document source such as
// <<-"EOF".
func heredocName(source string) string {
	name := strings.TrimPrefix(strings.TrimPrefix(source, "<<"), "-")

	return strings.Trim(name, `"'`)
}
