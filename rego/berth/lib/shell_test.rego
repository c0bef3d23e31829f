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
