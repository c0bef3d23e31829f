package stackgen

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
)

// pythonPackage is a pinned requirement. The versions are real releases,
// but the hashes are derived from the name and version: generated stacks
// are checked, never built.
type pythonPackage struct {
	name    string
	version string
}

// unpinnedPackage is a requirement planted without a pin, with the lower
// bound that the requirements.txt form gives it.
type unpinnedPackage struct {
	name       string
	lowerBound string
}

var pinnedPackages = []pythonPackage{
	{"aiohttp", "3.9.5"}, {"anyio", "4.4.0"}, {"boto3", "1.34.131"},
	{"click", "8.1.7"}, {"fastapi", "0.111.0"}, {"flask", "3.0.3"},
	{"grpcio", "1.64.1"}, {"httpx", "0.27.0"}, {"jinja2", "3.1.4"},
	{"numpy", "1.26.4"}, {"orjson", "3.10.5"}, {"prometheus-client", "0.20.0"},
	{"protobuf", "5.27.2"}, {"psycopg", "3.1.19"}, {"pydantic", "2.7.4"},
	{"python-dateutil", "2.9.0.post0"}, {"pyyaml", "6.0.1"}, {"redis", "5.0.7"},
	{"sqlalchemy", "2.0.31"}, {"structlog", "24.2.0"}, {"uvicorn", "0.30.1"},
	{"werkzeug", "3.0.3"},
}

var unpinnedPackages = []unpinnedPackage{
	{"requests", "2"}, {"celery", "5"}, {"pandas", "2"}, {"tenacity", "8"},
}

// pickPackages returns two to five distinct packages in a stable order.
func pickPackages(rng *rand.Rand) []pythonPackage {
	n := 2 + rng.IntN(4)
	perm := rng.Perm(len(pinnedPackages))[:n]

	chosen := make([]bool, len(pinnedPackages))
	for _, i := range perm {
		chosen[i] = true
	}

	var out []pythonPackage
	for i, pkg := range pinnedPackages {
		if chosen[i] {
			out = append(out, pkg)
		}
	}

	return out
}

// hash returns a well-formed, made-up sha256 for the package.
func (p pythonPackage) hash() string {
	sum := sha256.Sum256([]byte(p.name + "==" + p.version))
	return hex.EncodeToString(sum[:])
}
