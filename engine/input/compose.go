package input

// Project is one Compose project: the files that Docker Compose merges into
// one model, loaded with overrides, extends, include, profiles and
// interpolation applied.
type Project struct {
	Name string `json:"name"`

	// Dir is the project directory, relative to the root of the run.
	Dir string `json:"dir"`

	// Files are the Compose files of the project in merge order, the
	// first being the main file.
	Files []string `json:"files"`

	// Host is the machine the project is deployed on. It defaults to the
	// project name unless the backlog assigns the files to a host.
	Host string `json:"host"`

	Services []Service `json:"services"`

	// Volumes are the named volumes declared at the top level.
	Volumes []NamedResource `json:"volumes"`

	// Variables are every interpolation variable referenced by the
	// project's files, with where each was used and whether it resolved.
	Variables []VariableUse `json:"variables"`
}

// NamedResource is a top-level volume, network, secret or config.
type NamedResource struct {
	Name     string   `json:"name"`
	External bool     `json:"external"`
	Location Location `json:"location"`
}

// VariableUse is one reference to an interpolation variable.
type VariableUse struct {
	Name string `json:"name"`

	// Defined is true when the variable had a value in the project
	// environment (.env, env files or --env).
	Defined bool `json:"defined"`

	// HasDefault is true when the expression supplies a fallback, as
	// ${NAME:-default} and ${NAME-default} do.
	HasDefault bool `json:"has_default"`

	// Required is true for ${NAME:?message} and ${NAME?message}.
	Required bool `json:"required"`

	// Path is the place in the Compose model where the variable appears,
	// for example services.web.ports.0.
	Path     string   `json:"path"`
	Location Location `json:"location"`
}

// Scalar is a Compose value with its text before interpolation.
type Scalar struct {
	Value string `json:"value"`

	// Raw is the value as written in the file, before interpolation. It is
	// empty when the value was not written anywhere (a default).
	Raw string `json:"raw,omitempty"`

	// Variables are the names of the interpolation variables that Raw
	// references.
	Variables []string `json:"variables,omitempty"`

	Location Location `json:"location"`
}

// Service is one resolved Compose service.
type Service struct {
	Name string `json:"name"`

	// Active is false when the service belongs only to profiles that were
	// not enabled. Inactive services are still checked.
	Active   bool     `json:"active"`
	Profiles []string `json:"profiles"`

	// Location points at the service's key under services:.
	Location Location `json:"location"`

	Image         *Scalar `json:"image,omitempty"`
	ContainerName *Scalar `json:"container_name,omitempty"`
	Build         *Build  `json:"build,omitempty"`
	User          *Scalar `json:"user,omitempty"`
	Runtime       *Scalar `json:"runtime,omitempty"`
	NetworkMode   *Scalar `json:"network_mode,omitempty"`

	Ports       []Port        `json:"ports"`
	Volumes     []Volume      `json:"volumes"`
	Environment []EnvVar      `json:"environment"`
	Labels      []Label       `json:"labels"`
	DependsOn   []ServiceLink `json:"depends_on"`
	Links       []ServiceLink `json:"links"`
	VolumesFrom []ServiceLink `json:"volumes_from"`
	Secrets     []Scalar      `json:"secrets"`
	Networks    []string      `json:"networks"`
	Healthcheck *Healthcheck  `json:"healthcheck,omitempty"`
	GPU         *GPU          `json:"gpu,omitempty"`

	// Restart is the restart policy; one-shot jobs usually have "no".
	Restart *Scalar `json:"restart,omitempty"`
}

// Build is a service's build section.
type Build struct {
	// Context is the build context relative to the root of the run, or the
	// URL when it is remote.
	Context string `json:"context"`

	// Dockerfile is the Dockerfile path relative to the root of the run.
	// It is the key of the linked entry in Document.Dockerfiles, if that
	// file was found.
	Dockerfile string `json:"dockerfile"`

	// DockerfileExists is true when the Dockerfile was found on disk.
	DockerfileExists bool `json:"dockerfile_exists"`

	// Inline is true when the build uses dockerfile_inline.
	Inline bool `json:"inline"`

	// Remote is true when the context is a URL that berth does not fetch.
	Remote bool `json:"remote"`

	Target string `json:"target,omitempty"`

	// Args are the build arguments, in the shape of environment entries;
	// their Source is "build.args".
	Args []EnvVar `json:"args"`

	Location Location `json:"location"`
}

// Port is one published or exposed container port.
type Port struct {
	// Name is the long syntax's name of the port, such as metrics.
	Name string `json:"name,omitempty"`

	HostIP string `json:"host_ip"`

	// Published is the host port or range ("8080", "8000-8010"), empty for
	// a container-only port.
	Published string `json:"published"`

	// PublishedStart and PublishedEnd give the host range numerically.
	// Both are zero when Published is empty or not a number.
	PublishedStart int `json:"published_start"`
	PublishedEnd   int `json:"published_end"`

	Target   int    `json:"target"`
	Protocol string `json:"protocol"`

	Raw       string   `json:"raw,omitempty"`
	Variables []string `json:"variables,omitempty"`

	// Unresolved lists variables of Raw that had neither a value nor a
	// default, so Published may be wrong or empty.
	Unresolved []string `json:"unresolved,omitempty"`
	Location   Location `json:"location"`
}

// Volume is one volume mount of a service.
type Volume struct {
	// Type is bind, volume, tmpfs, npipe, cluster or image.
	Type     string `json:"type"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	ReadOnly bool   `json:"read_only"`

	Raw       string   `json:"raw,omitempty"`
	Variables []string `json:"variables,omitempty"`
	Location  Location `json:"location"`
}

// EnvVar is one environment entry of a service.
type EnvVar struct {
	Name string `json:"name"`

	// Value is nil when the entry names a variable without a value, which
	// Compose takes from the environment at run time.
	Value *string `json:"value"`

	Raw       string   `json:"raw,omitempty"`
	Variables []string `json:"variables,omitempty"`

	// Source is "environment" for entries written in the Compose file, or
	// the path of the env_file the entry came from.
	Source   string   `json:"source"`
	Location Location `json:"location"`
}

// Label is one label of a service.
type Label struct {
	Name     string   `json:"name"`
	Value    string   `json:"value"`
	Location Location `json:"location"`
}

// ServiceLink is a reference from a service to another service.
type ServiceLink struct {
	Service string `json:"service"`

	// Condition is the depends_on condition, empty for other links.
	Condition string `json:"condition,omitempty"`

	// Known is false when no service of that name exists in the project.
	Known    bool     `json:"known"`
	Location Location `json:"location"`
}

// Healthcheck is a service's healthcheck section.
type Healthcheck struct {
	Test     []string `json:"test"`
	Disable  bool     `json:"disable"`
	Location Location `json:"location"`

	// TestLocation and DisableLocation point at the test and disable
	// keys of a Compose healthcheck when they are written.
	TestLocation    *Location `json:"test_location,omitempty"`
	DisableLocation *Location `json:"disable_location,omitempty"`
}

// GPU records a service's request for a GPU.
type GPU struct {
	// Reserved is true when the service reserves a GPU device, sets
	// runtime: nvidia or uses gpus.
	Reserved bool     `json:"reserved"`
	Location Location `json:"location"`
}
