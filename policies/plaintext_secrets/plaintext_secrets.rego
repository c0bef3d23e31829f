# METADATA
# title: Secret stored as plain text
# description: Variables whose names mark them as secrets must not hold literal values in Compose files, env files or Dockerfiles.
# related_resources:
#   - description: Rule documentation
#     ref: https://github.com/berth-policy/berth/blob/main/docs/rules/C-13.md
# custom:
#   id: C-13
#   name: plaintext-secrets
#   priority: P1
#   tags:
#     - security
#   security_severity: "7.5"
#   params:
#     name_patterns:
#       - PASSWORD
#       - PASSWD
#       - PASSPHRASE
#       - (?:^|_)PASS$
#       - SECRET
#       - TOKEN
#       - API_?KEY
#       - PRIVATE_?KEY
#       - ACCESS_?KEY
#       - CREDENTIALS?
#       - (?:^|_)AUTH$
#     placeholder_values: []
#     exempt_names: []
package berth.rules.plaintext_secrets

import data.berth.lib.config
import data.berth.lib.result

_params := config.params(rego.metadata.chain())

# One case-insensitive expression that matches any of the name patterns, so
# that each name is matched once instead of once per pattern. It is
# undefined for an empty list, which then matches no name.
_name_pattern := concat("", ["(?i)(?:", concat("|", _params.name_patterns), ")"]) if {
	count(_params.name_patterns) > 0
}

# Messages name the variable and the file, never the value.

# A Compose environment entry, written in the Compose file or read from an
# env file.
deny contains finding if {
	some project in input.projects
	some service in project.services
	some entry in service.environment
	kind := _exposure(entry.name, entry.value, _written(entry), _params)

	message := sprintf(
		"Service %q sets %s to %s %s. Anyone who can read the file or run docker inspect can read it. Store the value in a Compose secret, mounted under /run/secrets, or in a secrets manager such as Vault or a cloud KMS, and pass only its path where the image reads one, as in %s_FILE=/run/secrets/%s.",
		[service.name, entry.name, kind, _origin(entry), entry.name, lower(entry.name)],
	)
	finding := result.fail_service(rego.metadata.chain(), message, entry.location, service.name)
}

# A build argument of a Compose build section.
deny contains finding if {
	some project in input.projects
	some service in project.services
	some entry in service.build.args
	kind := _exposure(entry.name, entry.value, _written(entry), _params)

	message := sprintf(
		"Service %q passes the build argument %s with %s. Build arguments stay readable in the image history. Pass the value as a build secret (build.secrets in Compose and RUN --mount=type=secret in the Dockerfile) instead.",
		[service.name, entry.name, kind],
	)
	finding := result.fail_service(rego.metadata.chain(), message, entry.location, service.name)
}

# An ENV or ARG instruction inside a stage.
deny contains finding if {
	some path, dockerfile in input.dockerfiles
	some stage in dockerfile.stages
	some instruction in stage.instructions
	instruction.command in {"env", "arg"}
	some pair in instruction.env
	kind := _exposure(pair.name, pair.value, pair.value, _params)

	message := sprintf(
		"Dockerfile %s sets %s with %s to %s. The value stays readable in every image built from it, through docker history and docker inspect. Remove it, and pass the secret at run time through a Compose secret or at build time with RUN --mount=type=secret.",
		[path, pair.name, upper(instruction.command), kind],
	)
	finding := result.fail(rego.metadata.chain(), message, instruction.location)
}

# An ARG before the first FROM.
deny contains finding if {
	some path, dockerfile in input.dockerfiles
	some arg in dockerfile.args
	kind := _exposure(arg.name, arg.default, arg.default, _params)

	message := sprintf(
		"Dockerfile %s declares ARG %s with a default of %s. The value stays readable in every image built from it, through docker history. Remove the default, and pass the secret at build time with RUN --mount=type=secret.",
		[path, arg.name, kind],
	)
	finding := result.fail(rego.metadata.chain(), message, arg.location)
}

# Returns how a variable exposes a secret: a literal value under a secret
# name, or a URL with a literal password under any name. It is undefined
# when the variable exposes nothing.
_exposure(name, value, written, params) := "a literal value" if {
	not _exempt(name, params)
	regex.match(_name_pattern, name)
	_literal(value, written, params)
} else := "a URL that contains a literal password" if {
	not _exempt(name, params)
	is_string(value)
	_url_with_password(value, written)
	not value in params.placeholder_values
}

_exempt(name, params) if {
	some exempt in params.exempt_names
	upper(exempt) == upper(name)
}

# NAME_FILE variables hold the path of a secret file, by the convention of
# the official database images.
_exempt(name, _) if endswith(upper(name), "_FILE")

# A literal value is written out in full: it is not empty, uses no
# interpolation, and is not a secret file path, a boolean switch or a
# placeholder that the team accepts.
_literal(value, written, params) if {
	is_string(value)
	value != ""
	not _interpolated(written)
	not startswith(value, "/run/secrets/")
	not lower(value) in {"true", "false", "yes", "no", "on", "off"}
	not value in params.placeholder_values
}

# $$ is an escaped dollar sign, so only a $ before a brace or a name
# starts an interpolation.
_interpolated(text) if regex.match(`\$(?:\{|[A-Za-z_])`, regex.replace(text, `\$\$`, ""))

# A URL's user information ends at the last @ before the path, and holds a
# password after its first colon. The written text must not take that
# password from a variable.
# NOTE: any $ in the written user information counts as interpolation, so
# ${DB_USER}:literal@host is not reported.
_url_with_password(value, written) if {
	regex.match(`^[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:[^/\s]+@`, value)
	not regex.match(`://[^/\s]*\$[^/\s]*@`, regex.replace(written, `\$\$`, ""))
}

# The text as written in the file, which still shows interpolation.
_written(entry) := entry.raw if {
	is_string(entry.raw)
	entry.raw != ""
} else := entry.value

_origin(entry) := "in its environment" if {
	entry.source == "environment"
} else := sprintf("in the env file %s", [entry.source])
