package compose

import (
	"context"
	"errors"
	"sort"
	"testing"

	"github.com/berth-policy/berth/internal/sharedtest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/berth-policy/berth/engine/discovery"
	"github.com/berth-policy/berth/engine/input"
)

// corpusDir returns the corpus of public stacks, or skips.
func corpusDir(t *testing.T) string {
	t.Helper()

	return sharedtest.Corpus(t)
}

// corpusLoadErrors are the projects of the corpus that Docker Compose
// itself rejects without their deployment's .env or secrets, keyed by
// their files, with the part of the message berth reports that does not
// depend on map order.
var corpusLoadErrors = map[string]string{
	"compose-spec__compose-go/loader/testdata/include/dir/compose.yaml":                                "env file compose-spec__compose-go/loader/testdata/include/dir/extra.env not found",
	"compose-spec__compose-go/loader/testdata/remote/cycle/compose.yaml":                               "remote:cycle/compose-cycle.yaml: no such file or directory",
	"compose-spec__compose-go/loader/testdata/remote/nested/compose.yaml":                              "remote:nested/compose-nested.yaml: no such file or directory",
	"docker__compose/pkg/e2e/fixtures/env_file/compose.yaml":                                           "env file /doesnotexist/.env not found",
	"goauthentik__authentik/docker-compose.yml":                                                        "required variable PG_PASS is missing a value: database password required",
	"immich-app__immich/docker/docker-compose.yml":                                                     "the volume has an empty source, so a variable in it is probably unset",
	"immich-app__immich/docker/docker-compose.yml + immich-app__immich/docker/docker-compose.dev.yml":  "the volume has an empty source",
	"immich-app__immich/docker/docker-compose.yml + immich-app__immich/docker/docker-compose.prod.yml": "the volume has an empty source",
	"mastodon__mastodon/docker-compose.yml":                                                            "env file mastodon__mastodon/.env.production not found",
	"mattermost__docker/docker-compose.yml":                                                            "services.mattermost.read_only: failed to cast to expected type: invalid boolean",
	"mattermost__docker/docker-compose.yml + mattermost__docker/docker-compose.nginx.yml":              "invalid boolean",
	"mattermost__docker/docker-compose.yml + mattermost__docker/docker-compose.without-nginx.yml":      "invalid boolean",
	"supabase__supabase/docker/docker-compose.yml":                                                     "invalid spec: :/var/run/docker.sock:ro,z",
	"zulip__docker-zulip/compose.yaml":                                                                 "refers to undefined secret",
	"zulip__docker-zulip/ci/certbot/compose.yaml":                                                      "has neither an image nor a build context specified",
	"zulip__docker-zulip/ci/config/compose.yaml":                                                       "has neither an image nor a build context specified",
	"zulip__docker-zulip/ci/manual_configuration/compose.yaml":                                         "has neither an image nor a build context specified",
	"zulip__docker-zulip/ci/memory/compose.yaml":                                                       "has neither an image nor a build context specified",
	"zulip__docker-zulip/ci/settings/compose.yaml":                                                     "has neither an image nor a build context specified",
}

func TestLoadCorpus(t *testing.T) {
	root := corpusDir(t)

	found, err := discovery.Find(root, nil)
	require.NoError(t, err)
	require.NotEmpty(t, found.Projects)

	var failures []string
	for _, files := range found.Projects {
		first := relativePath(root, files[0])
		if len(files) > 1 {
			first += " + " + relativePath(root, files[len(files)-1])
		}

		t.Run(first, func(t *testing.T) {
			p, err := Load(context.Background(), files, Options{Root: root})
			if want, ok := corpusLoadErrors[first]; ok {
				var le input.LoadError
				require.True(t, errors.As(err, &le), "want a load error, got %v", err)
				assert.Contains(t, le.Message, want)
				assert.GreaterOrEqual(t, le.Line, 1)
				return
			}
			if err != nil {
				failures = append(failures, first+": "+err.Error())
				t.Errorf("load: %v", err)
				return
			}

			for _, s := range p.Services {
				assertLocated(t, s.Name, s.Location)
				for _, port := range s.Ports {
					assertLocated(t, s.Name+" port", port.Location)
				}
				for _, v := range s.Volumes {
					assertLocated(t, s.Name+" volume", v.Location)
				}
				for _, e := range s.Environment {
					assertLocated(t, s.Name+" environment "+e.Name, e.Location)
				}
			}
		})
	}

	sort.Strings(failures)
	for _, f := range failures {
		t.Log(f)
	}
}

func assertLocated(t *testing.T, subject string, loc input.Location) {
	t.Helper()

	assert.NotEmpty(t, loc.File, "%s has no file", subject)
	assert.GreaterOrEqual(t, loc.Line, 1, "%s has no line", subject)
	assert.GreaterOrEqual(t, loc.Column, 1, "%s has no column", subject)
}
