package backlog

import (
	"testing"
)

// allRuleIDs is how messages list the rule ids of testRules.
const allRuleIDs = "C-1, C-2, C-3, C-4, C-5, C-6, C-7, C-8, C-9, C-10, C-11, C-12, C-13, C-14, C-15, C-16, C-17, C-18, C-19 or C-20"

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []wantError
	}{
		{
			name:    "unknown block type",
			content: "famly \"x\" {}\n",
			want:    []wantError{{1, 1, `unknown block type "famly"; expected backlog, item, family, host, waiver or qos`}},
		},
		{
			name:    "top-level attribute",
			content: "\nversion = \"1.1\"\n",
			want:    []wantError{{2, 1, `unexpected attribute "version" at the top level; a backlog file contains only backlog, item, family, host, waiver and qos blocks`}},
		},
		{
			name:    "unknown attribute",
			content: "item \"C-6\" {\n  prio = \"P0\"\n}\n",
			want:    []wantError{{2, 3, `unknown attribute "prio" in item block; expected task, owner, priority, status or params`}},
		},
		{
			name:    "unknown attribute after non-ASCII label",
			content: "family \"famille-é😀\" { colour = \"x\" }\n",
			want:    []wantError{{1, 24, `unknown attribute "colour" in family block; expected gpu or image`}},
		},
		{
			name:    "attribute written as block",
			content: "item \"C-6\" {\n  params {\n  }\n}\n",
			want:    []wantError{{2, 3, `params is an attribute, not a block; write params = ...`}},
		},
		{
			name:    "unknown nested block",
			content: "host \"mainpc\" {\n\tfile \"a.yml\" {}\n}\n",
			want:    []wantError{{2, 2, `unknown block type "file" in host block; host blocks contain only the attributes compose`}},
		},
		{
			name:    "missing label",
			content: "item {\n}\n",
			want:    []wantError{{1, 1, `item block has no rule id; write item "C-6" { ... }`}},
		},
		{
			name:    "extra label",
			content: "item \"C-6\" \"C-7\" {}\n",
			want:    []wantError{{1, 12, `item block has more than one label; write item "C-6" { ... }`}},
		},
		{
			name:    "empty label",
			content: "family \"\" {}\n",
			want:    []wantError{{1, 8, `family block has an empty family name; write family "family-cpu-pydeps" { ... }`}},
		},
		{
			name:    "unknown item id",
			content: "item \"C-21\" {\n  status = \"done\"\n}\n",
			want:    []wantError{{1, 6, `unknown rule id "C-21"; expected ` + allRuleIDs}},
		},
		{
			name:    "invalid priority",
			content: "item \"C-6\" {\n  priority = \"P4\"\n}\n",
			want:    []wantError{{2, 3, `invalid priority "P4"; expected P0, P1, P2 or P3`}},
		},
		{
			name:    "unquoted priority",
			content: "item \"C-6\" {\n  priority = P0\n}\n",
			want:    []wantError{{2, 3, `priority must be a quoted string; write priority = "P0"`}},
		},
		{
			name:    "invalid status",
			content: "item \"C-6\" {\n  status = \"closed\"\n}\n",
			want:    []wantError{{2, 3, `invalid status "closed"; expected open, done or wontfix`}},
		},
		{
			name:    "syntax error after non-ASCII task",
			content: "item \"C-12\" {\n  task = \"Audio ←→ Twin 😀\"; status = \"closed\"\n}\n",
			want: []wantError{
				{2, 28, `Invalid character: The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.`},
				{2, 28, `Missing newline after argument: An argument definition must end with a newline.`},
			},
		},
		{
			name:    "duplicate item",
			content: "item \"C-6\" {\n}\n\nitem \"C-6\" {\n  status = \"shut\"\n}\n",
			want: []wantError{
				{4, 6, `duplicate item "C-6"; it is already declared on line 1, so merge the two blocks`},
				{5, 3, `invalid status "shut"; expected open, done or wontfix`},
			},
		},
		{
			name:    "malformed expires",
			content: "waiver \"C-6\" {\n  reason  = \"r\"\n  expires = \"31/01/2027\"\n}\n",
			want:    []wantError{{3, 3, `invalid expires date "31/01/2027"; write a date as YYYY-MM-DD, such as 2027-01-31`}},
		},
		{
			name:    "impossible expires date",
			content: "waiver \"C-6\" {\n  reason  = \"r\"\n  expires = \"2027-02-30\"\n}\n",
			want:    []wantError{{3, 3, `invalid expires date "2027-02-30"; write a date as YYYY-MM-DD, such as 2027-01-31`}},
		},
		{
			name:    "waiver without reason",
			content: "waiver \"C-6\" {\n  services = [\"watchtower\"]\n}\n",
			want:    []wantError{{1, 8, `waiver for C-6 has no reason; add reason = "why the findings are acceptable"`}},
		},
		{
			name:    "waiver with null reason",
			content: "waiver \"C-6\" {\n  reason = null\n}\n",
			want:    []wantError{{1, 8, `waiver for C-6 has no reason; add reason = "why the findings are acceptable"`}},
		},
		{
			name:    "waiver with blank reason",
			content: "waiver \"C-6\" {\n  reason = \"  \"\n}\n",
			want:    []wantError{{2, 3, `reason is empty; say why the findings are acceptable`}},
		},
		{
			name:    "waiver for unknown rule",
			content: "waiver \"C-60\" {\n  reason = \"r\"\n}\n",
			want:    []wantError{{1, 8, `waiver for unknown rule id "C-60"; expected ` + allRuleIDs}},
		},
		{
			name:    "unknown params key",
			content: "item \"C-6\" {\n  params = {\n    proxy_service = [\"docker-proxy\"]\n  }\n}\n",
			want:    []wantError{{3, 5, `unknown parameter "proxy_service" for rule C-6; expected allow_read_only or proxy_services`}},
		},
		{
			name:    "quoted unknown params key after non-ASCII",
			content: "item \"C-6\" {\n  params = { \"größe\" = 1, \"naïve\" = 2 }\n}\n",
			want: []wantError{
				{2, 14, `unknown parameter "größe" for rule C-6; expected allow_read_only or proxy_services`},
				{2, 27, `unknown parameter "naïve" for rule C-6; expected allow_read_only or proxy_services`},
			},
		},
		{
			name:    "params key for rule without params",
			content: "item \"C-1\" {\n  params = { offset = 100 }\n}\n",
			want:    []wantError{{2, 14, `unknown parameter "offset": rule C-1 has no parameters, so remove it`}},
		},
		{
			name:    "params value of wrong kind",
			content: "item \"C-6\" {\n  params = {\n    proxy_services = \"docker-proxy\"\n    allow_read_only = \"yes\"\n  }\n}\n",
			want: []wantError{
				{3, 5, `parameter "proxy_services" of rule C-6 must be a list like its default ["docker-proxy"], not a string`},
				{4, 5, `parameter "allow_read_only" of rule C-6 must be a bool like its default true, not a string`},
			},
		},
		{
			name:    "params number out of range",
			content: "item \"C-9\" {\n  params = { interval_seconds = 1e400 }\n}\n",
			want:    []wantError{{2, 14, `parameter "interval_seconds" of rule C-9 contains a number too large for JSON`}},
		},
		{
			name:    "params not an object",
			content: "item \"C-6\" {\n  params = [\"docker-proxy\"]\n}\n",
			want:    []wantError{{2, 3, `params must be an object, such as params = { name = value }`}},
		},
		{
			name:    "duplicate params key",
			content: "item \"C-9\" {\n  params = {\n    health_path = \"/a\"\n    health_path = \"/b\"\n  }\n}\n",
			want:    []wantError{{4, 5, `duplicate parameter "health_path"; it is already set on line 3`}},
		},
		{
			name:    "family gpu not a bool",
			content: "family \"family-cuda\" {\n  gpu = \"yes\"\n}\n",
			want:    []wantError{{2, 3, `gpu must be true or false, not a string`}},
		},
		{
			name:    "host compose not a list",
			content: "host \"mainpc\" {\n  compose = \"a.yml\"\n}\n",
			want:    []wantError{{2, 3, `compose must be a list of strings, such as compose = ["a", "b"]`}},
		},
		{
			name:    "host compose with number",
			content: "host \"mainpc\" {\n  compose = [\"a.yml\", 2]\n}\n",
			want:    []wantError{{2, 23, `compose must be a list of strings, but element 2 is a number`}},
		},
		{
			name:    "host compose paths outside the run",
			content: "host \"pc2\" {\n  compose = [\"pc2/docker-compose.yml\", \"/srv/docker-compose.yml\", \"../x.yml\", \"pc2\\\\compose.yml\", \"C:/x.yml\", \"\"]\n}\n",
			want: []wantError{
				{2, 40, `invalid compose path "/srv/docker-compose.yml"; write a path relative to the root of the run with forward slashes, such as mainpc/docker-compose.yml`},
				{2, 67, `invalid compose path "../x.yml"; write a path relative to the root of the run with forward slashes, such as mainpc/docker-compose.yml`},
				{2, 79, `invalid compose path "pc2\\compose.yml"; write a path relative to the root of the run with forward slashes, such as mainpc/docker-compose.yml`},
				{2, 99, `invalid compose path "C:/x.yml"; write a path relative to the root of the run with forward slashes, such as mainpc/docker-compose.yml`},
				{2, 111, `invalid compose path ""; write a path relative to the root of the run with forward slashes, such as mainpc/docker-compose.yml`},
			},
		},
		{
			name:    "negative latency",
			content: "qos \"Straßen-Audio 🎧\" { latency_ms = -1 }\n",
			want:    []wantError{{1, 26, `latency_ms must be zero or more, not -1`}},
		},
		{
			name:    "quoted latency",
			content: "qos \"streaming-audio\" {\n  jitter_ms = \"5\"\n}\n",
			want:    []wantError{{2, 3, `jitter_ms must be a number without quotes, not a string`}},
		},
		{
			name:    "variable in list",
			content: "waiver \"C-6\" {\n  services = [watchtower]\n  reason   = \"r\"\n}\n",
			want:    []wantError{{2, 15, `Variables not allowed: Variables may not be used here.`}},
		},
		{
			name:    "function call",
			content: "item \"C-6\" {\n  task = upper(\"x\")\n}\n",
			want:    []wantError{{2, 10, `Function calls not allowed: Functions may not be called here.`}},
		},
		{
			name:    "version not a string",
			content: "backlog \"b\" {\n  version = [1]\n}\n",
			want:    []wantError{{2, 3, `version must be a string in quotes, not a list`}},
		},
		{
			name:    "duplicate backlog",
			content: "backlog \"a\" {}\nbacklog \"b\" {}\n",
			want:    []wantError{{2, 1, `duplicate backlog block; a file has one, and the first is on line 1`}},
		},
		{
			name:    "duplicate family host and qos",
			content: "family \"f\" {}\nfamily \"f\" {}\nhost \"h\" {}\nhost \"h\" {}\nqos \"q\" {}\nqos \"q\" {}\n",
			want: []wantError{
				{2, 8, `duplicate family "f"; it is already declared on line 1, so merge the two blocks`},
				{4, 6, `duplicate host "h"; it is already declared on line 3, so merge the two blocks`},
				{6, 5, `duplicate qos "q"; it is already declared on line 5, so merge the two blocks`},
			},
		},
		{
			name:    "attribute defined twice",
			content: "item \"C-6\" {\n  status = \"open\"\n  status = \"done\"\n}\n",
			want:    []wantError{{3, 3, `Attribute redefined: The argument "status" was already set at deploy/berth.hcl:2,3-9. Each argument may be set only once.`}},
		},
		{
			name:    "missing value",
			content: "item \"C-6\" {\n  status =\n}\n",
			want:    []wantError{{2, 11, `Invalid expression: Expected the start of an expression, but found an invalid expression token.`}},
		},
		{
			name:    "errors in source order",
			content: "item \"C-6\" {\n  priority = \"P9\"\n  status   = \"later\"\n}\nbogus {}\nwaiver \"C-2\" {}\n",
			want: []wantError{
				{2, 3, `invalid priority "P9"; expected P0, P1, P2 or P3`},
				{3, 3, `invalid status "later"; expected open, done or wontfix`},
				{5, 1, `unknown block type "bogus"; expected backlog, item, family, host, waiver or qos`},
				{6, 8, `waiver for C-2 has no reason; add reason = "why the findings are acceptable"`},
			},
		},
	}

	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			_, errors := Load("deploy/berth.hcl", []byte(test.content), testRules())
			assertErrors(t, "deploy/berth.hcl", test.want, errors)
		})
	}
}
