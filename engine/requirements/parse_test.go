package requirements

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/berth-policy/berth/engine/input"
)

const commit = "0123456789abcdef0123456789abcdef01234567"

// at builds a location in the test file deploy/requirements.txt.
func at(line, column, endLine, endColumn int) input.Location {
	return input.Location{File: "deploy/requirements.txt", Line: line, Column: column, EndLine: endLine, EndColumn: endColumn}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []input.Requirement
	}{
		{
			name:    "pinned version",
			content: "requests==2.31.0\n",
			want: []input.Requirement{
				{Name: "requests", Specifier: "==2.31.0", Pinned: true, Hashes: []string{}, Text: "requests==2.31.0", Location: at(1, 1, 1, 17)},
			},
		},
		{
			name:    "name normalized as PEP 503 says",
			content: "Django_REST..framework >= 3.14\n",
			want: []input.Requirement{
				{Name: "django-rest-framework", Specifier: ">= 3.14", Hashes: []string{}, Text: "Django_REST..framework >= 3.14", Location: at(1, 1, 1, 31)},
			},
		},
		{
			name:    "range",
			content: "numpy>=1.26,<2\n",
			want: []input.Requirement{
				{Name: "numpy", Specifier: ">=1.26,<2", Hashes: []string{}, Text: "numpy>=1.26,<2", Location: at(1, 1, 1, 15)},
			},
		},
		{
			name:    "arbitrary equality",
			content: "legacy===1.0-custom\n",
			want: []input.Requirement{
				{Name: "legacy", Specifier: "===1.0-custom", Pinned: true, Hashes: []string{}, Text: "legacy===1.0-custom", Location: at(1, 1, 1, 20)},
			},
		},
		{
			name:    "wildcard is not pinned",
			content: "django==4.2.*\n",
			want: []input.Requirement{
				{Name: "django", Specifier: "==4.2.*", Hashes: []string{}, Text: "django==4.2.*", Location: at(1, 1, 1, 14)},
			},
		},
		{
			name:    "compatible release",
			content: "flask~=3.0\n",
			want: []input.Requirement{
				{Name: "flask", Specifier: "~=3.0", Hashes: []string{}, Text: "flask~=3.0", Location: at(1, 1, 1, 11)},
			},
		},
		{
			name:    "parenthesized specifier",
			content: "foo (>=1.0)\n",
			want: []input.Requirement{
				{Name: "foo", Specifier: ">=1.0", Hashes: []string{}, Text: "foo (>=1.0)", Location: at(1, 1, 1, 12)},
			},
		},
		{
			name:    "bare name",
			content: "requests\n",
			want: []input.Requirement{
				{Name: "requests", Hashes: []string{}, Text: "requests", Location: at(1, 1, 1, 9)},
			},
		},
		{
			name:    "extras and markers",
			content: "uvicorn[standard]==0.30.1 ; python_version < \"3.12\"\n",
			want: []input.Requirement{
				{Name: "uvicorn", Specifier: "==0.30.1", Pinned: true, Hashes: []string{}, Text: `uvicorn[standard]==0.30.1 ; python_version < "3.12"`, Location: at(1, 1, 1, 52)},
			},
		},
		{
			name:    "marker without spaces",
			content: "pywin32==306;sys_platform==\"win32\"\n",
			want: []input.Requirement{
				{Name: "pywin32", Specifier: "==306", Pinned: true, Hashes: []string{}, Text: `pywin32==306;sys_platform=="win32"`, Location: at(1, 1, 1, 35)},
			},
		},
		{
			name:    "hashes over continuation lines",
			content: "cryptography==42.0.5 \\\n    --hash=sha256:aaaa \\\n    --hash sha256:bbbb\n",
			want: []input.Requirement{
				{
					Name: "cryptography", Specifier: "==42.0.5", Pinned: true,
					Hashes:   []string{"sha256:aaaa", "sha256:bbbb"},
					Text:     "cryptography==42.0.5     --hash=sha256:aaaa     --hash sha256:bbbb",
					Location: at(1, 1, 3, 23),
				},
			},
		},
		{
			name:    "comments and blank lines",
			content: "# web stack\n\nflask==3.0.0  # web\n   # indented comment\n\t\n",
			want: []input.Requirement{
				{Name: "flask", Specifier: "==3.0.0", Pinned: true, Hashes: []string{}, Text: "flask==3.0.0", Location: at(3, 1, 3, 20)},
			},
		},
		{
			name:    "comment line ends a continuation",
			content: "foo==1.0 \\\n# the next one\nbar==2.0\n",
			want: []input.Requirement{
				{Name: "foo", Specifier: "==1.0", Pinned: true, Hashes: []string{}, Text: "foo==1.0", Location: at(1, 1, 1, 11)},
				{Name: "bar", Specifier: "==2.0", Pinned: true, Hashes: []string{}, Text: "bar==2.0", Location: at(3, 1, 3, 9)},
			},
		},
		{
			name:    "continuation at end of file",
			content: "foo==1.0 \\",
			want: []input.Requirement{
				{Name: "foo", Specifier: "==1.0", Pinned: true, Hashes: []string{}, Text: "foo==1.0", Location: at(1, 1, 1, 11)},
			},
		},
		{
			name:    "includes resolved against the file's folder",
			content: "-r base.txt\n--requirement=../common/base.txt\n-c constraints.txt\n-rlocal.txt\n--constraint https://example.com/c.txt\n--requirement /etc/pip/site.txt\n",
			want: []input.Requirement{
				{Hashes: []string{}, Include: "deploy/base.txt", Text: "-r base.txt", Location: at(1, 1, 1, 12)},
				{Hashes: []string{}, Include: "common/base.txt", Text: "--requirement=../common/base.txt", Location: at(2, 1, 2, 33)},
				{Hashes: []string{}, Include: "deploy/constraints.txt", Text: "-c constraints.txt", Location: at(3, 1, 3, 19)},
				{Hashes: []string{}, Include: "deploy/local.txt", Text: "-rlocal.txt", Location: at(4, 1, 4, 12)},
				{Hashes: []string{}, Include: "https://example.com/c.txt", Text: "--constraint https://example.com/c.txt", Location: at(5, 1, 5, 39)},
				{Hashes: []string{}, Include: "/etc/pip/site.txt", Text: "--requirement /etc/pip/site.txt", Location: at(6, 1, 6, 32)},
			},
		},
		{
			name:    "index option",
			content: "--index-url https://pypi.example.com/simple\n",
			want: []input.Requirement{
				{Hashes: []string{}, Text: "--index-url https://pypi.example.com/simple", Location: at(1, 1, 1, 44)},
			},
		},
		{
			name:    "VCS URL at a commit",
			content: "git+https://github.com/org/repo.git@" + commit + "#egg=Repo_Pkg\n",
			want: []input.Requirement{
				{Name: "repo-pkg", Pinned: true, Hashes: []string{}, Text: "git+https://github.com/org/repo.git@" + commit + "#egg=Repo_Pkg", Location: at(1, 1, 1, 90)},
			},
		},
		{
			name:    "VCS URL at a branch",
			content: "git+https://github.com/org/repo.git@main#egg=repo\n",
			want: []input.Requirement{
				{Name: "repo", Hashes: []string{}, Text: "git+https://github.com/org/repo.git@main#egg=repo", Location: at(1, 1, 1, 50)},
			},
		},
		{
			name:    "direct reference to an archive",
			content: "mypkg @ https://example.com/mypkg-1.0.tar.gz ; python_version >= \"3.10\"\n",
			want: []input.Requirement{
				{Name: "mypkg", Hashes: []string{}, Text: `mypkg @ https://example.com/mypkg-1.0.tar.gz ; python_version >= "3.10"`, Location: at(1, 1, 1, 72)},
			},
		},
		{
			name:    "direct reference at a commit",
			content: "my.pkg[cli]@git+https://github.com/org/mypkg@" + commit + " --hash=sha256:cccc\n",
			want: []input.Requirement{
				{Name: "my-pkg", Pinned: true, Hashes: []string{"sha256:cccc"}, Text: "my.pkg[cli]@git+https://github.com/org/mypkg@" + commit + " --hash=sha256:cccc", Location: at(1, 1, 1, 105)},
			},
		},
		{
			name:    "editable installs",
			content: "-e git+https://github.com/org/tool.git@" + commit + "#egg=tool\n--editable=.\n",
			want: []input.Requirement{
				{Name: "tool", Pinned: true, Hashes: []string{}, Text: "-e git+https://github.com/org/tool.git@" + commit + "#egg=tool", Location: at(1, 1, 1, 89)},
				{Hashes: []string{}, Text: "--editable=.", Location: at(2, 1, 2, 13)},
			},
		},
		{
			name:    "local wheel",
			content: "./wheels/Pillow-10.3.0-cp312-cp312-linux_x86_64.whl\n",
			want: []input.Requirement{
				{Name: "pillow", Hashes: []string{}, Text: "./wheels/Pillow-10.3.0-cp312-cp312-linux_x86_64.whl", Location: at(1, 1, 1, 52)},
			},
		},
		{
			name:    "byte order mark and CRLF",
			content: "\ufeffrequests==2.31.0\r\nflask\r\n",
			want: []input.Requirement{
				{Name: "requests", Specifier: "==2.31.0", Pinned: true, Hashes: []string{}, Text: "requests==2.31.0", Location: at(1, 1, 1, 17)},
				{Name: "flask", Hashes: []string{}, Text: "flask", Location: at(2, 1, 2, 6)},
			},
		},
		{
			name: "non-ASCII space and astral character",
			// U+00A0 is one UTF-16 unit, the emoji two.
			content: "\u00a0\u00a0foo==1.0  # \U0001F680\n",
			want: []input.Requirement{
				{Name: "foo", Specifier: "==1.0", Pinned: true, Hashes: []string{}, Text: "foo==1.0", Location: at(1, 3, 1, 17)},
			},
		},
		{
			name:    "indented continuation",
			content: "  foo==1.0 \\\n  --hash=sha256:dddd\n",
			want: []input.Requirement{
				{Name: "foo", Specifier: "==1.0", Pinned: true, Hashes: []string{"sha256:dddd"}, Text: "foo==1.0   --hash=sha256:dddd", Location: at(1, 3, 2, 21)},
			},
		},
		{
			name:    "unreadable line",
			content: "!!!\n",
			want: []input.Requirement{
				{Hashes: []string{}, Text: "!!!", Location: at(1, 1, 1, 4)},
			},
		},
		{
			name:    "empty file",
			content: "",
			want:    []input.Requirement{},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse("deploy/requirements.txt", []byte(tt.content))

			assert.Equal(t, "deploy/requirements.txt", got.Path)
			assert.Equal(t, tt.want, got.Lines)
		})
	}
}

func TestParseIncludeFromRoot(t *testing.T) {
	got := Parse("requirements.txt", []byte("-r base.txt\n"))

	if assert.Len(t, got.Lines, 1) {
		assert.Equal(t, "base.txt", got.Lines[0].Include)
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "lower-cased", in: "Django", want: "django"},
		{name: "underscore", in: "typing_extensions", want: "typing-extensions"},
		{name: "run of separators", in: "zope._-interface", want: "zope-interface"},
		{name: "dots", in: "ruamel.yaml", want: "ruamel-yaml"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, normalizeName(tt.in))
		})
	}
}

func TestIsPinned(t *testing.T) {
	tests := []struct {
		name      string
		specifier string
		want      bool
	}{
		{name: "double equals", specifier: "==1.2.3", want: true},
		{name: "double equals with a space", specifier: "== 1.2.3", want: true},
		{name: "triple equals", specifier: "===1.0-custom", want: true},
		{name: "wildcard", specifier: "==1.*", want: false},
		{name: "two clauses", specifier: "==1.0,!=1.0.1", want: false},
		{name: "lower bound", specifier: ">=1.0", want: false},
		{name: "not equal", specifier: "!=1.0", want: false},
		{name: "operator without a version", specifier: "==", want: false},
		{name: "empty", specifier: "", want: false},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, isPinned(tt.specifier))
		})
	}
}
