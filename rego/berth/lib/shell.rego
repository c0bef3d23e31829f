# METADATA
# title: Shell commands
# description: |
#   Splits the shell scripts of RUN instructions into simple commands, so that
#   rules can find package installs without running a shell.
package berth.lib.shell

# One token per match: a separator (newline, &&, ||, ;, &, |, parentheses),
# a redirection operator such as 2>&, >> or <<-, or a word made of unquoted
# characters, backslash escapes and quoted strings.
_token_pattern := `\n|&&|\|\||[;&|()]|\d*[<>]+&?-?|(?:[^\s"'\\;&|()<>]|\\.|"(?:[^"\\]|\\.)*"|'[^']*')+`

_separators := {"\n", "&&", "||", ";", "&", "|", "(", ")"}

# Words that may precede the program of a simple command.
_prefix_words := {
	"!", "{", "if", "then", "else", "elif", "do", "while", "until",
	"sudo", "env", "exec", "command", "nohup", "time",
}

_shells := {"sh", "bash", "dash", "ash", "zsh"}

# METADATA
# title: commands
# description: |
#   Returns the simple commands of a shell script, each an array of words
#   with quotes removed. Redirections and their targets, leading VAR=value
#   assignments and prefix words such as sudo, env, then and do are dropped.
#   The script given to sh -c or bash -c is split as well, one level deep.
#   Shell syntax beyond this, such as functions, loops over variables or
#   aliases, is not expanded.
commands(script) := array.concat(outer, inner) if {
	outer := _simple_commands(script)
	inner := [command |
		some words in outer
		some inner_script in _inline_scripts(words)
		some command in _simple_commands(inner_script)
	]
}

# METADATA
# title: program
# description: Returns the program of a command without its directory, such as pip3 for /usr/bin/pip3.
program(words) := regex.replace(words[0], `^.*/`, "")

# METADATA
# title: operands
# description: |
#   Returns the words of args that are not options. A word that follows an
#   option listed in value_options is that option's value, not an operand.
#   Values written as --option=value stay inside the option's word.
operands(args, value_options) := [word |
	some i, word in args
	not startswith(word, "-")
	not _option_value(args, i, value_options)
]

_option_value(args, i, value_options) if {
	i > 0
	args[i - 1] in value_options
}

# METADATA
# title: located_tokens
# description: |
#   Returns the tokens of lines, the source lines of a RUN instruction as
#   written, in order. Each token is an object with its 0-based line index,
#   column and end_column (1-based, in UTF-16 code units, end_column one
#   past the token), word (the token with quotes removed) and separator,
#   which is true for command separators such as && and ;. A line that has
#   tokens and does not end with a backslash continuation also ends with a
#   separator, whose columns are those of the end of the line. Comments are
#   dropped as commands drops them.
located_tokens(lines) := [token |
	some i, line in lines
	is_string(line)
	some token in _line_tokens(i, _strip_comments(line))
]

_line_tokens(i, text) := array.concat(tokens, ending) if {
	matches := regex.find_n(_token_pattern, text, -1)

	# The text between matches, one more piece than there are matches, gives
	# each match's offset without searching for it again.
	gaps := regex.split(_token_pattern, text)
	tokens := [_located(i, text, start, match) |
		some k, match in matches
		start := sum([count(piece) | some piece in array.slice(gaps, 0, k + 1)]) + sum([count(previous) | some previous in array.slice(matches, 0, k)])
	]
	ending := [{
		"line": i,
		"column": _utf16_length(text) + 1,
		"end_column": _utf16_length(text) + 1,
		"word": "\n",
		"separator": true,
	} |
		count(matches) > 0
		not regex.match(`\\\s*$`, text)
	]
}

# start is an offset in characters (code points), as substring counts.
_located(i, text, start, match) := {
	"line": i,
	"column": column,
	"end_column": column + _utf16_length(match),
	"word": _unquote(match),
	"separator": match in _separators,
} if {
	column := _utf16_length(substring(text, 0, start)) + 1
}

# Characters outside the Basic Multilingual Plane take two UTF-16 code
# units.
_utf16_length(text) := count(text) + count(regex.find_n(`[\x{10000}-\x{10FFFF}]`, text, -1))

_simple_commands(script) := [words |
	some tokens in _split(_tokens(script))
	words := _strip_prefix([_unquote(token) | some token in _drop_redirections(tokens)])
	count(words) > 0
]

_tokens(script) := regex.find_n(_token_pattern, _strip_comments(_join_lines(script)), -1)

_join_lines(script) := regex.replace(script, `\\\r?\n`, " ")

# A # starts a comment only at the start of a word.
# NOTE: quotes are not tracked here, so " #" inside a quoted string also
# cuts the rest of its line.
_strip_comments(text) := regex.replace(text, `(?m)(^|[ \t])#.*$`, "$1")

_split(tokens) := [array.slice(tokens, starts[k] + 1, ends[k]) |
	some k in numbers.range(0, count(separators))
] if {
	separators := [i | some i, token in tokens; token in _separators]
	starts := array.concat([-1], separators)
	ends := array.concat(separators, [count(tokens)])
}

_drop_redirections(tokens) := [token |
	some i, token in tokens
	not _redirection(token)
	not _redirection_target(tokens, i)
]

_redirection(token) if regex.match(`^\d*[<>]`, token)

_redirection_target(tokens, i) if {
	i > 0
	_redirection(tokens[i - 1])
}

# Removes quote characters and backslash escapes, keeping the escaped
# character.
_unquote(token) := regex.replace(token, `\\(.)|["']`, "$1")

_strip_prefix(words) := array.slice(words, start, count(words)) if {
	start := min({i | some i, word in words; not _prefix_word(word)})
} else := []

_prefix_word(word) if word in _prefix_words

_prefix_word(word) if regex.match(`^[A-Za-z_][A-Za-z0-9_]*=`, word)

# Returns the script of sh -c SCRIPT and similar, where the option may be
# combined with others as in -ec or -exc.
_inline_scripts(words) := [words[i + 1] |
	program(words) in _shells
	some i, word in words
	regex.match(`^-[a-z]*c$`, word)
	i + 1 < count(words)
]
