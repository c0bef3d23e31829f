package requirements

import (
	"strings"
	"testing"
)

// FuzzParse checks that no input makes Parse panic and that every line
// keeps a usable location.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"requests==2.31.0\n",
		"cryptography==42.0.5 \\\n    --hash=sha256:aaaa \\\n    --hash sha256:bbbb\n",
		"-r base.txt\n-c\n-r\n--requirement=\n-e\n",
		"pkg[a,b] @ git+https://h/r.git@0123456789abcdef0123456789abcdef01234567 ; x\n",
		"\ufeff# c\r\n\\\n[\n(\n@\n;\n",
	}
	for _, seed := range seeds {
		f.Add([]byte(seed))
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		got := Parse("requirements.txt", content)

		for _, line := range got.Lines {
			if line.Location.Line < 1 || line.Location.Column < 1 || line.Location.EndLine < line.Location.Line {
				t.Fatalf("invalid location %+v for %q", line.Location, line.Text)
			}
			if strings.TrimSpace(line.Text) == "" {
				t.Fatalf("empty text at %+v", line.Location)
			}
		}
	})
}
