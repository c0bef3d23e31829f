# METADATA
# title: Image references
# description: Splits container image references the way Docker reads them.
package berth.lib.images

# METADATA
# title: repository
# description: |
#   Returns the repository of an image reference in lower case, without tag,
#   digest or the implicit docker.io/ and docker.io/library/ prefixes, so that
#   docker.io/library/nginx:1.27 and nginx@sha256:... both return nginx.
#   Undefined when reference is not a string.
repository(reference) := name if {
	is_string(reference)
	without_digest := split(reference, "@")[0]

	# A tag follows the last colon after the last slash. A colon before a
	# slash belongs to a registry port, as in registry.local:5000/app.
	without_tag := regex.replace(without_digest, `:[^/:]*$`, "")
	without_registry := regex.replace(lower(without_tag), `^(?:index\.)?docker\.io/`, "")
	name := regex.replace(without_registry, `^library/([^/]+)$`, "$1")
}

# METADATA
# title: same_repository
# description: Reports whether two image references name the same repository, ignoring tag and digest.
same_repository(a, b) if repository(a) == repository(b)

# METADATA
# title: listed
# description: |
#   Reports whether reference names the repository of any entry of references,
#   ignoring tag and digest. The set of repositories is built once per list,
#   because OPA caches a function's result for the same arguments.
listed(reference, references) if repository(reference) in repositories(references)

# METADATA
# title: repositories
# description: Returns the set of repositories of references, skipping entries that are not strings.
repositories(references) := {repository(reference) | some reference in references}
