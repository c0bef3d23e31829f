package report

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// decodeJUnit parses JUnit output back into the reporter's own types.
func decodeJUnit(t *testing.T, data []byte) junitTestSuites {
	t.Helper()

	var doc junitTestSuites
	require.NoError(t, xml.Unmarshal(data, &doc))

	return doc
}

func TestJUnitRoundTrip(t *testing.T) {
	opts := fixtureOptions(writeFixtureRoot(t))
	opts.ShowSuppressed = true

	doc := decodeJUnit(t, writeReport(t, FormatJUnit, opts))

	require.Len(t, doc.Suites, 1)
	suite := doc.Suites[0]
	assert.Equal(t, "berth", suite.Name)
	assert.Equal(t, 8, suite.Tests)
	assert.Equal(t, 5, suite.Failures)
	assert.Equal(t, 1, suite.Errors)
	assert.Equal(t, 1, suite.Skipped)
	assert.Equal(t, suite.Tests, doc.Tests)

	var names []string
	for _, c := range suite.Cases {
		names = append(names, c.Name)
	}
	assert.Equal(t, []string{
		"broken.yml",
		"C-2 docker-compose.yml",
		"C-6 deploy/prod stack/düsseldorf.compose.yml",
		"C-6 docker-compose.yml",
		"C-10 deploy/prod stack/düsseldorf.compose.yml",
		"C-11 services/api/Dockerfile",
		"C-14 docker-compose.yml",
		"C-20",
	}, names)

	load := suite.Cases[0]
	assert.Equal(t, "load", load.ClassName)
	assert.Equal(t, []junitProblem{{
		Message: "mapping values are not allowed in this context",
		Type:    "load error",
		Text:    "broken.yml:4:3: error: mapping values are not allowed in this context",
	}}, load.Errors)

	suppressed := suite.Cases[1]
	assert.Empty(t, suppressed.Failures)
	assert.Equal(t, &junitSkipped{Message: "all findings are suppressed or unchanged since the baseline"}, suppressed.Skipped)
	assert.Equal(t, "docker-compose.yml:3:12: warning C-2: image nginx:1.27 is not pinned by digest (suppressed: pinned by Renovate until the digest lands)", suppressed.SystemOut)

	escaped := suite.Cases[2]
	assert.Equal(t, "C-6", escaped.ClassName)
	assert.Equal(t, []junitProblem{{
		Message: `service "cache" runs privileged: 100% of host devices, <all> & more`,
		Type:    "error",
		Text:    `deploy/prod stack/düsseldorf.compose.yml:4:5: error C-6: service "cache" runs privileged: 100% of host devices, <all> & more`,
	}}, escaped.Failures)

	passing := suite.Cases[7]
	assert.Equal(t, junitTestCase{Name: "C-20", ClassName: "C-20"}, passing)
}

func TestJUnitControlCharacters(t *testing.T) {
	report := finding.Report{Findings: []finding.Finding{{
		RuleID:   "C-6",
		Level:    finding.LevelError,
		Message:  "escape \x1b[31m and nul \x00 in ]]> text",
		Location: input.Location{File: "a.yml", Line: 1},
	}}}

	reporter, err := New(FormatJUnit, Options{})
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, reporter.Write(&out, report))

	doc := decodeJUnit(t, out.Bytes())
	require.Len(t, doc.Suites, 1)
	require.Len(t, doc.Suites[0].Cases, 1)
	assert.Equal(t, "escape \uFFFD[31m and nul \uFFFD in ]]> text", doc.Suites[0].Cases[0].Failures[0].Message)
}
