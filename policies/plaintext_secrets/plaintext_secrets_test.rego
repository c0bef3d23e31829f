package berth.rules.plaintext_secrets_test

import data.berth.rules.plaintext_secrets as rule

_loc(file, line) := {"file": file, "line": line, "column": 9}

_input(services) := {"projects": [{"name": "app", "host": "app", "services": services}]}

_service(name, fields) := object.union({"name": name, "location": _loc("compose.yaml", 2)}, fields)

# An entry written in the Compose file, where raw shows any interpolation.
_env(name, value, raw, line) := {
	"name": name,
	"value": value,
	"raw": raw,
	"source": "environment",
	"location": _loc("compose.yaml", line),
}

_literal(name, value, line) := _env(name, value, value, line)

_env_file_entry(name, value, line) := {
	"name": name,
	"value": value,
	"source": ".env.db",
	"location": _loc(".env.db", line),
}

_dockerfile(path, args, instructions) := {"path": path, "args": args, "stages": [{
	"index": 0,
	"final": true,
	"base": {"raw": "python:3.12", "image": "python", "tag": "3.12", "stage": -1},
	"location": _loc(path, 1),
	"instructions": instructions,
}]}

_instruction(command, pairs, line) := {
	"command": command,
	"original": sprintf("%s ...", [upper(command)]),
	"env": [{"name": name, "value": value} | some [name, value] in pairs],
	"location": _loc("api/Dockerfile", line),
}

_finding(service, message, location) := {"rule": "C-13", "msg": message, "location": location, "service": service}

_file_finding(message, location) := {"rule": "C-13", "msg": message, "location": location}

_compose_message(service, name, kind, origin) := sprintf(
	"Service %q sets %s to %s %s. Anyone who can read the file or run docker inspect can read it. Store the value in a Compose secret, mounted under /run/secrets, or in a secrets manager such as Vault or a cloud KMS, and pass only its path where the image reads one, as in %s_FILE=/run/secrets/%s.",
	[service, name, kind, origin, name, lower(name)],
)

_build_arg_message(service, name) := sprintf(
	"Service %q passes the build argument %s with a literal value. Build arguments stay readable in the image history. Pass the value as a build secret (build.secrets in Compose and RUN --mount=type=secret in the Dockerfile) instead.",
	[service, name],
)

_instruction_message(name, command) := sprintf(
	"Dockerfile api/Dockerfile sets %s with %s to a literal value. The value stays readable in every image built from it, through docker history and docker inspect. Remove it, and pass the secret at run time through a Compose secret or at build time with RUN --mount=type=secret.",
	[name, command],
)

_global_arg_message(name) := sprintf(
	"Dockerfile api/Dockerfile declares ARG %s with a default of a literal value. The value stays readable in every image built from it, through docker history. Remove the default, and pass the secret at build time with RUN --mount=type=secret.",
	[name],
)

test_fail_compose_environment_literals if {
	services := [_service("db", {"environment": [
		_literal("POSTGRES_USER", "app", 4),
		_literal("POSTGRES_PASSWORD", "J5brHrAXFLQSif0K", 5),
		_literal("OPENAI_API_KEY", "sk-proj-0123", 6),
		_literal("REDIS_AUTH", "123", 7),
		_literal("RABBITMQ_DEFAULT_PASS", "rabbit", 8),
	]})]

	rule.deny == {
		_finding("db", _compose_message("db", "POSTGRES_PASSWORD", "a literal value", "in its environment"), _loc("compose.yaml", 5)),
		_finding("db", _compose_message("db", "OPENAI_API_KEY", "a literal value", "in its environment"), _loc("compose.yaml", 6)),
		_finding("db", _compose_message("db", "REDIS_AUTH", "a literal value", "in its environment"), _loc("compose.yaml", 7)),
		_finding("db", _compose_message("db", "RABBITMQ_DEFAULT_PASS", "a literal value", "in its environment"), _loc("compose.yaml", 8)),
	} with input as _input(services)
}

test_fail_env_file_entry if {
	services := [_service("db", {"environment": [
		_env_file_entry("MYSQL_ROOT_PASSWORD", "whalehello", 3),
		_env_file_entry("MYSQL_DATABASE", "app", 4),
	]})]

	rule.deny == {_finding(
		"db",
		_compose_message("db", "MYSQL_ROOT_PASSWORD", "a literal value", "in the env file .env.db"),
		_loc(".env.db", 3),
	)} with input as _input(services)
}

test_fail_placeholder_by_default if {
	services := [_service("db", {"environment": [_literal("POSTGRES_PASSWORD", "changeme", 4)]})]

	rule.deny == {_finding(
		"db",
		_compose_message("db", "POSTGRES_PASSWORD", "a literal value", "in its environment"),
		_loc("compose.yaml", 4),
	)} with input as _input(services)
}

test_fail_escaped_dollar_is_literal if {
	services := [_service("db", {"environment": [_env("DB_PASSWORD", "pa$word", "pa$$word", 4)]})]

	rule.deny == {_finding(
		"db",
		_compose_message("db", "DB_PASSWORD", "a literal value", "in its environment"),
		_loc("compose.yaml", 4),
	)} with input as _input(services)
}

test_fail_url_with_literal_password if {
	services := [_service("api", {"environment": [
		_literal("DATABASE_URL", "postgres://app:s3cret@db:5432/app", 4),
		_env("CACHE_URL", "redis://:hunter2@cache:6379/0", "redis://:hunter2@${CACHE_HOST}:6379/0", 5),
		_env("BROKER_URL", "amqp://app:pw@queue", "amqp://app:${BROKER_PASSWORD}@queue", 6),
		_literal("UPSTREAM_URL", "https://api.example.com/v1?user=me", 7),
	]})]

	rule.deny == {
		_finding("api", _compose_message("api", "DATABASE_URL", "a URL that contains a literal password", "in its environment"), _loc("compose.yaml", 4)),
		_finding("api", _compose_message("api", "CACHE_URL", "a URL that contains a literal password", "in its environment"), _loc("compose.yaml", 5)),
	} with input as _input(services)
}

test_fail_build_args if {
	services := [_service("api", {"build": {
		"context": "api",
		"dockerfile": "api/Dockerfile",
		"location": _loc("compose.yaml", 3),
		"args": [
			_literal("NPM_TOKEN", "npm_0123", 6),
			_env("PIP_INDEX_TOKEN", "abc", "${PIP_INDEX_TOKEN}", 7),
			_literal("APP_VERSION", "1.4.2", 8),
		],
	}})]

	rule.deny == {_finding("api", _build_arg_message("api", "NPM_TOKEN"), _loc("compose.yaml", 6))} with input as _input(services)
}

test_fail_dockerfile_env_and_arg if {
	instructions := [
		_instruction("env", [["APP_HOME", "/app"], ["DJANGO_SECRET_KEY", "r(m)9nLGnz$(_q3N4z1k"]], 3),
		_instruction("arg", [["GITHUB_TOKEN", "ghp_0123"], ["BUILD_TOKEN", null]], 4),
		_instruction("env", [["DB_PASSWORD", "$DB_PASSWORD"]], 5),
		_instruction("label", [["api_key_owner", "platform"]], 6),
	]
	args := [
		{"name": "REGISTRY_PASSWORD", "default": "hunter2", "location": _loc("api/Dockerfile", 1)},
		{"name": "BASE_TAG", "default": "3.12", "location": _loc("api/Dockerfile", 2)},
	]
	doc := {"dockerfiles": {"api/Dockerfile": _dockerfile("api/Dockerfile", args, instructions)}}

	rule.deny == {
		_file_finding(_instruction_message("DJANGO_SECRET_KEY", "ENV"), _loc("api/Dockerfile", 3)),
		_file_finding(_instruction_message("GITHUB_TOKEN", "ARG"), _loc("api/Dockerfile", 4)),
		_file_finding(_global_arg_message("REGISTRY_PASSWORD"), _loc("api/Dockerfile", 1)),
	} with input as doc
}

test_fail_custom_name_patterns_replace_defaults if {
	services := [_service("api", {"environment": [
		_literal("SESSION_COOKIE_SALT", "0123abcd", 4),
		_literal("DB_PASSWORD", "hunter2", 5),
	]})]
	params := {"name_patterns": ["_SALT$"]}

	rule.deny == {_finding(
		"api",
		_compose_message("api", "SESSION_COOKIE_SALT", "a literal value", "in its environment"),
		_loc("compose.yaml", 4),
	)} with input as object.union(_input(services), {"backlog": {"items": {"C-13": {"params": params}}}})
}

test_fail_messages_never_contain_values if {
	secrets := ["J5brHrAXFLQSif0K", "whalehello", "s3cret", "ghp_0123", "hunter2"]
	doc := {
		"projects": [{"name": "app", "host": "app", "services": [_service("api", {"environment": [
			_literal("POSTGRES_PASSWORD", "J5brHrAXFLQSif0K", 4),
			_env_file_entry("MYSQL_ROOT_PASSWORD", "whalehello", 3),
			_literal("DATABASE_URL", "postgres://app:s3cret@db:5432/app", 5),
		]})]}],
		"dockerfiles": {"api/Dockerfile": _dockerfile(
			"api/Dockerfile",
			[{"name": "REGISTRY_PASSWORD", "default": "hunter2", "location": _loc("api/Dockerfile", 1)}],
			[_instruction("arg", [["GITHUB_TOKEN", "ghp_0123"]], 4)],
		)},
	}
	findings := rule.deny with input as doc

	count(findings) == 5
	every finding in findings {
		every secret in secrets {
			not contains(finding.msg, secret)
		}
	}
}

test_success_values_from_elsewhere if {
	services := [_service("db", {"environment": [
		_env("POSTGRES_PASSWORD", "from-dotenv", "${POSTGRES_PASSWORD}", 4),
		_env("REDIS_PASSWORD", "from-dotenv", "$REDIS_PASSWORD", 5),
		_env("ADMIN_TOKEN", "default", "${ADMIN_TOKEN:-default}", 6),
		_literal("POSTGRES_PASSWORD_FILE", "/run/secrets/db_password", 7),
		_literal("SMTP_PASSWORD", "/run/secrets/smtp", 8),
		_env("API_KEY", null, "", 9),
		_literal("EMPTY_SECRET", "", 10),
	]})]

	rule.deny == set() with input as _input(services)
}

test_success_settings_with_secret_like_names if {
	services := [_service("auth", {"environment": [
		_literal("AUTH_TYPE", "trust", 4),
		_literal("POSTGRES_HOST_AUTH_METHOD", "trust", 5),
		_literal("AUTHENTIK_REDIS__HOST", "redis", 6),
		_literal("NODE_TLS_REJECT_UNAUTHORIZED", "0", 7),
		_literal("PASSWORD_RESET_ENABLED", "true", 8),
		_literal("OAUTH_REDIRECT_URL", "https://localhost:8082/oauth/callback", 9),
		_literal("PASSENGER_APP_ENV", "production", 10),
	]})]

	rule.deny == set() with input as _input(services)
}

test_success_exempt_names_and_placeholders if {
	services := [_service("db", {"environment": [
		_literal("TOKEN_TTL", "3600", 4),
		_literal("POSTGRES_PASSWORD", "CHANGE_ME", 5),
	]})]
	params := {"exempt_names": ["token_ttl"], "placeholder_values": ["CHANGE_ME"]}

	rule.deny == set() with input as object.union(_input(services), {"backlog": {"items": {"C-13": {"params": params}}}})
}

test_fail_only_urls_without_name_patterns if {
	services := [_service("db", {"environment": [
		_literal("POSTGRES_PASSWORD", "hunter2", 4),
		_literal("DATABASE_URL", "postgres://app:s3cret@db/app", 5),
	]})]
	params := {"name_patterns": []}

	rule.deny == {_finding(
		"db",
		_compose_message("db", "DATABASE_URL", "a URL that contains a literal password", "in its environment"),
		_loc("compose.yaml", 5),
	)} with input as object.union(_input(services), {"backlog": {"items": {"C-13": {"params": params}}}})
}

test_success_no_input if {
	rule.deny == set() with input as {"projects": [], "dockerfiles": {}}
}
