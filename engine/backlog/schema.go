package backlog

// RuleSchema describes one rule to the loader. Load uses it to reject items
// and waivers for unknown rules, to reject parameter keys that the rule does
// not declare and to fill in fields that an item leaves out.
type RuleSchema struct {
	// ID is the rule id that items and waivers name, such as C-6.
	ID string

	// Title is the task of an item that does not set one.
	Title string

	// Priority is the priority of an item that does not set one, P0 to P3.
	Priority string

	// Params maps each parameter name to its default value. A non-nil
	// default also fixes the kind of value that the backlog may set: a
	// string, number, bool, list or object.
	Params map[string]any
}
