package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// fixtureFiles are the sources the fixture report points into. They are
// written to a temporary root so that SARIF fingerprints are computed from
// real files.
var fixtureFiles = map[string]string{
	"docker-compose.yml": "services:\n" +
		"  web:\n" +
		"    image: nginx:1.27\n" +
		"    privileged: true\n" +
		"    ports:\n" +
		"      - \"8080:80\"\n" +
		"  db:\n" +
		"    image: postgres:16\n" +
		"    environment:\n" +
		"      POSTGRES_PASSWORD: example\n" +
		"    restart: always\n",
	"deploy/prod stack/düsseldorf.compose.yml": "services:\n" +
		"  cache:\n" +
		"    image: redis:latest\n" +
		"    privileged: true\n",
	"services/api/Dockerfile": "FROM golang:1.26 AS build\n" +
		"WORKDIR /src\n" +
		"COPY . .\n" +
		"RUN go build -o /app .\n" +
		"FROM scratch\n" +
		"COPY --from=build /app /app\n" +
		"ENTRYPOINT [\"/app\"]\n",
	"backlog.hcl": "waiver \"nginx-digest\" {\n" +
		"  rule          = \"C-2\"\n" +
		"  service       = \"web\"\n" +
		"  justification = \"pinned by Renovate until the digest lands\"\n" +
		"}\n",
}

// writeFixtureRoot writes fixtureFiles to a new temporary directory and
// returns it.
func writeFixtureRoot(t *testing.T) string {
	t.Helper()

	root := t.TempDir()
	for name, content := range fixtureFiles {
		path := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}

	return root
}

// fixtureReport is a realistic run: several rules, files and levels, a
// suppressed finding, a load error with a location, a finding without
// columns and a path with a space and non-ASCII characters. Findings are
// deliberately out of order.
func fixtureReport() finding.Report {
	const dusseldorf = "deploy/prod stack/düsseldorf.compose.yml"

	return finding.Report{
		ToolVersion: "v0.4.1",
		Rules: []finding.Rule{
			{
				ID:          "C-2",
				Name:        "ImagePinnedByDigest",
				Title:       "Pin images by digest",
				Description: "Every image reference names a sha256 digest, so a deploy cannot pull different bytes under the same tag.",
				Priority:    "P2",
				Level:       finding.LevelWarning,
				Tags:        []string{"supply-chain", "compose"},
				Help:        "# C-2\n\nAvoid `image: nginx:1.27`.\n\nPrefer `image: nginx:1.27@sha256:…`.",
				HelpURI:     "https://berth-policy.dev/rules/C-2",
			},
			{
				ID:               "C-6",
				Name:             "NoPrivilegedContainers",
				Title:            "No privileged containers",
				Description:      "No service sets privileged: true, which gives the container every capability and all host devices.",
				Priority:         "P0",
				Level:            finding.LevelError,
				Tags:             []string{"compose", "runtime"},
				Help:             "# C-6\n\nRemove `privileged: true` and grant only the capabilities the service needs with `cap_add`.",
				HelpURI:          "https://berth-policy.dev/rules/C-6",
				SecuritySeverity: "8.8",
			},
			{
				ID:          "C-10",
				Name:        "NoLatestTag",
				Title:       "No latest tag",
				Description: "Image references name a version tag rather than latest.",
				Priority:    "P3",
				Level:       finding.LevelNote,
				Tags:        []string{"compose"},
			},
			{
				ID:          "C-11",
				Name:        "NonRootUser",
				Title:       "Run as a non-root user",
				Description: "The final stage of every Dockerfile sets USER to a non-root user.",
				Priority:    "P2",
				Level:       finding.LevelWarning,
				Tags:        []string{"dockerfile"},
			},
			{
				ID:               "C-14",
				Name:             "NoPlainTextSecrets",
				Title:            "No secrets in environment",
				Description:      "Passwords and tokens come from secrets, not from environment values in the Compose file.",
				Priority:         "P1",
				Level:            finding.LevelError,
				Tags:             []string{"compose", "secrets"},
				SecuritySeverity: "7.5",
			},
			{
				ID:          "C-20",
				Name:        "HealthcheckDefined",
				Title:       "Healthcheck defined",
				Description: "Every long-running service defines a healthcheck.",
				Priority:    "P3",
				Level:       finding.LevelNote,
			},
		},
		Findings: []finding.Finding{
			{
				RuleID:   "C-11",
				Level:    finding.LevelWarning,
				Message:  "final stage runs as root: add a USER instruction",
				Location: input.Location{File: "services/api/Dockerfile", Line: 5},
			},
			{
				RuleID:   "C-6",
				Level:    finding.LevelError,
				Message:  `service "cache" runs privileged: 100% of host devices, <all> & more`,
				Location: input.Location{File: dusseldorf, Line: 4, Column: 5, EndLine: 4, EndColumn: 21},
				Service:  "cache",
			},
			{
				RuleID:   "C-14",
				Level:    finding.LevelError,
				Message:  `service "db" sets POSTGRES_PASSWORD in plain text`,
				Location: input.Location{File: "docker-compose.yml", Line: 9, Column: 5, EndLine: 10, EndColumn: 33},
				Service:  "db",
			},
			{
				RuleID:   "C-2",
				Level:    finding.LevelWarning,
				Message:  "image nginx:1.27 is not pinned by digest",
				Location: input.Location{File: "docker-compose.yml", Line: 3, Column: 12, EndLine: 3, EndColumn: 22},
				Service:  "web",
				Suppression: &finding.Suppression{
					Kind:          "external",
					Justification: "pinned by Renovate until the digest lands",
					Location:      input.Location{File: "backlog.hcl", Line: 1, Column: 1, EndLine: 5, EndColumn: 2},
				},
			},
			{
				RuleID:   "C-10",
				Level:    finding.LevelNote,
				Message:  "image redis:latest uses the latest tag",
				Location: input.Location{File: dusseldorf, Line: 3, Column: 12, EndLine: 3, EndColumn: 24},
				Service:  "cache",
			},
			{
				RuleID:   "C-6",
				Level:    finding.LevelError,
				Message:  `service "web" runs privileged`,
				Location: input.Location{File: "docker-compose.yml", Line: 4, Column: 5, EndLine: 4, EndColumn: 21},
				Service:  "web",
			},
		},
		Errors: []input.LoadError{
			{
				Location: input.Location{File: "broken.yml", Line: 4, Column: 3},
				Message:  "mapping values are not allowed in this context",
			},
		},
	}
}

// fixtureOptions returns the options the golden files are written with.
func fixtureOptions(root string) Options {
	return Options{
		Root:           root,
		SourceRootURI:  "file:///home/ci/berth-demo/",
		InformationURI: "https://berth-policy.dev",
	}
}
