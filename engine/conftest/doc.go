// Package conftest evaluates Rego policies written for conftest over
// berth's input document, for teams that move their conftest policies to
// berth.
//
// The conventions are conftest's: in each selected package (namespace,
// default main), the rules named deny, violation and warn, alone or with a
// _suffix such as deny_no_socket, are queried. A result is a string or an
// object with a string msg, and the object's _loc ({"file", "line",
// "column"}) becomes the location of the finding. deny and violation
// results are errors and warn results are warnings. An exception rule in
// the same package, exception contains rules if { ... }, where rules lists
// rule names without their deny_, violation_ or warn_ prefix, excepts every
// result of those rules.
//
// berth differs from conftest where its input differs:
//
//   - The input is berth's whole document (Compose projects, Dockerfiles,
//     requirement files, CI files and the backlog), evaluated once, not
//     each configuration file on its own. data.conftest.file is not set.
//   - A result whose location names no file, such as a plain string,
//     takes the location of the rule head that produced it, so that every
//     finding has one, as SARIF consumers such as GitHub code scanning
//     require. The file is the policy's path as berth loaded it (under the
//     path given with -p, or inside a bundle), and the line and column are
//     those of the head. When several bodies define the rule, berth
//     evaluates it once more with a tracer to learn which body produced
//     each result. An object result may also give berth's location shape
//     under location, and a service name under service.
//   - Excepted results are kept and marked suppressed, with the exception
//     rule as the justification, instead of being replaced by one
//     exception entry per rule. Passing rules are not counted.
//   - The rule id of a finding is the package METADATA custom.id or, when
//     the package has none, the namespace and rule name, as in
//     main.deny_no_socket.
//   - Other fields of an object result are not reported.
//   - Policies are Rego v1 and compile with berth's capabilities, without
//     http.send, net.* and opa.runtime. Built-in function errors, such as
//     to_number("x"), leave the expression undefined, as in conftest.
//   - A namespace pattern that matches no package is an error when no
//     pattern matches any package, so a typo in -n does not pass silently.
//   - A rule written as "deny if { ... }", which conftest rejects too,
//     is an error that names the file and line.
package conftest
