#!/usr/bin/env bash
# Times berth, conftest, a parse-only floor and a load-only floor as whole
# processes on the blueprint fixture and on generated stacks of 20, 200 and
# 2,000 services. It also times berth and conftest on two files staged in
# the largest stack. Then it prints one table with median wall times, CPU
# times, peak RSS, ratios and the targets.
#
# Usage: bench/run.sh
#
# Environment:
#   BENCH_OUT   folder to keep the raw results in (default: a temporary
#               folder that is removed at exit)
#   BENCH_RUNS  timed runs per command for 1x, 10x and the staged case
#               (default 10). The blueprint case runs twice as many, and
#               the 2,000-service case half as many but at least 3.
#
# Tools: conftest is installed with go install if it is on neither PATH
# nor ~/go/bin; hyperfine and GNU time come from Debian's packages.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
out="${BENCH_OUT:-$tmp/results}"
mkdir -p "$out"
out="$(cd "$out" && pwd)" # measure() changes folders, so keep the path absolute
runs="${BENCH_RUNS:-10}"
large_runs=$(( runs / 2 > 3 ? runs / 2 : 3 ))

step() {
	printf '\n== [%3ds] %s\n' "$SECONDS" "$*"
}

step "build berth, the floors, the generator and the table"
go build -o "$tmp/berth" ./cmd/berth
go build -o "$tmp/parsefloor" ./bench/cmd/parsefloor
go build -o "$tmp/loadfloor" ./bench/cmd/loadfloor
go build -o "$tmp/stackgen" ./bench/cmd/stackgen
go build -o "$tmp/benchtable" ./bench/cmd/benchtable

step "install missing tools"
if ! command -v conftest >/dev/null; then
	echo "installing conftest v0.71.1 with go install (several minutes on 2 cores)"
	go install github.com/open-policy-agent/conftest@v0.71.1
fi
packages=()
command -v hyperfine >/dev/null || packages+=(hyperfine)
[ -x /usr/bin/time ] || packages+=(time)
if [ "${#packages[@]}" -gt 0 ]; then
	echo "installing ${packages[*]} from Debian"
	apt-get update -qq
	apt-get install -y -qq "${packages[@]}" >/dev/null
fi
echo "conftest: $(command -v conftest); hyperfine: $(hyperfine --version)"

step "generate stacks of 1, 10 and 100 projects of 20 services (seed 1)"
for size in 1 10 100; do
	"$tmp/stackgen" -out "$tmp/stacks/${size}x" -projects "$size" -services 20 -seed 1 -json >"$out/${size}x.counts.json"
	echo "${size}x: $(tr -d ' \n' <"$out/${size}x.counts.json")"
done

step "check that berth and conftest find the planted violations"
go test -count=1 ./bench/stackgen ./bench/conftest

# record_rss CASE TOOL COMMAND: runs COMMAND three more times under GNU
# time and keeps each run's peak resident set size.
record_rss() {
	local name="$1" tool="$2" cmd="$3"
	: >"$out/$name.$tool.rss"
	for _ in 1 2 3; do
		# shellcheck disable=SC2086 # the command is split into words on purpose
		/usr/bin/time -v -o "$tmp/time.txt" $cmd >/dev/null 2>&1 || true
		sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/time.txt" >>"$out/$name.$tool.rss"
	done
}

# measure CASE DIR RUNS: times berth, conftest and both floors on the files
# under DIR, all started in DIR with relative paths so that the conftest
# command line stays short.
measure() {
	local name="$1" dir="$2" count="$3"
	step "$name: $dir, $count timed runs per command"

	cd "$dir"
	local files
	files="$(find . \( -name 'docker-compose.yml' -o -name 'compose.yaml' -o -name 'Dockerfile' \) -type f | sort | tr '\n' ' ')"
	local berth_cmd="$tmp/berth check ."
	local conftest_cmd="conftest test --all-namespaces --no-color -p $repo/bench/conftest $files"
	local floor_cmd="$tmp/parsefloor ."
	local loadfloor_cmd="$tmp/loadfloor ."

	# berth and conftest exit 1 when they report violations, so hyperfine
	# must not stop at a non-zero exit status.
	hyperfine --shell=none --ignore-failure --style basic --warmup 1 --runs "$count" \
		--export-json "$out/$name.json" \
		-n berth "$berth_cmd" -n conftest "$conftest_cmd" -n floor "$floor_cmd" -n loadfloor "$loadfloor_cmd"

	local tool cmd
	for tool in berth conftest floor loadfloor; do
		case "$tool" in
		berth) cmd="$berth_cmd" ;;
		conftest) cmd="$conftest_cmd" ;;
		floor) cmd="$floor_cmd" ;;
		loadfloor) cmd="$loadfloor_cmd" ;;
		esac
		record_rss "$name" "$tool" "$cmd"
	done
	cd "$repo"
}

# measure_staged CASE DIR RUNS FILE...: times berth and conftest on the
# files that a pre-commit hook would pass after staging them in DIR.
measure_staged() {
	local name="$1" dir="$2" count="$3"
	shift 3
	step "$name: $* in $dir, $count timed runs per command"

	cd "$dir"
	local berth_cmd="$tmp/berth check $*"
	local conftest_cmd="conftest test --all-namespaces --no-color -p $repo/bench/conftest $*"
	hyperfine --shell=none --ignore-failure --style basic --warmup 1 --runs "$count" \
		--export-json "$out/$name.json" -n berth "$berth_cmd" -n conftest "$conftest_cmd"

	record_rss "$name" berth "$berth_cmd"
	record_rss "$name" conftest "$conftest_cmd"
	cd "$repo"
}

measure blueprint "$repo/fixtures/blueprint" $(( runs * 2 ))
measure 1x "$tmp/stacks/1x" "$runs"
measure 10x "$tmp/stacks/10x" "$runs"
measure 100x "$tmp/stacks/100x" "$large_runs"
# One project's Compose file and one of its Dockerfiles staged in the
# 2,000-service stack: berth should load that project alone.
measure_staged staged "$tmp/stacks/100x" "$runs" p050/docker-compose.yml p050/api-01/Dockerfile

step "results ($(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, $(date -u +%Y-%m-%d))"
"$tmp/benchtable" -dir "$out" blueprint 1x 10x 100x staged
if [ -n "${BENCH_OUT:-}" ]; then
	echo "raw results kept in $out"
fi
