package backlog

import (
	"testing"
)

func FuzzLoad(f *testing.F) {
	f.Add(validFile)
	f.Add("item \"C-6\" { status = \"done\" }\n")
	f.Add("item \"C-9\" {\n  params = { probe = { tags = [1, 2.5e10, null, \"x\"] } }\n}\n")
	f.Add("waiver \"C-6\" {\n  reason = \"é😀\"\n  expires = \"2027-02-30\"\n}\n")
	f.Add("qos \"a\" { latency_ms = 1e400 }\n")
	f.Add("item \"C-6\" {\n  task = \"${x}%{if true}y%{endif}\"\n}\n")
	f.Add("item {\n")

	rules := testRules()
	f.Fuzz(func(t *testing.T, content string) {
		backlog, errors := Load("berth.hcl", []byte(content), rules)

		if len(backlog.Items) != len(rules) {
			t.Fatalf("got %d items, want one per rule (%d)", len(backlog.Items), len(rules))
		}

		for _, loadError := range errors {
			if loadError.File != "berth.hcl" || loadError.Message == "" {
				t.Fatalf("load error without file or message: %#v", loadError)
			}
		}
	})
}
