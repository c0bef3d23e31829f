package input

// Requirements is one pip requirements or constraints file.
type Requirements struct {
	Path  string        `json:"path"`
	Lines []Requirement `json:"lines"`
}

// Requirement is one requirement line, with continuation lines joined.
type Requirement struct {
	// Name is the distribution name, empty for option lines such as
	// -r other.txt or --index-url.
	Name string `json:"name"`

	// Specifier is the version specifier as written, such as ==1.2.3 or
	// >=2,<3.
	Specifier string `json:"specifier"`

	// Pinned is true when the specifier is a single == or === version.
	Pinned bool `json:"pinned"`

	// Hashes are the --hash values of the line.
	Hashes []string `json:"hashes"`

	// Include is the path named by -r or -c, relative to the root of the
	// run.
	Include string `json:"include,omitempty"`

	Text     string   `json:"text"`
	Location Location `json:"location"`
}

// CIFile is one CI configuration file, such as a GitHub Actions workflow.
type CIFile struct {
	Path string `json:"path"`

	// Kind is github-actions or gitlab-ci.
	Kind string `json:"kind"`

	// Content is the file text. Rules search it for steps such as image
	// scans, so its structure is not modelled further.
	Content  string   `json:"content"`
	Location Location `json:"location"`
}
