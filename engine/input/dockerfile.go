package input

// Dockerfile is one parsed Dockerfile.
type Dockerfile struct {
	Path string `json:"path"`

	// Directives are the parser directives at the top of the file, such
	// as syntax and escape, keyed by lower-case name.
	Directives map[string]Directive `json:"directives"`

	// Args are the ARG instructions before the first FROM, which are the
	// only ones that FROM lines can use.
	Args []Arg `json:"args"`

	Stages []Stage `json:"stages"`

	// RequirementFiles are the pip requirement files that the Dockerfile
	// installs or copies, resolved against its build context.
	RequirementFiles []FileRef `json:"requirement_files"`

	// Warnings are problems the parser reported without rejecting the
	// file, such as an empty continuation line or an unknown flag.
	Warnings []LoadError `json:"warnings"`
}

// Directive is one parser directive.
type Directive struct {
	Value    string   `json:"value"`
	Location Location `json:"location"`
}

// Arg is one name declared by an ARG instruction.
type Arg struct {
	Name string `json:"name"`

	// Default is nil when the ARG has no default value.
	Default  *string  `json:"default"`
	Location Location `json:"location"`
}

// Stage is one build stage, from its FROM to the next.
type Stage struct {
	Index int `json:"index"`

	// Name is the stage name given by FROM ... AS name, lower-cased as
	// BuildKit compares it.
	Name string `json:"name,omitempty"`

	// Final is true for the last stage, the one that runs as the
	// container unless a build target selects another.
	Final bool `json:"final"`

	Base     BaseImage `json:"base"`
	Platform string    `json:"platform,omitempty"`

	// Location points at the FROM instruction.
	Location Location `json:"location"`

	Instructions []Instruction `json:"instructions"`
}

// BaseImage is the resolved reference of a FROM instruction.
type BaseImage struct {
	// Raw is the reference as written, before ARG expansion.
	Raw string `json:"raw"`

	// Reference is Raw with global ARG defaults substituted.
	Reference string `json:"reference"`

	// Image is the repository without tag or digest, for example
	// python or registry.local/family-cpu-pydeps. Empty for scratch and
	// stage references.
	Image  string `json:"image"`
	Tag    string `json:"tag"`
	Digest string `json:"digest"`

	// Stage is the index of an earlier stage that FROM refers to, by
	// name or number, or -1 when the base is an image.
	Stage int `json:"stage"`

	// Scratch is true for FROM scratch.
	Scratch bool `json:"scratch"`

	// Unresolved lists ARG names in Raw that had no default, which leaves
	// Reference incomplete.
	Unresolved []string `json:"unresolved,omitempty"`
}

// Instruction is one Dockerfile instruction.
type Instruction struct {
	// Command is the instruction keyword in lower case, such as run,
	// copy or healthcheck.
	Command string `json:"command"`

	// Original is the instruction text as written, with continuations
	// joined.
	Original string `json:"original"`

	// Lines are the instruction's source lines as written, from
	// Location.Line to Location.EndLine, so that a rule can point at the
	// line of one package in a multi-line RUN.
	Lines []string `json:"lines"`

	// Args are the instruction's arguments after the flags, as the parser
	// split them.
	Args []string `json:"args"`

	// Flags are the --name[=value] flags written before the arguments.
	Flags []Flag `json:"flags"`

	// JSON is true for the exec (JSON array) form.
	JSON bool `json:"json"`

	Heredocs []Heredoc `json:"heredocs"`

	// Env holds the name/value pairs of ENV, ARG and LABEL instructions,
	// unquoted as BuildKit does.
	Env []KeyValue `json:"env,omitempty"`

	// Healthcheck is set for HEALTHCHECK instructions.
	Healthcheck *Healthcheck `json:"healthcheck,omitempty"`

	// OnBuild is the trigger instruction of an ONBUILD.
	OnBuild *Instruction `json:"onbuild,omitempty"`

	Location Location `json:"location"`
}

// Flag is one instruction flag.
type Flag struct {
	Name string `json:"name"`

	// Value is nil for a flag written without =value.
	Value *string `json:"value"`

	// Known is false for flags that this version of BuildKit does not
	// accept on this instruction.
	Known bool `json:"known"`
}

// Heredoc is a here-document attached to RUN, COPY or ADD.
type Heredoc struct {
	Name    string `json:"name"`
	Content string `json:"content"`
	Expand  bool   `json:"expand"`
}

// KeyValue is a name and value set by ENV, ARG or LABEL.
type KeyValue struct {
	Name string `json:"name"`

	// Value is nil for an ARG without a default.
	Value *string `json:"value"`
}

// FileRef is a file that an instruction refers to.
type FileRef struct {
	// Path is relative to the root of the run; it is the key of the file's
	// entry in Document.Requirements when the file was loaded.
	Path   string `json:"path"`
	Exists bool   `json:"exists"`

	// Location points at the instruction that names the file.
	Location Location `json:"location"`
}
