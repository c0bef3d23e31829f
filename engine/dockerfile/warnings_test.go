package dockerfile

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/berth-policy/berth/engine/input"
)

func TestParseWarnings(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []input.LoadError
	}{
		{
			name:    "unknown flag",
			content: "FROM alpine\nCOPY --checksum=sha256:0123abcd app /srv/\n",
			want: []input.LoadError{{
				Location: at(2, 1, 2, 42),
				Message:  "COPY does not accept the flag --checksum in BuildKit's Dockerfile frontend; remove it, or select a frontend that supports it with the syntax directive",
			}},
		},
		{
			name:    "two unknown flags",
			content: "FROM alpine\nRUN --frobnicate --twiddle=1 true\n",
			want: []input.LoadError{{
				Location: at(2, 1, 2, 34),
				Message:  "RUN does not accept the flags --frobnicate, --twiddle in BuildKit's Dockerfile frontend; remove them, or select a frontend that supports them with the syntax directive",
			}},
		},
		{
			name:    "missing destination",
			content: "FROM alpine\nCOPY app\n",
			want: []input.LoadError{{
				Location: at(2, 1, 2, 9),
				Message:  "BuildKit rejects this COPY instruction: COPY requires at least two arguments, but only one was provided. Destination could not be determined; docker build fails here until it is fixed",
			}},
		},
		{
			name:    "duration without a unit",
			content: "FROM alpine\nHEALTHCHECK --interval=5 CMD true\n",
			want: []input.LoadError{{
				Location: at(2, 1, 2, 34),
				Message:  `BuildKit rejects this HEALTHCHECK instruction: time: missing unit in duration "5"; docker build fails here until it is fixed`,
			}},
		},
		{
			name:    "unknown instruction",
			content: "FROM alpine\nFROBNICATE now\n",
			want: []input.LoadError{{
				Location: at(2, 1, 2, 15),
				Message:  "BuildKit rejects this FROBNICATE instruction: unknown instruction: FROBNICATE; docker build fails here until it is fixed",
			}},
		},
		{
			name:    "ONBUILD FROM",
			content: "FROM alpine\nONBUILD FROM debian\n",
			want: []input.LoadError{{
				Location: at(2, 1, 2, 20),
				Message:  "BuildKit rejects this ONBUILD instruction: FROM isn't allowed as an ONBUILD trigger; docker build fails here until it is fixed",
			}},
		},
		{
			name:    "empty continuation line",
			content: "FROM alpine\nRUN echo a \\\n\n    b\n",
			want: []input.LoadError{{
				Location: at(2, 1, 4, 6),
				Message:  "line 3 is an empty continuation line of this instruction, which a future BuildKit release will reject; delete it",
			}},
		},
		{
			name:    "ENV value that cannot be expanded",
			content: "FROM alpine\nENV A=${\n",
			want: []input.LoadError{{
				Location: at(2, 1, 2, 9),
				Message:  `BuildKit cannot expand this ENV instruction: failed to process "${": syntax error: missing '}'; the value is kept as written, fix its quotes or ${} expressions`,
			}},
		},
		{
			name:    "base image that cannot be expanded",
			content: "FROM alpine:${\n",
			want: []input.LoadError{{
				Location: at(1, 1, 1, 15),
				Message:  `BuildKit cannot expand the base image "alpine:${": failed to process "alpine:${": syntax error: missing '}'; fix its ${} expressions`,
			}},
		},
		{
			name:    "warnings sorted by line",
			content: "FROM alpine\nRUN --frobnicate true\nRUN echo a \\\n\n    b\nCOPY app\n",
			want: []input.LoadError{
				{
					Location: at(2, 1, 2, 22),
					Message:  "RUN does not accept the flag --frobnicate in BuildKit's Dockerfile frontend; remove it, or select a frontend that supports it with the syntax directive",
				},
				{
					Location: at(3, 1, 5, 6),
					Message:  "line 4 is an empty continuation line of this instruction, which a future BuildKit release will reject; delete it",
				},
				{
					Location: at(6, 1, 6, 9),
					Message:  "BuildKit rejects this COPY instruction: COPY requires at least two arguments, but only one was provided. Destination could not be determined; docker build fails here until it is fixed",
				},
			},
		},
		{
			name:    "check directive in a comment",
			content: "FROM alpine\n# check=skip=all\nRUN true\n",
			want:    []input.LoadError{},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := mustParse(t, tt.content)

			assert.Equal(t, tt.want, df.Warnings)
		})
	}
}

func TestParseRejectedInstructionStillLoads(t *testing.T) {
	df := mustParse(t, "FROM alpine AS 1st\nRUN --frobnicate=yes echo hi\nUSER app\n")

	if assert.Len(t, df.Stages, 1) {
		assert.Equal(t, "1st", df.Stages[0].Name)
		assert.Equal(t, "alpine", df.Stages[0].Base.Image)

		commands := []string{}
		for _, instruction := range df.Stages[0].Instructions {
			commands = append(commands, instruction.Command)
		}
		assert.Equal(t, []string{"run", "user"}, commands)
	}

	assert.Len(t, df.Warnings, 2)
}
