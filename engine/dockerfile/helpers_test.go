package dockerfile

import (
	"errors"
	"testing"

	"github.com/berth-policy/berth/internal/sharedtest"

	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

// sharedDir returns the shared test data beside the repository, or skips.
func sharedDir(t *testing.T, parts ...string) string {
	t.Helper()

	return sharedtest.Shared(t, parts...)
}

// mustParse parses a Dockerfile that must load.
func mustParse(t *testing.T, content string) input.Dockerfile {
	t.Helper()

	df, err := Parse("Dockerfile", []byte(content))
	require.NoError(t, err)

	return df
}

// loadError parses a Dockerfile that must fail and returns its load error.
func loadError(t *testing.T, content []byte) input.LoadError {
	t.Helper()

	_, err := Parse("Dockerfile", content)
	require.Error(t, err)

	var loadErr input.LoadError
	require.True(t, errors.As(err, &loadErr), "error %v is not an input.LoadError", err)

	return loadErr
}

func ptr(s string) *string {
	return &s
}

// at builds a location in the test file "Dockerfile".
func at(line, column, endLine, endColumn int) input.Location {
	return input.Location{File: "Dockerfile", Line: line, Column: column, EndLine: endLine, EndColumn: endColumn}
}

// allLocations returns every location in a parsed Dockerfile.
func allLocations(df input.Dockerfile) []input.Location {
	var locations []input.Location
	for _, directive := range df.Directives {
		locations = append(locations, directive.Location)
	}
	for _, arg := range df.Args {
		locations = append(locations, arg.Location)
	}
	for _, warning := range df.Warnings {
		locations = append(locations, warning.Location)
	}
	for _, stage := range df.Stages {
		locations = append(locations, stage.Location)
		for _, instruction := range stage.Instructions {
			locations = append(locations, instructionLocations(instruction)...)
		}
	}

	return locations
}

func instructionLocations(instruction input.Instruction) []input.Location {
	locations := []input.Location{instruction.Location}
	if instruction.Healthcheck != nil {
		locations = append(locations, instruction.Healthcheck.Location)
	}
	if instruction.OnBuild != nil {
		locations = append(locations, instructionLocations(*instruction.OnBuild)...)
	}

	return locations
}
