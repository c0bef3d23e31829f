package backlog

// defaultItem is one row of the built-in backlog.
type defaultItem struct {
	id       string
	task     string
	owner    string
	priority string
}

// defaultItems are the items of the built-in backlog, one per rule, with the
// tasks, owner roles and priorities of the Docker Blueprint v1.1 action
// backlog.
var defaultItems = []defaultItem{
	{id: "C-1", task: "Define `PORT_OFFSET` default and wire into CI/env", owner: "DevOps", priority: "P0"},
	{id: "C-2", task: "Decommission `ObservabilityDashboardAPI`; keep UOC only", owner: "Platform Eng", priority: "P0"},
	{id: "C-3", task: "Add Dockerfiles: ServiceRegistry, SystemDigitalTwin, TieredResponder", owner: "Platform Eng", priority: "P0"},
	{id: "C-4", task: "Retag CPU-only agents to `family-cpu-pydeps`", owner: "ML Ops", priority: "P1"},
	{id: "C-5", task: "Harden legacy Py3.10 image; schedule migration to 3.11", owner: "Eng Manager", priority: "P1"},
	{id: "C-6", task: "Replace RW docker.sock with docker-proxy sidecar", owner: "Security", priority: "P0"},
	{id: "C-7", task: "Add volumes / DB mapping for stateful agents", owner: "DevOps", priority: "P1"},
	{id: "C-8", task: "Implement ServiceRegistry discovery mechanism", owner: "Backend Lead", priority: "P0"},
	{id: "C-9", task: "Standardise /health checks & ports", owner: "SRE", priority: "P1"},
	{id: "C-10", task: "Resolve port collisions (UOC duplicates)", owner: "DevOps", priority: "P1"},
	{id: "C-11", task: "Assess need for `family-vision-cu121`; remove if unused", owner: "Arch Team", priority: "P2"},
	{id: "C-12", task: "Break circular dependency (Streaming audio ←→ SystemDigitalTwin)", owner: "Backend Lead", priority: "P0"},
	{id: "C-13", task: "Introduce secrets management (Vault / KMS)", owner: "Security", priority: "P1"},
	{id: "C-14", task: "Expose CI quality gates & Trivy/SBOM workflows", owner: "CI/CD", priority: "P1"},
	{id: "C-15", task: "Propagate CUDA env vars via images", owner: "ML Ops", priority: "P2"},
	{id: "C-16", task: "Implement FORCE_IMAGE_TAG rollback logic in supervisors", owner: "DevOps", priority: "P2"},
	{id: "C-17", task: "Pin per-service dependencies (requirements.txt hashes)", owner: "Developers", priority: "P2"},
	{id: "C-18", task: "Add Prometheus metrics to all services", owner: "Observability", priority: "P2"},
	{id: "C-19", task: "Document QoS/latency requirements for cross-machine audio", owner: "Arch Team", priority: "P3"},
	{id: "C-20", task: "Align service names & folder paths (CrossMachineGPUScheduler)", owner: "Repo Maintainers", priority: "P2"},
}

// defaultFamilies are the image families of the built-in backlog. Images are
// left empty because registries differ between teams.
var defaultFamilies = []struct {
	name string
	gpu  bool
}{
	{name: "family-cpu-pydeps", gpu: false},
	{name: "family-cuda", gpu: true},
	{name: "family-vision-cu121", gpu: true},
}
