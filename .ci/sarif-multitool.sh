#!/usr/bin/env bash
# Validates berth's SARIF output with Microsoft's SARIF Multitool: the SARIF
# 2.1.0 rules and the rules of GitHub code scanning ingestion (rule kinds
# Sarif and Ghas). Checks the report for fixtures/blueprint and, when the
# corpus is present beside the clone, for netbox-docker. Fails on any error
# or warning the validator reports.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="/usr/local/go/bin:$PATH"

# The validator's rules change between releases, so pin it.
multitool_version=5.7.0

step() { printf '\n--- %s\n' "$*"; }
fail() {
	printf 'sarif-multitool.sh: %s\n' "$*" >&2
	exit 1
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		fail "need root or sudo to run: $*"
	fi
}

missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
	step "install ${missing[*]} from Debian's packages"
	as_root apt-get update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
command -v go >/dev/null || fail "go not found on PATH or in /usr/local/go/bin; install Go 1.26 or later"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

step "install @microsoft/sarif-multitool@$multitool_version into $tmp"
npm install --prefix "$tmp/npm" --no-audit --no-fund "@microsoft/sarif-multitool@$multitool_version"

# The package's bin.js starts the binary through a shell, which would split
# "Sarif;Ghas" at the semicolon, so run the platform binary directly. Its
# postinstall script only marks it executable, and npm may skip that script.
multitool="$(node -p 'require(process.argv[1])' "$tmp/npm/node_modules/@microsoft/sarif-multitool")"
[ -f "$multitool" ] || fail "the package installed no SARIF Multitool binary for $(uname -s) at $multitool"
chmod u+x "$multitool"

# The Multitool is a .NET program, and .NET needs the ICU library unless it
# runs in globalization-invariant mode. Minimal images lack ICU, and
# validation compares no culture-specific text, so invariant mode is safe.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
"$multitool" --version

step "build berth"
(cd "$repo" && go build -o "$tmp/berth" ./cmd/berth) || fail "go build ./cmd/berth failed in $repo"

# summarize LOG SARIF prints each result of a Multitool log as
# "LEVEL RULE-ID: FILE:LINE:COLUMN: MESSAGE" and exits with 1 when one is an
# error or a warning, or when the Multitool reports a failed run. A result
# about runs[R].tool.driver.rules[N] or runs[R].results[N] also names the
# berth rule it concerns.
cat >"$tmp/summarize.js" <<'EOF'
const fs = require("fs");

const log = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const checked = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
let failures = 0;

// Returns " (rule ID)" or " (result of rule ID)" when path points into the
// rules or the results of the checked file, and "" otherwise.
function checkedRule(path) {
  const match = /^runs\[(\d+)\]\.(tool\.driver\.rules|results)\[(\d+)\]/.exec(path || "");
  if (!match) {
    return "";
  }

  const run = (checked.runs || [])[Number(match[1])] || { tool: { driver: {} } };
  if (match[2] === "results") {
    const result = (run.results || [])[Number(match[3])];
    return result ? ` (result of rule ${result.ruleId})` : "";
  }

  const rule = (run.tool.driver.rules || [])[Number(match[3])];
  return rule ? ` (rule ${rule.id})` : "";
}

for (const run of log.runs || []) {
  const rules = new Map((run.tool.driver.rules || []).map((rule) => [rule.id, rule]));

  for (const invocation of run.invocations || []) {
    if (invocation.executionSuccessful === false) {
      console.log("error: the Multitool reports that the run did not complete");
      failures++;
    }
    const notifications = [
      ...(invocation.toolExecutionNotifications || []),
      ...(invocation.toolConfigurationNotifications || []),
    ];
    for (const notification of notifications) {
      const id = (notification.descriptor || {}).id || "tool";
      console.log(`${notification.level || "warning"} ${id}: ${notification.message.text}`);
      failures++;
    }
  }

  for (const result of run.results || []) {
    const rule = rules.get(result.ruleId) || {};
    const level = result.level || (rule.defaultConfiguration || {}).level || "warning";

    const args = result.message.arguments || [];
    let text = result.message.text;
    if (text === undefined) {
      const template = ((rule.messageStrings || {})[result.message.id] || {}).text || result.message.id;
      text = template.replace(/\{(\d+)\}/g, (_, index) => args[Number(index)]);
    }
    text += checkedRule(args[0]);

    const location = ((result.locations || [])[0] || {}).physicalLocation || {};
    const file = (location.artifactLocation || {}).uri || "";
    const region = location.region || {};
    console.log(`${level} ${result.ruleId}: ${file}:${region.startLine}:${region.startColumn}: ${text}`);

    if (level === "error" || level === "warning") {
      failures++;
    }
  }
}

console.log(`${failures} errors and warnings`);
process.exit(failures > 0 ? 1 : 0);
EOF

failed=()

# validate NAME SARIF runs the Multitool on one SARIF file and prints what
# it found. The Multitool exits with 0 even when it reports errors in the
# file, so the result comes from its log.
validate() {
	local name="$1" sarif="$2" log="$tmp/$1.validation.sarif"
	step "sarif-multitool validate --rule-kind \"Sarif;Ghas\" $name"

	local status=0
	"$multitool" validate --rule-kind "Sarif;Ghas" --quiet true --output "$log" "$sarif" || status=$?
	[ -f "$log" ] || fail "the SARIF Multitool wrote no log for $sarif (exit status $status)"

	if ! node "$tmp/summarize.js" "$log" "$sarif" || [ "$status" -ne 0 ]; then
		failed+=("$name")
	fi
}

# report NAME ROOT PATH writes berth's SARIF for PATH, with paths relative
# to ROOT. berth exits with 1 on findings and with 2 on load errors, and
# writes the report in both cases.
report() {
	local name="$1" root="$2" path="$3" sarif="$tmp/$1.sarif"
	step "berth check --root $root $path -o $name.sarif"

	local status=0
	"$tmp/berth" check --root "$root" -o "$sarif" "$path" || status=$?
	echo "berth exited with $status"
	if [ "$status" -gt 2 ] || [ ! -s "$sarif" ]; then
		fail "berth wrote no SARIF for $path (exit status $status)"
	fi

	validate "$name" "$sarif"
}

report blueprint "$repo" "$repo/fixtures/blueprint"

corpus="$repo/../shared/corpus/netbox-community__netbox-docker"
if [ -d "$corpus" ]; then
	corpus="$(cd "$corpus" && pwd)"
	report netbox-docker "$corpus" "$corpus"
else
	step "skip netbox-docker: $corpus not found"
fi

if [ "${#failed[@]}" -gt 0 ]; then
	fail "the SARIF Multitool reports errors or warnings for: ${failed[*]}"
fi
step "the SARIF Multitool reports no errors or warnings"
