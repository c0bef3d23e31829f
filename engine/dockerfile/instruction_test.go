package dockerfile

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/input"
)

// TestParseInstruction checks every field of the second line of a
// two-line Dockerfile whose first line is FROM alpine.
func TestParseInstruction(t *testing.T) {
	tests := []struct {
		name string
		line string
		want input.Instruction
	}{
		{
			name: "shell form RUN",
			line: "RUN apk add --no-cache curl",
			want: input.Instruction{
				Command: "run", Original: "RUN apk add --no-cache curl",
				Args: []string{"apk add --no-cache curl"}, Flags: []input.Flag{}, Heredocs: []input.Heredoc{},
				Location: at(2, 1, 2, 28),
			},
		},
		{
			name: "exec form CMD",
			line: `CMD ["python", "-m", "app"]`,
			want: input.Instruction{
				Command: "cmd", Original: `CMD ["python", "-m", "app"]`,
				Args: []string{"python", "-m", "app"}, Flags: []input.Flag{}, JSON: true, Heredocs: []input.Heredoc{},
				Location: at(2, 1, 2, 28),
			},
		},
		{
			name: "exec form COPY with spaces",
			line: `COPY ["my file", "/srv/"]`,
			want: input.Instruction{
				Command: "copy", Original: `COPY ["my file", "/srv/"]`,
				Args: []string{"my file", "/srv/"}, Flags: []input.Flag{}, JSON: true, Heredocs: []input.Heredoc{},
				Location: at(2, 1, 2, 26),
			},
		},
		{
			name: "RUN with a cache mount",
			line: "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
			want: input.Instruction{
				Command:  "run",
				Original: "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
				Args:     []string{"pip install -r requirements.txt"},
				Flags:    []input.Flag{{Name: "mount", Value: ptr("type=cache,target=/root/.cache/pip"), Known: true}},
				Heredocs: []input.Heredoc{},
				Location: at(2, 1, 2, 79),
			},
		},
		{
			name: "COPY with unknown --checksum",
			line: "COPY --link --chmod=755 --checksum=sha256:0123abcd app /srv/app",
			want: input.Instruction{
				Command:  "copy",
				Original: "COPY --link --chmod=755 --checksum=sha256:0123abcd app /srv/app",
				Args:     []string{"app", "/srv/app"},
				Flags: []input.Flag{
					{Name: "link", Known: true},
					{Name: "chmod", Value: ptr("755"), Known: true},
					{Name: "checksum", Value: ptr("sha256:0123abcd"), Known: false},
				},
				Heredocs: []input.Heredoc{},
				Location: at(2, 1, 2, 64),
			},
		},
		{
			name: "ADD with a checksum",
			line: "ADD --checksum=sha256:0123abcd https://example.com/app.tar.gz /srv/",
			want: input.Instruction{
				Command:  "add",
				Original: "ADD --checksum=sha256:0123abcd https://example.com/app.tar.gz /srv/",
				Args:     []string{"https://example.com/app.tar.gz", "/srv/"},
				Flags:    []input.Flag{{Name: "checksum", Value: ptr("sha256:0123abcd"), Known: true}},
				Heredocs: []input.Heredoc{},
				Location: at(2, 1, 2, 68),
			},
		},
		{
			name: "RUN here-document with tabs removed",
			line: "RUN <<-EOF bash\n\techo hi\n\tEOF",
			want: input.Instruction{
				Command: "run", Original: "RUN <<-EOF bash",
				Args: []string{"<<-EOF bash"}, Flags: []input.Flag{},
				Heredocs: []input.Heredoc{{Name: "EOF", Content: "echo hi\n", Expand: true}},
				Location: at(2, 1, 4, 5),
			},
		},
		{
			name: "quoted here-document is not expanded",
			line: "COPY <<\"EOF\" /etc/motd\nhome is $HOME\nEOF",
			want: input.Instruction{
				Command: "copy", Original: `COPY <<"EOF" /etc/motd`,
				Args: []string{`<<"EOF"`, "/etc/motd"}, Flags: []input.Flag{},
				Heredocs: []input.Heredoc{{Name: "EOF", Content: "home is $HOME\n", Expand: false}},
				Location: at(2, 1, 4, 4),
			},
		},
		{
			name: "two here-documents",
			line: "COPY <<a.txt <<b.txt /srv/\nA\na.txt\nB\nb.txt",
			want: input.Instruction{
				Command: "copy", Original: "COPY <<a.txt <<b.txt /srv/",
				Args: []string{"<<a.txt", "<<b.txt", "/srv/"}, Flags: []input.Flag{},
				Heredocs: []input.Heredoc{
					{Name: "a.txt", Content: "A\n", Expand: true},
					{Name: "b.txt", Content: "B\n", Expand: true},
				},
				Location: at(2, 1, 6, 6),
			},
		},
		{
			name: "ENV in the legacy form",
			line: "ENV GREETING hello world",
			want: input.Instruction{
				Command: "env", Original: "ENV GREETING hello world",
				Args: []string{"GREETING", "hello world", ""}, Flags: []input.Flag{}, Heredocs: []input.Heredoc{},
				Env:      []input.KeyValue{{Name: "GREETING", Value: ptr("hello world")}},
				Location: at(2, 1, 2, 25),
			},
		},
		{
			name: "ENV quotes, escapes and variables",
			line: `ENV A="x y" B='$HOME' C=$PATH:/bin D=a\ b`,
			want: input.Instruction{
				Command: "env", Original: `ENV A="x y" B='$HOME' C=$PATH:/bin D=a\ b`,
				Args:  []string{"A", `"x y"`, "=", "B", `'$HOME'`, "=", "C", "$PATH:/bin", "=", "D", `a\ b`, "="},
				Flags: []input.Flag{}, Heredocs: []input.Heredoc{},
				Env: []input.KeyValue{
					{Name: "A", Value: ptr("x y")},
					{Name: "B", Value: ptr("$HOME")},
					{Name: "C", Value: ptr("$PATH:/bin")},
					{Name: "D", Value: ptr("a b")},
				},
				Location: at(2, 1, 2, 42),
			},
		},
		{
			name: "LABEL with a quoted name",
			line: `LABEL "com.example.vendor"="ACME Inc" version=1.0`,
			want: input.Instruction{
				Command: "label", Original: `LABEL "com.example.vendor"="ACME Inc" version=1.0`,
				Args:  []string{`"com.example.vendor"`, `"ACME Inc"`, "=", "version", "1.0", "="},
				Flags: []input.Flag{}, Heredocs: []input.Heredoc{},
				Env: []input.KeyValue{
					{Name: "com.example.vendor", Value: ptr("ACME Inc")},
					{Name: "version", Value: ptr("1.0")},
				},
				Location: at(2, 1, 2, 50),
			},
		},
		{
			name: "ARG with and without a default",
			line: `ARG USER B="two words"`,
			want: input.Instruction{
				Command: "arg", Original: `ARG USER B="two words"`,
				Args: []string{"USER", `B="two words"`}, Flags: []input.Flag{}, Heredocs: []input.Heredoc{},
				Env:      []input.KeyValue{{Name: "USER"}, {Name: "B", Value: ptr("two words")}},
				Location: at(2, 1, 2, 23),
			},
		},
		{
			name: "HEALTHCHECK in shell form",
			line: "HEALTHCHECK --interval=30s CMD curl -f http://localhost/health",
			want: input.Instruction{
				Command: "healthcheck", Original: "HEALTHCHECK --interval=30s CMD curl -f http://localhost/health",
				Args:     []string{"CMD", "curl -f http://localhost/health"},
				Flags:    []input.Flag{{Name: "interval", Value: ptr("30s"), Known: true}},
				Heredocs: []input.Heredoc{},
				Healthcheck: &input.Healthcheck{
					Test:     []string{"CMD-SHELL", "curl -f http://localhost/health"},
					Location: at(2, 1, 2, 63),
				},
				Location: at(2, 1, 2, 63),
			},
		},
		{
			name: "HEALTHCHECK in exec form",
			line: `HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]`,
			want: input.Instruction{
				Command: "healthcheck", Original: `HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]`,
				Args: []string{"CMD", "curl", "-f", "http://localhost/"}, Flags: []input.Flag{}, JSON: true,
				Heredocs: []input.Heredoc{},
				Healthcheck: &input.Healthcheck{
					Test:     []string{"CMD", "curl", "-f", "http://localhost/"},
					Location: at(2, 1, 2, 52),
				},
				Location: at(2, 1, 2, 52),
			},
		},
		{
			name: "HEALTHCHECK NONE",
			line: "HEALTHCHECK NONE",
			want: input.Instruction{
				Command: "healthcheck", Original: "HEALTHCHECK NONE",
				Args: []string{"NONE"}, Flags: []input.Flag{}, Heredocs: []input.Heredoc{},
				Healthcheck: &input.Healthcheck{Test: []string{"NONE"}, Disable: true, Location: at(2, 1, 2, 17)},
				Location:    at(2, 1, 2, 17),
			},
		},
		{
			name: "ONBUILD trigger with a flag",
			line: "ONBUILD COPY --chown=app . /app",
			want: input.Instruction{
				Command: "onbuild", Original: "ONBUILD COPY --chown=app . /app",
				Args: []string{"COPY", ".", "/app"}, Flags: []input.Flag{}, Heredocs: []input.Heredoc{},
				OnBuild: &input.Instruction{
					Command: "copy", Original: "COPY --chown=app . /app",
					Args:     []string{".", "/app"},
					Flags:    []input.Flag{{Name: "chown", Value: ptr("app"), Known: true}},
					Heredocs: []input.Heredoc{},
					Location: at(2, 9, 2, 32),
				},
				Location: at(2, 1, 2, 32),
			},
		},
		{
			name: "ONBUILD trigger with a here-document",
			line: "ONBUILD RUN <<EOF\necho hi\nEOF",
			want: input.Instruction{
				Command: "onbuild", Original: "ONBUILD RUN <<EOF",
				Args: []string{"RUN", "<<EOF"}, Flags: []input.Flag{},
				Heredocs: []input.Heredoc{{Name: "EOF", Content: "echo hi\n", Expand: true}},
				OnBuild: &input.Instruction{
					Command: "run", Original: "RUN <<EOF",
					Args: []string{"<<EOF"}, Flags: []input.Flag{},
					Heredocs: []input.Heredoc{{Name: "EOF", Content: "echo hi\n", Expand: true}},
					Location: at(2, 9, 4, 4),
				},
				Location: at(2, 1, 4, 4),
			},
		},
		{
			name: "unknown instruction is kept",
			line: "FROBNICATE now",
			want: input.Instruction{
				Command: "frobnicate", Original: "FROBNICATE now",
				Args: []string{""}, Flags: []input.Flag{}, Heredocs: []input.Heredoc{},
				Location: at(2, 1, 2, 15),
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df := mustParse(t, "FROM alpine\n"+tt.line+"\n")

			require.Len(t, df.Stages, 1)
			require.Len(t, df.Stages[0].Instructions, 1)

			// Every instruction keeps its source lines as written.
			tt.want.Lines = strings.Split(strings.TrimSuffix(tt.line, "\n"), "\n")
			if tt.want.OnBuild != nil {
				tt.want.OnBuild.Lines = tt.want.Lines
			}
			assert.Equal(t, tt.want, df.Stages[0].Instructions[0])
		})
	}
}
