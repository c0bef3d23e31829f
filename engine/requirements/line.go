package requirements

import (
	"path"
	"strings"

	"github.com/berth-policy/berth/engine/input"
)

// parseLine reads one logical line. filePath is the path of the file, for
// resolving -r and -c.
func parseLine(text, filePath string) input.Requirement {
	requirement := input.Requirement{Text: text, Hashes: []string{}}

	spec, options := splitOptions(text)
	values := optionValues(options)

	if spec == "" {
		applyOptionLine(&requirement, values, filePath)
		return requirement
	}

	applySpec(&requirement, spec)
	requirement.Hashes = append(requirement.Hashes, values["hash"]...)

	return requirement
}

// splitOptions splits a line at its first word that starts with "-", as pip
// does. The words before it are the requirement and the rest are options.
func splitOptions(text string) (spec string, options []string) {
	words := strings.Fields(text)
	for i, word := range words {
		if strings.HasPrefix(word, "-") {
			return strings.Join(words[:i], " "), words[i:]
		}
	}

	return strings.Join(words, " "), nil
}

// optionNames maps the spellings of the options berth reads to one name.
var optionNames = map[string]string{
	"-r": "requirement", "--requirement": "requirement",
	"-c": "constraint", "--constraint": "constraint",
	"-e": "editable", "--editable": "editable",
	"--hash": "hash",
}

// optionValues collects the values of the options berth reads, in the forms
// "-r FILE", "-rFILE" and "--requirement=FILE". Other options are skipped.
func optionValues(options []string) map[string][]string {
	values := map[string][]string{}

	for i := 0; i < len(options); i++ {
		word := options[i]

		flag, value, hasValue := strings.Cut(word, "=")
		if !strings.HasPrefix(word, "--") {
			// Short options take no "=", but may be glued to the value.
			flag, value, hasValue = word, "", false
			if len(word) > 2 {
				flag, value, hasValue = word[:2], word[2:], true
			}
		}

		name, known := optionNames[flag]
		if !known {
			continue
		}

		if !hasValue {
			if i+1 >= len(options) {
				continue
			}
			i++
			value = options[i]
		}

		values[name] = append(values[name], strings.Trim(value, `"'`))
	}

	return values
}

// applyOptionLine fills a line that has options only, such as -r base.txt
// or -e git+https://....
func applyOptionLine(requirement *input.Requirement, values map[string][]string, filePath string) {
	for _, name := range []string{"requirement", "constraint"} {
		if files := values[name]; len(files) > 0 && requirement.Include == "" {
			requirement.Include = includePath(filePath, files[0])
		}
	}

	if editable := values["editable"]; len(editable) > 0 {
		applyURL(requirement, "", editable[0])
	}
}

// includePath resolves a -r or -c path against the folder of the file that
// names it. A URL is kept as written.
func includePath(filePath, included string) string {
	if strings.Contains(included, "://") {
		return included
	}
	if path.IsAbs(included) {
		return path.Clean(included)
	}

	return path.Join(path.Dir(filePath), included)
}
