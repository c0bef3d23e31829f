package dockerfile

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/berth-policy/berth/engine/input"
)

// stageSummary is the part of a stage that FROM decides.
type stageSummary struct {
	name     string
	platform string
	final    bool
	base     input.BaseImage
}

func summarizeStages(df input.Dockerfile) []stageSummary {
	var summaries []stageSummary
	for _, stage := range df.Stages {
		summaries = append(summaries, stageSummary{stage.Name, stage.Platform, stage.Final, stage.Base})
	}

	return summaries
}

func TestParseStages(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []stageSummary
	}{
		{
			name:    "stage references by name and number",
			content: "FROM golang:1.22 AS Build\nFROM build AS test\nFROM BUILD\nFROM 0\nFROM scratch\n",
			want: []stageSummary{
				{name: "build", base: input.BaseImage{Raw: "golang:1.22", Reference: "golang:1.22", Image: "golang", Tag: "1.22", Stage: -1}},
				{name: "test", base: input.BaseImage{Raw: "build", Reference: "build", Stage: 0}},
				{base: input.BaseImage{Raw: "BUILD", Reference: "BUILD", Stage: 0}},
				{base: input.BaseImage{Raw: "0", Reference: "0", Stage: 0}},
				{final: true, base: input.BaseImage{Raw: "scratch", Reference: "scratch", Stage: -1, Scratch: true}},
			},
		},
		{
			name:    "later stage name is an image",
			content: "FROM base\nFROM alpine AS base\n",
			want: []stageSummary{
				{base: input.BaseImage{Raw: "base", Reference: "base", Image: "base", Stage: -1}},
				{name: "base", final: true, base: input.BaseImage{Raw: "alpine", Reference: "alpine", Image: "alpine", Stage: -1}},
			},
		},
		{
			name:    "own stage number is an image",
			content: "FROM alpine\nFROM 1\n",
			want: []stageSummary{
				{base: input.BaseImage{Raw: "alpine", Reference: "alpine", Image: "alpine", Stage: -1}},
				{final: true, base: input.BaseImage{Raw: "1", Reference: "1", Image: "1", Stage: -1}},
			},
		},
		{
			name:    "repeated stage name",
			content: "FROM alpine AS app\nFROM debian AS app\nFROM app\n",
			want: []stageSummary{
				{name: "app", base: input.BaseImage{Raw: "alpine", Reference: "alpine", Image: "alpine", Stage: -1}},
				{name: "app", base: input.BaseImage{Raw: "debian", Reference: "debian", Image: "debian", Stage: -1}},
				{final: true, base: input.BaseImage{Raw: "app", Reference: "app", Stage: 1}},
			},
		},
		{
			name:    "platform flag is kept as written",
			content: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n",
			want: []stageSummary{
				{name: "build", platform: "$BUILDPLATFORM", final: true,
					base: input.BaseImage{Raw: "golang:1.22", Reference: "golang:1.22", Image: "golang", Tag: "1.22", Stage: -1}},
			},
		},
		{
			name:    "quoted reference",
			content: "FROM \"alpine:3.20\"\n",
			want: []stageSummary{
				{final: true, base: input.BaseImage{Raw: `"alpine:3.20"`, Reference: "alpine:3.20", Image: "alpine", Tag: "3.20", Stage: -1}},
			},
		},
		{
			name:    "ARG without a default is unresolved",
			content: "ARG BASE\nFROM $BASE\n",
			want: []stageSummary{
				{final: true, base: input.BaseImage{Raw: "$BASE", Reference: "$BASE", Image: "$BASE", Stage: -1, Unresolved: []string{"BASE"}}},
			},
		},
		{
			name:    "global ARGs that use earlier ones",
			content: "ARG REGISTRY=registry.local\nARG IMAGE=${REGISTRY}/app\nARG TAG\nFROM ${IMAGE}:${TAG:-1.0}\n",
			want: []stageSummary{
				{final: true, base: input.BaseImage{
					Raw: "${IMAGE}:${TAG:-1.0}", Reference: "registry.local/app:${TAG:-1.0}",
					Image: "registry.local/app", Tag: "${TAG:-1.0}", Stage: -1, Unresolved: []string{"TAG"},
				}},
			},
		},
		{
			name:    "default that uses an unresolved ARG",
			content: "ARG VERSION\nARG IMAGE=python:${VERSION}-slim\nFROM ${IMAGE}\n",
			want: []stageSummary{
				{final: true, base: input.BaseImage{
					Raw: "${IMAGE}", Reference: "python:${VERSION}-slim",
					Image: "python", Tag: "${VERSION}-slim", Stage: -1, Unresolved: []string{"VERSION"},
				}},
			},
		},
		{
			name:    "redeclared ARG keeps its default",
			content: "ARG TAG=3.20\nARG TAG\nFROM alpine:${TAG}\n",
			want: []stageSummary{
				{final: true, base: input.BaseImage{Raw: "alpine:${TAG}", Reference: "alpine:3.20", Image: "alpine", Tag: "3.20", Stage: -1}},
			},
		},
		{
			name:    "stage ARG is not global",
			content: "FROM alpine\nARG TAG=1\nFROM python:${TAG}\n",
			want: []stageSummary{
				{base: input.BaseImage{Raw: "alpine", Reference: "alpine", Image: "alpine", Stage: -1}},
				{final: true, base: input.BaseImage{
					Raw: "python:${TAG}", Reference: "python:${TAG}", Image: "python", Tag: "${TAG}", Stage: -1, Unresolved: []string{"TAG"},
				}},
			},
		},
		{
			name:    "built-in platform ARG is unresolved",
			content: "FROM --platform=$TARGETPLATFORM ${TARGETARCH}/alpine\n",
			want: []stageSummary{
				{platform: "$TARGETPLATFORM", final: true, base: input.BaseImage{
					Raw: "${TARGETARCH}/alpine", Reference: "${TARGETARCH}/alpine", Image: "${TARGETARCH}/alpine",
					Stage: -1, Unresolved: []string{"TARGETARCH"},
				}},
			},
		},
		{
			name:    "escape directive applies to ARG defaults",
			content: "# escape=`\nARG BASE=\"mcr.microsoft.com/windows/servercore:ltsc2022\"\nFROM ${BASE}\n",
			want: []stageSummary{
				{final: true, base: input.BaseImage{
					Raw: "${BASE}", Reference: "mcr.microsoft.com/windows/servercore:ltsc2022",
					Image: "mcr.microsoft.com/windows/servercore", Tag: "ltsc2022", Stage: -1,
				}},
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := mustParse(t, tt.content)

			assert.Equal(t, tt.want, summarizeStages(df))
		})
	}
}

func TestParseStageFields(t *testing.T) {
	df := mustParse(t, "ARG TAG=3.20\nFROM alpine:${TAG} AS base\nRUN true\n\nFROM base\nUSER app\n")

	assert.Equal(t, []input.Arg{{Name: "TAG", Default: ptr("3.20"), Location: at(1, 1, 1, 13)}}, df.Args)

	if assert.Len(t, df.Stages, 2) {
		assert.Equal(t, 0, df.Stages[0].Index)
		assert.Equal(t, at(2, 1, 2, 27), df.Stages[0].Location)
		assert.False(t, df.Stages[0].Final)
		assert.Len(t, df.Stages[0].Instructions, 1)

		assert.Equal(t, 1, df.Stages[1].Index)
		assert.Equal(t, at(5, 1, 5, 10), df.Stages[1].Location)
		assert.True(t, df.Stages[1].Final)
		assert.Len(t, df.Stages[1].Instructions, 1)
	}
}

func TestSplitReference(t *testing.T) {
	tests := []struct {
		name      string
		reference string
		want      imageReference
	}{
		{name: "name only", reference: "python", want: imageReference{image: "python"}},
		{name: "name and tag", reference: "python:3.12-slim", want: imageReference{image: "python", tag: "3.12-slim"}},
		{name: "registry port without tag", reference: "localhost:5000/x", want: imageReference{image: "localhost:5000/x"}},
		{name: "registry port with tag", reference: "localhost:5000/team/app:1.2", want: imageReference{image: "localhost:5000/team/app", tag: "1.2"}},
		{name: "digest", reference: "python@sha256:0123abcd", want: imageReference{image: "python", digest: "sha256:0123abcd"}},
		{name: "tag and digest", reference: "python:3.12@sha256:0123abcd", want: imageReference{image: "python", tag: "3.12", digest: "sha256:0123abcd"}},
		{name: "registry port and digest", reference: "registry.local:443/app@sha256:0123abcd", want: imageReference{image: "registry.local:443/app", digest: "sha256:0123abcd"}},
		{name: "empty", reference: "", want: imageReference{}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, splitReference(tt.reference))
		})
	}
}

func TestSplitReferenceWithExpressions(t *testing.T) {
	tests := []struct {
		name      string
		reference string
		want      imageReference
	}{
		{name: "default in the tag", reference: "app:${TAG:-1.0}", want: imageReference{image: "app", tag: "${TAG:-1.0}"}},
		{name: "replacement in the name", reference: "${NAME/a/b}:1", want: imageReference{image: "${NAME/a/b}", tag: "1"}},
		{name: "nested expressions", reference: "app:${A:-${B:-x}}", want: imageReference{image: "app", tag: "${A:-${B:-x}}"}},
		{name: "unclosed expression", reference: "app:${TAG", want: imageReference{image: "app", tag: "${TAG"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, splitReference(tt.reference))
		})
	}
}
