package dockerfile

import (
	"path"
	"regexp"
	"strings"
)

var (
	// pipProgram matches pip, pip3 and pip3.12, with or without a directory.
	pipProgram = regexp.MustCompile(`^pip(\d+(\.\d+)?)?$`)

	// pythonProgram matches python, python3 and python3.12.
	pythonProgram = regexp.MustCompile(`^python(\d+(\.\d+)?)?$`)

	// commandSeparators split a shell script into simple commands.
	commandSeparators = regexp.MustCompile(`&&|\|\||[;|&\n()]`)
)

// pipRequirementFiles returns the files that `pip install` reads with -r or
// -c in a shell script, as written. It recognizes pip, pip3, python -m pip
// and uv pip.
func pipRequirementFiles(script string) []string {
	// A backslash before a newline continues the command in a shell.
	script = strings.ReplaceAll(script, "\\\r\n", " ")
	script = strings.ReplaceAll(script, "\\\n", " ")

	var files []string
	for _, command := range commandSeparators.Split(script, -1) {
		words := shellWords(command)
		if start, ok := pipInstallArgs(words); ok {
			files = append(files, requirementOptions(words[start:])...)
		}
	}

	return files
}

// shellWords splits a simple command into words, removing the quotes around
// each word. It does not expand anything.
func shellWords(command string) []string {
	fields := strings.Fields(command)
	for i, field := range fields {
		fields[i] = strings.Trim(field, `"'`)
	}

	return fields
}

// pipInstallArgs returns the index of the first argument after
// "pip install", or false when words run no pip install.
func pipInstallArgs(words []string) (int, bool) {
	for i, word := range words {
		program := path.Base(word)

		var next int
		switch {
		case pipProgram.MatchString(program):
			next = i + 1
		case pythonProgram.MatchString(program) && hasWordsAt(words, i+1, "-m", "pip"):
			next = i + 3
		case program == "uv" && hasWordsAt(words, i+1, "pip"):
			next = i + 2
		default:
			continue
		}

		// Skip global options such as --no-cache-dir before the command.
		for next < len(words) && strings.HasPrefix(words[next], "-") {
			next++
		}
		if next < len(words) && words[next] == "install" {
			return next + 1, true
		}
	}

	return 0, false
}

func hasWordsAt(words []string, start int, expected ...string) bool {
	if start+len(expected) > len(words) {
		return false
	}

	for i, word := range expected {
		if words[start+i] != word {
			return false
		}
	}

	return true
}

// requirementOptions returns the values of -r, --requirement, -c and
// --constraint, in the forms "-r FILE", "-rFILE" and "--requirement=FILE".
func requirementOptions(args []string) []string {
	var files []string
	for i := 0; i < len(args); i++ {
		arg := args[i]

		var file string
		switch {
		case arg == "-r" || arg == "-c" || arg == "--requirement" || arg == "--constraint":
			if i+1 < len(args) {
				file = args[i+1]
				i++
			}
		case strings.HasPrefix(arg, "--requirement="), strings.HasPrefix(arg, "--constraint="):
			_, file, _ = strings.Cut(arg, "=")
		case strings.HasPrefix(arg, "-r"), strings.HasPrefix(arg, "-c"):
			if !strings.HasPrefix(arg, "--") {
				file = arg[2:]
			}
		}

		if file != "" && !strings.Contains(file, "://") {
			files = append(files, file)
		}
	}

	return files
}
