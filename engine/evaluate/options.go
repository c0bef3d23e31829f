package evaluate

import "io/fs"

// Option configures New.
type Option func(*config)

type config struct {
	// builtin holds the built-in rules; nil means policies.FS.
	builtin  fs.FS
	policies []string
	bundle   string
}

// WithPolicies adds the user's Rego files or directories at paths to the
// rules. A package under data.berth.rules follows berth's convention: it
// is data.berth.rules.<name> with custom.id in its METADATA, and its deny
// rule returns findings built by data.berth.lib.result.fail. Every other
// package follows conftest's: its deny, violation and warn rules return
// strings or objects with msg and _loc, its exception rule excepts them,
// and its rule id is custom.id or the package and rule name, such as
// user.compose.deny. Test files (_test.rego) are skipped. Default: none.
func WithPolicies(paths ...string) Option {
	return func(c *config) { c.policies = append(c.policies, paths...) }
}

// WithBundle evaluates the policies and data of the OPA bundle at path, a
// .tar.gz file or a directory such as berth bundle build writes, instead
// of the built-in rules and library. Default: the built-in rules.
func WithBundle(path string) Option {
	return func(c *config) { c.bundle = path }
}

// strict reports whether the compile checks OPA's strict mode: only for
// berth's own rules, because user policies and bundles are written for
// opa eval and conftest, which do not.
func (c config) strict() bool {
	return c.bundle == "" && len(c.policies) == 0
}

// builtinOnly reports whether only berth's own rules are compiled, with
// no user policies, no bundle and no replacement of the built-in set.
func (c config) builtinOnly() bool {
	return c.builtin == nil && c.strict()
}
