package stackgen

// Counts are the files generated and the violations planted in them. Each
// planted violation is one finding of the rule named in its field's
// comment, so a test can compare a checker's findings with these numbers.
type Counts struct {
	Projects         int `json:"projects"`
	Services         int `json:"services"`
	ComposeFiles     int `json:"compose_files"`
	Dockerfiles      int `json:"dockerfiles"`
	RequirementFiles int `json:"requirement_files"`

	// SocketMounts are services that bind-mount /var/run/docker.sock
	// (C-6), in the short or the long volume syntax.
	SocketMounts int `json:"socket_mounts"`

	// DuplicatePorts are services that publish a host port that an
	// earlier service of the same project already publishes (C-10).
	DuplicatePorts int `json:"duplicate_ports"`

	// MissingHealthchecks, DisabledHealthchecks and WrongHealthchecks are
	// services without a healthcheck, with disable: true, and with a
	// probe of /status instead of /health (C-9). No Dockerfile has a
	// HEALTHCHECK, so Compose is the only place a healthcheck can come
	// from.
	MissingHealthchecks  int `json:"missing_healthchecks"`
	DisabledHealthchecks int `json:"disabled_healthchecks"`
	WrongHealthchecks    int `json:"wrong_healthchecks"`

	// LatestBaseImages and UntaggedBaseImages are Dockerfiles that start
	// FROM python:latest or FROM python (C-17).
	LatestBaseImages   int `json:"latest_base_images"`
	UntaggedBaseImages int `json:"untagged_base_images"`

	// UnpinnedPipInstalls are Dockerfiles with RUN pip install NAME
	// without a version, and UnpinnedRequirements are requirements.txt
	// files with one NAME>=N line (C-17).
	UnpinnedPipInstalls  int `json:"unpinned_pip_installs"`
	UnpinnedRequirements int `json:"unpinned_requirements"`
}

// Healthchecks returns the planted healthcheck violations of every kind.
func (c Counts) Healthchecks() int {
	return c.MissingHealthchecks + c.DisabledHealthchecks + c.WrongHealthchecks
}

// BaseImages returns the planted unpinned base images of both kinds.
func (c Counts) BaseImages() int {
	return c.LatestBaseImages + c.UntaggedBaseImages
}

// PipPins returns the planted unpinned pip installs of both kinds.
func (c Counts) PipPins() int {
	return c.UnpinnedPipInstalls + c.UnpinnedRequirements
}

// ByRule returns the planted findings by the berth rule they violate.
// C-17 covers base images as well as pip installs, because both are
// dependencies that a Dockerfile must pin.
func (c Counts) ByRule() map[string]int {
	return map[string]int{
		"C-6":  c.SocketMounts,
		"C-9":  c.Healthchecks(),
		"C-10": c.DuplicatePorts,
		"C-17": c.PipPins() + c.BaseImages(),
	}
}

func (c *Counts) add(o Counts) {
	c.Projects += o.Projects
	c.Services += o.Services
	c.ComposeFiles += o.ComposeFiles
	c.Dockerfiles += o.Dockerfiles
	c.RequirementFiles += o.RequirementFiles
	c.SocketMounts += o.SocketMounts
	c.DuplicatePorts += o.DuplicatePorts
	c.MissingHealthchecks += o.MissingHealthchecks
	c.DisabledHealthchecks += o.DisabledHealthchecks
	c.WrongHealthchecks += o.WrongHealthchecks
	c.LatestBaseImages += o.LatestBaseImages
	c.UntaggedBaseImages += o.UntaggedBaseImages
	c.UnpinnedPipInstalls += o.UnpinnedPipInstalls
	c.UnpinnedRequirements += o.UnpinnedRequirements
}
