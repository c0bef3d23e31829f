package stackgen

import (
	"fmt"
	"math/rand/v2"
)

// Planted violations per 20 services of a project. A project of n services
// gets count*n/20 of each kind, rounded down, so 20 services get exactly
// these numbers and fewer than 20 may get none.
const (
	socketsPer20        = 1
	duplicatePortsPer20 = 2
	healthchecksPer20   = 1 // of each kind: missing, disabled, wrong path
	baseImagesPer20     = 1 // of each kind: latest, untagged
	pipPinsPer20        = 1 // of each kind: Dockerfile, requirements.txt
)

// Host ports start at these numbers and grow by one per service across the
// whole stack, which MaxServices keeps below 65536.
const (
	firstHostPort    = 20000
	firstMetricsPort = 40000
)

const (
	containerPort        = 8000
	containerMetricsPort = 9100
	metricsPortEveryNth  = 3
	composeFileName      = "docker-compose.yml"
	requirementsFileName = "requirements.txt"
	dockerfileName       = "Dockerfile"
	environmentFileName  = ".env"
	defaultRegistry      = "registry.local"
	defaultImageTag      = "1.4.2"
	nonRootUID           = 10001
	pythonVersion        = "3.12"
)

type socketKind int

const (
	socketNone socketKind = iota
	socketShort
	socketLong
)

type healthKind int

const (
	healthProbe healthKind = iota
	healthMissing
	healthDisabled
	healthWrongPath
)

type baseKind int

const (
	baseLiteral baseKind = iota
	baseFromArg
	baseLatest
	baseUntagged
)

type pipKind int

const (
	pipPinned pipKind = iota
	pipUnpinnedRun
	pipUnpinnedRequirement
)

// service is the plan of one generated service.
type service struct {
	name        string
	hostPort    int
	metricsPort int // 0 when the service publishes no metrics port
	duplicate   bool
	socket      socketKind
	health      healthKind
	base        baseKind
	pip         pipKind
	dependsOn   string
	dependsLong bool
	envAsList   bool
	packages    []pythonPackage
	unpinned    unpinnedPackage
}

// project is the plan of one Compose project.
type project struct {
	name     string
	services []service
}

var serviceKinds = []string{
	"api", "worker", "gateway", "scheduler", "indexer", "notifier", "auth",
	"billing", "search", "ingest", "reporter", "cache-warmer", "exporter",
	"mailer", "uploader", "resizer", "tracker", "ledger", "router", "audit",
}

func planProject(rng *rand.Rand, cfg Config, index int) project {
	p := project{name: fmt.Sprintf("p%03d", index+1)}

	for i := range cfg.Services {
		global := index*cfg.Services + i
		s := service{
			name:      fmt.Sprintf("%s-%02d", serviceKinds[i%len(serviceKinds)], i+1),
			hostPort:  firstHostPort + global,
			envAsList: rng.IntN(4) == 0,
			packages:  pickPackages(rng),
			unpinned:  unpinnedPackages[rng.IntN(len(unpinnedPackages))],
		}
		if i%metricsPortEveryNth == 0 {
			s.metricsPort = firstMetricsPort + global
		}
		if rng.IntN(2) == 0 {
			s.base = baseFromArg
		}
		if i > 0 {
			s.dependsOn = p.services[rng.IntN(i)].name
			s.dependsLong = rng.IntN(3) == 0
		}
		p.services = append(p.services, s)
	}

	p.plantSockets(rng)
	p.plantDuplicatePorts(rng)
	p.plantHealthchecks(rng)
	p.plantBaseImages(rng)
	p.plantPipPins(rng)

	return p
}

// share returns how many of n services get a violation planted at a rate
// of perTwenty per 20 services.
func share(n, perTwenty int) int {
	return n * perTwenty / 20
}

// pick returns k distinct service indexes from [from, n), in random order.
func pick(rng *rand.Rand, n, from, k int) []int {
	if k > n-from {
		k = max(n-from, 0)
	}

	perm := rng.Perm(n - from)
	picked := make([]int, k)
	for i := range k {
		picked[i] = from + perm[i]
	}

	return picked
}

func (p *project) plantSockets(rng *rand.Rand) {
	for _, i := range pick(rng, len(p.services), 0, share(len(p.services), socketsPer20)) {
		p.services[i].socket = socketShort
		if rng.IntN(2) == 0 {
			p.services[i].socket = socketLong
		}
	}
}

// plantDuplicatePorts gives services the host port of an earlier service.
// Services are handled in file order, so a port copied from a service that
// is itself a duplicate is still the same number, and each duplicate adds
// exactly one collision.
func (p *project) plantDuplicatePorts(rng *rand.Rand) {
	chosen := map[int]bool{}
	for _, i := range pick(rng, len(p.services), 1, share(len(p.services), duplicatePortsPer20)) {
		chosen[i] = true
	}

	for i := range p.services {
		if !chosen[i] {
			continue
		}
		p.services[i].hostPort = p.services[rng.IntN(i)].hostPort
		p.services[i].duplicate = true
	}
}

func (p *project) plantHealthchecks(rng *rand.Rand) {
	k := share(len(p.services), healthchecksPer20)
	picked := pick(rng, len(p.services), 0, 3*k)
	for n, i := range picked {
		p.services[i].health = []healthKind{healthMissing, healthDisabled, healthWrongPath}[n*3/max(len(picked), 1)]
	}
}

func (p *project) plantBaseImages(rng *rand.Rand) {
	k := share(len(p.services), baseImagesPer20)
	picked := pick(rng, len(p.services), 0, 2*k)
	for n, i := range picked {
		p.services[i].base = []baseKind{baseLatest, baseUntagged}[n*2/max(len(picked), 1)]
	}
}

func (p *project) plantPipPins(rng *rand.Rand) {
	k := share(len(p.services), pipPinsPer20)
	picked := pick(rng, len(p.services), 0, 2*k)
	for n, i := range picked {
		p.services[i].pip = []pipKind{pipUnpinnedRun, pipUnpinnedRequirement}[n*2/max(len(picked), 1)]
	}
}

func (p project) counts() Counts {
	c := Counts{
		Projects:         1,
		Services:         len(p.services),
		ComposeFiles:     1,
		Dockerfiles:      len(p.services),
		RequirementFiles: len(p.services),
	}

	for _, s := range p.services {
		if s.socket != socketNone {
			c.SocketMounts++
		}
		if s.duplicate {
			c.DuplicatePorts++
		}
		switch s.health {
		case healthMissing:
			c.MissingHealthchecks++
		case healthDisabled:
			c.DisabledHealthchecks++
		case healthWrongPath:
			c.WrongHealthchecks++
		}
		switch s.base {
		case baseLatest:
			c.LatestBaseImages++
		case baseUntagged:
			c.UntaggedBaseImages++
		}
		switch s.pip {
		case pipUnpinnedRun:
			c.UnpinnedPipInstalls++
		case pipUnpinnedRequirement:
			c.UnpinnedRequirements++
		}
	}

	return c
}

func (p project) files() []File {
	files := []File{
		{Path: p.name + "/" + composeFileName, Content: p.compose()},
		{Path: p.name + "/" + environmentFileName, Content: p.environment()},
	}

	for _, s := range p.services {
		dir := p.name + "/" + s.name + "/"
		files = append(files,
			File{Path: dir + dockerfileName, Content: s.dockerfile()},
			File{Path: dir + requirementsFileName, Content: s.requirements()},
		)
	}

	return files
}
