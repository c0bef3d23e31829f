package dockerfile

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/berth-policy/berth/engine/input"
)

func TestRequirementFiles(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []string
	}{
		{
			name:    "copied to WORKDIR and installed",
			content: "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
			want:    []string{"requirements.txt"},
		},
		{
			name:    "copied from a subfolder",
			content: "FROM python:3.12\nWORKDIR /app\nCOPY backend/requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n",
			want:    []string{"backend/requirements.txt"},
		},
		{
			name:    "copied into WORKDIR without slash",
			content: "FROM python:3.12\nWORKDIR /app\nCOPY deploy/requirements.txt /app\nRUN pip install -r /app/requirements.txt\n",
			want:    []string{"deploy/requirements.txt"},
		},
		{
			name:    "whole context copied",
			content: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements/prod.txt -c constraints.txt\n",
			want:    []string{"requirements/prod.txt", "constraints.txt"},
		},
		{
			name: "pip3, python -m pip, uv",
			content: "FROM python:3.12\nCOPY . /src\n" +
				"RUN pip3 install -r /src/a.txt && python3 -m pip install --requirement=/src/b.txt; " +
				"python -m pip --no-cache-dir install --constraint /src/c.txt\n" +
				"RUN uv pip install -r/src/d.txt\n",
			want: []string{"a.txt", "b.txt", "c.txt", "d.txt"},
		},
		{
			name:    "bind mount of the context",
			content: "FROM python:3.12\nRUN --mount=type=bind,source=deploy/requirements.txt,target=/tmp/requirements.txt pip install -r /tmp/requirements.txt\n",
			want:    []string{"deploy/requirements.txt"},
		},
		{
			name:    "bind mount relative to WORKDIR",
			content: "FROM python:3.12\nWORKDIR /app\nRUN --mount=type=bind,src=deploy,dst=deploy pip install -r deploy/requirements.txt\n",
			want:    []string{"deploy/requirements.txt"},
		},
		{
			name:    "cache mount is not the context",
			content: "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install -r /root/.cache/requirements.txt\n",
			want:    []string{},
		},
		{
			name:    "absolute path from another stage",
			content: "FROM python:3.12 AS build\nRUN pip freeze > /requirements.txt\nFROM python:3.12\nCOPY --from=build /requirements.txt /app/\nRUN pip install -r /app/requirements.txt\n",
			want:    []string{},
		},
		{
			name:    "copied requirement files without an install",
			content: "FROM python:3.12\nCOPY requirements-dev.txt Constraints.txt /app/\nADD docs/requirements.txt /docs/\nCOPY setup.py /app/\n",
			want:    []string{"requirements-dev.txt", "Constraints.txt", "docs/requirements.txt"},
		},
		{
			name:    "wildcard copy resolved by the install",
			content: "FROM python:3.12\nWORKDIR /app\nCOPY requirements*.txt ./\nRUN pip install -r requirements-prod.txt\n",
			want:    []string{"requirements-prod.txt"},
		},
		{
			name:    "COPY --parents with a wildcard",
			content: "FROM python:3.12\nCOPY --parents services/*/requirements.txt /src/\nRUN pip install -r /src/services/api/requirements.txt\n",
			want:    []string{"services/api/requirements.txt"},
		},
		{
			name:    "stage built on an earlier stage",
			content: "FROM python:3.12 AS base\nWORKDIR /app\nCOPY api/ ./\nFROM base\nRUN pip install -r requirements.txt\n",
			want:    []string{"api/requirements.txt"},
		},
		{
			name:    "here-document script with a continuation",
			content: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nset -e\npip install \\\n  -r requirements.txt\nEOF\n",
			want:    []string{"requirements.txt"},
		},
		{
			name:    "exec form",
			content: "FROM python:3.12\nRUN [\"pip\", \"install\", \"-r\", \"requirements.txt\"]\n",
			want:    []string{"requirements.txt"},
		},
		{
			name:    "relative path that no COPY provides",
			content: "FROM python:3.12\nRUN pip install -r ./requirements.txt\n",
			want:    []string{"requirements.txt"},
		},
		{
			name:    "path in a variable is skipped",
			content: "FROM python:3.12\nRUN pip install -r $REQUIREMENTS\n",
			want:    []string{},
		},
		{
			name:    "other pip commands are not installs",
			content: "FROM python:3.12\nRUN pip install flask==3.0 && pip download -r wheels.txt\n",
			want:    []string{},
		},
		{
			name:    "file named twice is listed once",
			content: "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nRUN pip install -r requirements.txt\n",
			want:    []string{"requirements.txt"},
		},
		{
			name:    "source outside the context",
			content: "FROM python:3.12\nCOPY ../requirements.txt /app/\n",
			want:    []string{"requirements.txt"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := mustParse(t, tt.content)

			assert.Equal(t, tt.want, RequirementFiles(df))
		})
	}
}

func TestRequirementFileRefs(t *testing.T) {
	df := mustParse(t, "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt -c constraints.txt\n")

	assert.Equal(t, []input.FileRef{
		{Path: "services/api/requirements.txt", Location: at(3, 1, 3, 24)},
		{Path: "services/api/constraints.txt", Location: at(4, 1, 4, 55)},
	}, RequirementFileRefs(df, "services/api"))
}

func TestRequirementFilesSkipVariables(t *testing.T) {
	df := mustParse(t, "FROM python:3.12\nARG APP\nCOPY ${APP}/requirements.txt requirements-extra.txt /\nRUN pip install -r /requirements.txt -r /requirements-extra.txt\n")

	assert.Equal(t, []string{"requirements-extra.txt"}, RequirementFiles(df))
}

func TestRequirementFilesFromElsewhere(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []string
	}{
		{
			name:    "relative path copied from another stage",
			content: "FROM python:3.12 AS build\nRUN pip freeze > /out/requirements.txt\nFROM python:3.12\nWORKDIR /app\nCOPY --from=build /out/requirements.txt .\nRUN pip install -r requirements.txt\n",
			want:    []string{},
		},
		{
			name:    "relative path added from a URL",
			content: "FROM python:3.12\nWORKDIR /app\nADD https://example.com/requirements.txt .\nRUN pip install -r requirements.txt\n",
			want:    []string{},
		},
		{
			name:    "relative path written by a here-document",
			content: "FROM python:3.12\nWORKDIR /app\nCOPY <<EOF requirements.txt\nflask==3.0.0\nEOF\nRUN pip install -r requirements.txt\n",
			want:    []string{},
		},
		{
			name:    "later copy from the context wins",
			content: "FROM python:3.12 AS build\nFROM python:3.12\nWORKDIR /app\nCOPY --from=build /requirements.txt .\nCOPY api/requirements.txt .\nRUN pip install -r requirements.txt\n",
			want:    []string{"api/requirements.txt"},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := mustParse(t, tt.content)

			assert.Equal(t, tt.want, RequirementFiles(df))
		})
	}
}
