package dockerfile

import "testing"

// FuzzParse checks that no input makes Parse panic. Run it with
// go test -run '^$' -fuzz FuzzParse ./engine/dockerfile.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"FROM alpine\nRUN true\n",
		"# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV A=C:\\x `\n    B=y\n",
		"\ufeff# syntax=docker/dockerfile:1\nfrom alpine AS Build\nCOPY --from=build --chmod=755 a b\n",
		"ARG BASE=\"alpine:3.20\"\nARG TAG\nFROM ${BASE}:${TAG:-x}\n",
		"FROM a\nRUN <<-EOF bash\n\techo hi\n\tEOF\nCOPY <<\"A\" <<B /x/\n1\nA\n2\nB\n",
		"FROM a\nONBUILD ONBUILD RUN x\nONBUILD\nHEALTHCHECK --interval=5 CMD\nHEALTHCHECK NONE x\n",
		"FROM a\nRUN --mount=type=bind,source=.,target=/src --frobnicate pip install -r /src/r.txt\n",
		"FROM a\nRUN echo \\\n\n# c\n  b \\",
		"FROM a\r\nCMD [\"a\", 1]\r\n",
		"FROM a\n# check=skip=all\nENV A=${\nLABEL \"a\"=\"b\nARG =x\nFROM ${\n",
		"FROM {{ image }}\nCOPY {{ app_path }} /srv/app\n",
		"#!/bin/sh\n# syntax=x\n# escape=\\\n# escape=`\n",
	}
	for _, seed := range seeds {
		f.Add([]byte(seed))
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		df, err := Parse("Dockerfile", content)
		if err != nil {
			return
		}

		RequirementFiles(df)
	})
}
