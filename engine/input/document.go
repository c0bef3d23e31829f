// Package input defines the document that berth builds from a repository
// and hands to the policies. Rules read only this document; they never parse
// Compose files, Dockerfiles or the backlog themselves.
package input

// Version identifies the layout of Document. It changes whenever a field is
// removed or changes meaning, so that policies can reject documents they do
// not understand.
const Version = "input/v1"

// Document is the whole input of one check run.
type Document struct {
	Version string `json:"berth"`

	// Projects are the Compose projects found, each loaded as Docker Compose
	// would load it.
	Projects []Project `json:"projects"`

	// Dockerfiles are keyed by their slash-separated path relative to the
	// root of the run, the same key that Build.Dockerfile uses.
	Dockerfiles map[string]Dockerfile `json:"dockerfiles"`

	// Requirements are Python requirement files, keyed by path like
	// Dockerfiles.
	Requirements map[string]Requirements `json:"requirements"`

	// CIFiles are the repository's CI configuration files, keyed by path.
	CIFiles map[string]CIFile `json:"ci_files"`

	Backlog Backlog `json:"backlog"`

	// Partial is true when berth checked only some files, as a pre-commit
	// hook does. Rules about the whole repository, such as a family that
	// nothing uses, report nothing then, because the rest is not loaded.
	Partial bool `json:"partial"`

	// Errors are the files that could not be loaded. The rest of the
	// document is still complete for every other file.
	Errors []LoadError `json:"errors"`
}

// LoadError describes a file that berth could not load.
type LoadError struct {
	Location
	Message string `json:"message"`
}

// Error formats the load error as file:line:column: message.
func (e LoadError) Error() string {
	return FormatPosition(e.Location) + ": " + e.Message
}

// FormatPosition formats a location as file:line:column, leaving out the
// parts that are unknown.
func FormatPosition(l Location) string {
	s := l.File
	if l.Line > 0 {
		s += ":" + itoa(l.Line)
		if l.Column > 0 {
			s += ":" + itoa(l.Column)
		}
	}

	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}

	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}

	return string(buf[i:])
}
