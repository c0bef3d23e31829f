package berth.lib.shell_test

import data.berth.lib.shell

test_commands_split_on_operators if {
	shell.commands("apt-get update&&apt-get install -y curl; pip install a | tee log || true & wait") == [
		["apt-get", "update"],
		["apt-get", "install", "-y", "curl"],
		["pip", "install", "a"],
		["tee", "log"],
		["true"],
		["wait"],
	]
}

test_commands_split_on_newlines_and_continuations if {
	shell.commands("set -eux\napt-get install \\\n  curl \\\n  git\n") == [
		["set", "-eux"],
		["apt-get", "install", "curl", "git"],
	]
}

test_commands_keep_quoted_operators if {
	shell.commands(`pip install "requests>=2,<3" 'a;b' x\"y`) == [["pip", "install", "requests>=2,<3", "a;b", `x"y`]]
}

test_commands_drop_redirections if {
	shell.commands("pip install flask > /dev/null 2>&1 </dev/null") == [["pip", "install", "flask"]]
}

test_commands_drop_assignments_and_prefixes if {
	shell.commands("DEBIAN_FRONTEND=noninteractive sudo apt-get install -y curl") == [["apt-get", "install", "-y", "curl"]]
}

test_commands_drop_keywords if {
	shell.commands("if true; then pip install a; fi") == [["true"], ["pip", "install", "a"], ["fi"]]
}

test_commands_drop_comments if {
	shell.commands("# install tools\napk add curl # the client\napk add git#tag") == [
		["apk", "add", "curl"],
		["apk", "add", "git#tag"],
	]
}

test_commands_split_inline_shell_script if {
	shell.commands(`/bin/sh -ec 'pip install a && apk add b'`) == [
		["/bin/sh", "-ec", "pip install a && apk add b"],
		["pip", "install", "a"],
		["apk", "add", "b"],
	]
}

test_commands_empty_script if {
	shell.commands("  \n ; ") == []
}

test_program_drops_directory if {
	shell.program(["/usr/local/bin/pip3", "install"]) == "pip3"
}

test_operands_skip_option_values if {
	shell.operands(["install", "-r", "req.txt", "--no-deps", "--index-url=https://x", "flask"], {"-r"}) == ["install", "flask"]
}

test_located_tokens_columns_and_lines if {
	lines := ["RUN apt-get install -y \\", `    curl "git" && echo ok`]

	shell.located_tokens(lines) == [
		{"line": 0, "column": 1, "end_column": 4, "word": "RUN", "separator": false},
		{"line": 0, "column": 5, "end_column": 12, "word": "apt-get", "separator": false},
		{"line": 0, "column": 13, "end_column": 20, "word": "install", "separator": false},
		{"line": 0, "column": 21, "end_column": 23, "word": "-y", "separator": false},
		{"line": 1, "column": 5, "end_column": 9, "word": "curl", "separator": false},
		{"line": 1, "column": 10, "end_column": 15, "word": "git", "separator": false},
		{"line": 1, "column": 16, "end_column": 18, "word": "&&", "separator": true},
		{"line": 1, "column": 19, "end_column": 23, "word": "echo", "separator": false},
		{"line": 1, "column": 24, "end_column": 26, "word": "ok", "separator": false},
		{"line": 1, "column": 26, "end_column": 26, "word": "\n", "separator": true},
	]
}

# ✓ is one UTF-16 code unit and 😀 two, so jq starts at column 13.
test_located_tokens_count_utf16_units if {
	shell.located_tokens(["echo ✓😀 && apk add jq"]) == [
		{"line": 0, "column": 1, "end_column": 5, "word": "echo", "separator": false},
		{"line": 0, "column": 6, "end_column": 9, "word": "✓😀", "separator": false},
		{"line": 0, "column": 10, "end_column": 12, "word": "&&", "separator": true},
		{"line": 0, "column": 13, "end_column": 16, "word": "apk", "separator": false},
		{"line": 0, "column": 17, "end_column": 20, "word": "add", "separator": false},
		{"line": 0, "column": 21, "end_column": 23, "word": "jq", "separator": false},
		{"line": 0, "column": 23, "end_column": 23, "word": "\n", "separator": true},
	]
}

test_located_tokens_drop_comments_and_blank_lines if {
	shell.located_tokens(["apk add \\", "  # the client", "", "  curl # pinned later"]) == [
		{"line": 0, "column": 1, "end_column": 4, "word": "apk", "separator": false},
		{"line": 0, "column": 5, "end_column": 8, "word": "add", "separator": false},
		{"line": 3, "column": 3, "end_column": 7, "word": "curl", "separator": false},
		{"line": 3, "column": 8, "end_column": 8, "word": "\n", "separator": true},
	]
}

test_located_tokens_skip_non_strings if {
	shell.located_tokens(null) == []
	shell.located_tokens([null, 3]) == []
}
