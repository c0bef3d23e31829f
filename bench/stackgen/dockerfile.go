package stackgen

import (
	"fmt"
	"strings"
)

// dockerfile renders the service's Dockerfile. It has no HEALTHCHECK, so
// the Compose file alone decides whether the service has one.
func (s service) dockerfile() []byte {
	var b strings.Builder
	b.WriteString("# syntax=docker/dockerfile:1\n")

	switch s.base {
	case baseFromArg:
		fmt.Fprintf(&b, "ARG PYTHON_VERSION=%s\nFROM python:${PYTHON_VERSION}-slim\n", pythonVersion)
	case baseLatest:
		b.WriteString("FROM python:latest\n")
	case baseUntagged:
		b.WriteString("FROM python\n")
	default:
		fmt.Fprintf(&b, "FROM python:%s-slim\n", pythonVersion)
	}

	fmt.Fprintf(&b, "\nLABEL org.opencontainers.image.title=%q\n", s.name)
	b.WriteString("ENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\nWORKDIR /app\n\n")

	// pip rejects --require-hashes for a file with an unhashed line, so
	// the Dockerfile of a service with an unpinned requirement leaves the
	// flag out.
	b.WriteString("COPY requirements.txt .\n")
	if s.pip == pipUnpinnedRequirement {
		b.WriteString("RUN pip install --no-cache-dir -r requirements.txt\n")
	} else {
		b.WriteString("RUN pip install --no-cache-dir --require-hashes -r requirements.txt\n")
	}
	if s.pip == pipUnpinnedRun {
		fmt.Fprintf(&b, "RUN pip install --no-cache-dir %s\n", s.unpinned.name)
	}
	b.WriteString("COPY . .\n\n")

	fmt.Fprintf(&b, "USER %d\n", nonRootUID)
	if s.metricsPort != 0 {
		fmt.Fprintf(&b, "EXPOSE %d %d\n", containerPort, containerMetricsPort)
	} else {
		fmt.Fprintf(&b, "EXPOSE %d\n", containerPort)
	}
	fmt.Fprintf(&b, "CMD [\"python\", \"-m\", %q]\n", strings.ReplaceAll(s.name, "-", "_"))

	return []byte(b.String())
}

// requirements renders the service's requirements.txt: every line pinned
// with a hash, plus one unpinned line when that violation is planted.
func (s service) requirements() []byte {
	var b strings.Builder
	b.WriteString("# Pinned with hashes. The hashes are made up: generated stacks are never built.\n")

	for _, pkg := range s.packages {
		fmt.Fprintf(&b, "%s==%s --hash=sha256:%s\n", pkg.name, pkg.version, pkg.hash())
	}
	if s.pip == pipUnpinnedRequirement {
		fmt.Fprintf(&b, "%s>=%s\n", s.unpinned.name, s.unpinned.lowerBound)
	}

	return []byte(b.String())
}
