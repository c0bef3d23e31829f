package input

// Backlog is the remediation backlog that configures the rules.
type Backlog struct {
	// Path is the backlog file, or empty when the built-in backlog is used.
	Path    string `json:"path"`
	Name    string `json:"name"`
	Version string `json:"version"`

	// Items are keyed by rule id, such as C-6.
	Items map[string]Item `json:"items"`

	Families []Family `json:"families"`
	Hosts    []Host   `json:"hosts"`
	Waivers  []Waiver `json:"waivers"`
	QoS      []QoS    `json:"qos"`
}

// Item is one backlog item and the parameters of its rule.
type Item struct {
	ID       string `json:"id"`
	Task     string `json:"task"`
	Owner    string `json:"owner"`
	Priority string `json:"priority"`

	// Status is open, done or wontfix.
	Status string `json:"status"`

	// Params override the rule's default parameters.
	Params   map[string]any `json:"params"`
	Location Location       `json:"location"`
}

// Family is a family of base images, such as a CPU-only Python base.
type Family struct {
	Name     string   `json:"name"`
	GPU      bool     `json:"gpu"`
	Image    string   `json:"image"`
	Location Location `json:"location"`
}

// Host is a machine and the Compose files deployed on it.
type Host struct {
	Name     string   `json:"name"`
	Compose  []string `json:"compose"`
	Location Location `json:"location"`
}

// Waiver suppresses the findings of one rule for some services or files.
type Waiver struct {
	Rule     string   `json:"rule"`
	Services []string `json:"services"`
	Files    []string `json:"files"`
	Reason   string   `json:"reason"`

	// Expires is an ISO 8601 date; an empty value never expires.
	Expires  string   `json:"expires"`
	Location Location `json:"location"`
}

// QoS records the latency requirements of one service.
type QoS struct {
	Service   string   `json:"service"`
	LatencyMS *float64 `json:"latency_ms"`
	JitterMS  *float64 `json:"jitter_ms"`
	Location  Location `json:"location"`
}
