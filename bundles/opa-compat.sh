#!/usr/bin/env bash
# Checks that stock OPA, at the exact version berth embeds, runs berth's
# Rego as berth does:
#   1. installs opa at the version of github.com/open-policy-agent/opa in
#      go.mod;
#   2. runs opa test and opa check --strict over rego/ and policies/;
#   3. builds a bundle of the example stack's backlog, evaluates
#      data.berth.main.findings with opa eval and compares the findings'
#      (rule, file, line, column) with berth check's.
#
# berth check applies the backlog after evaluation. Suppressed findings
# (wontfix items, waivers, inline comments) stay in its JSON output, marked,
# so they are compared too. The only findings left out are the ones berth
# adds for expired waivers, at each waiver's location in the backlog,
# because no rule produces them. The script finds them in the input's
# waivers.
#
# Needs Go and network access to the Go module proxy; jq is installed with
# apt-get when it is missing. Exits non-zero with a diff when the sets
# differ.
set -euo pipefail

cd "$(dirname "$0")/.."

fixture=fixtures/blueprint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v jq >/dev/null 2>&1; then
	echo "--- install jq"
	apt-get update -qq && apt-get install -y -qq jq >/dev/null
fi

version=$(go list -m -f '{{.Version}}' github.com/open-policy-agent/opa)
echo "--- install opa $version"
GOBIN="$tmp" go install "github.com/open-policy-agent/opa@$version"
opa="$tmp/opa"
"$opa" version | sed -n 1p

echo "--- opa test rego policies"
"$opa" test rego policies

echo "--- opa check --strict rego policies"
"$opa" check --strict rego policies

echo "--- build berth and the bundle"
go build -o "$tmp/berth" ./cmd/berth
"$tmp/berth" bundle build -o "$tmp/bundle.tar.gz" --backlog "$fixture/berth.hcl"

# berth parse and berth check exit 2 when a file of the stack does not
# load. The document is still complete for the other files, so the
# comparison still holds. Other exit statuses stop the script here. A
# usage error also exits 2 but writes no JSON, so jq fails below.
status=0
"$tmp/berth" parse "$fixture" >"$tmp/input.json" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
	echo "berth parse failed with exit status $status" >&2
	exit 1
fi
status=0
"$tmp/berth" check "$fixture" --format json >"$tmp/check.json" || status=$?
if [ "$status" -gt 2 ]; then
	echo "berth check failed with exit status $status" >&2
	exit 1
fi

echo "--- compare opa eval with berth check"
"$opa" eval -b "$tmp/bundle.tar.gz" -i "$tmp/input.json" 'data.berth.main.findings' -f json |
	jq -r '.result[0].expressions[0].value[] | [.rule, .location.file, .location.line, .location.column] | @tsv' |
	sort -u >"$tmp/opa.tsv"

today=$(date -u +%F)
jq -r --arg today "$today" '.backlog.waivers[] | select(.expires != "" and .expires < $today)
	| [.rule, .location.file, .location.line, .location.column] | @tsv' "$tmp/input.json" |
	sort -u >"$tmp/expired.tsv"

jq -r '.findings[] | [.rule, .location.file, .location.line, .location.column] | @tsv' "$tmp/check.json" |
	sort -u | comm -23 - "$tmp/expired.tsv" >"$tmp/berth.tsv"

if ! diff -u --label "opa eval ($(wc -l <"$tmp/opa.tsv") findings)" --label "berth check ($(wc -l <"$tmp/berth.tsv") findings)" "$tmp/opa.tsv" "$tmp/berth.tsv"; then
	echo "opa eval and berth check report different findings (rule, file, line, column) for $fixture" >&2
	exit 1
fi
echo "same $(wc -l <"$tmp/opa.tsv") findings (rule, file, line, column); $(wc -l <"$tmp/expired.tsv") expired-waiver findings left out"
