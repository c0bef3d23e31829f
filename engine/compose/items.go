package compose

import (
	"os"
	"path"
	"strings"

	"github.com/compose-spec/compose-go/v2/format"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

func (c converter) volumes() []input.Volume {
	volumes := []input.Volume{}
	for _, v := range c.service.Volumes {
		volume := input.Volume{
			Type:     v.Type,
			Source:   c.volumeSource(v),
			Target:   v.Target,
			ReadOnly: v.ReadOnly,
			Location: c.serviceLocation(),
		}

		if it, ok := findItem(c.layers, matchVolume(v), "volumes"); ok {
			volume.Location = it.location()
			volume.Raw = itemText(it)
			volume.Variables = variableNames(volume.Raw)
		}
		volumes = append(volumes, volume)
	}

	return volumes
}

// volumeSource makes bind sources inside the root relative to it, so the
// input does not depend on where the repository is checked out.
func (c converter) volumeSource(v types.ServiceVolumeConfig) string {
	if v.Type == types.VolumeTypeBind && strings.HasPrefix(v.Source, c.root+string(os.PathSeparator)) {
		return "./" + relativePath(c.root, v.Source)
	}

	return v.Source
}

// matchVolume matches the item that mounts v's target, which is unique
// within a service because Compose rejects two mounts on one target.
// compose-go cleans the target, so "/data/" matches "/data".
func matchVolume(v types.ServiceVolumeConfig) func(item) bool {
	return func(it item) bool {
		value := resolveAlias(it.value)
		if value.Kind == yaml.MappingNode {
			target, ok := lookup(value, "target")
			return ok && path.Clean(it.file.interpolate(scalarText(target.value))) == path.Clean(v.Target)
		}

		parsed, err := format.ParseVolume(it.file.interpolate(value.Value))
		return err == nil && path.Clean(parsed.Target) == path.Clean(v.Target)
	}
}

// environment lists the service's environment sorted by name. Entries
// written under environment point there; entries from an env_file point
// at their line in that file.
func (c converter) environment() []input.EnvVar {
	env := []input.EnvVar{}
	for _, name := range sortedKeys(c.service.Environment) {
		v := input.EnvVar{
			Name:     name,
			Value:    c.service.Environment[name],
			Source:   "environment",
			Location: c.serviceLocation(),
		}

		if it, ok := findItem(c.layers, matchName(name), "environment"); ok {
			v.Location = it.location()
			v.Raw = valueText(it)
			v.Variables = variableNames(v.Raw)
		} else if path, loc, ok := c.envFileEntry(name); ok {
			v.Source = path
			v.Location = loc
		}
		env = append(env, v)
	}

	return env
}

func (c converter) labels() []input.Label {
	labels := []input.Label{}
	for _, name := range sortedKeys(c.service.Labels) {
		label := input.Label{Name: name, Value: c.service.Labels[name], Location: c.serviceLocation()}
		if it, ok := findItem(c.layers, matchName(name), "labels"); ok {
			label.Location = it.location()
		}
		labels = append(labels, label)
	}

	return labels
}

func (c converter) secrets() []input.Scalar {
	secrets := []input.Scalar{}
	for _, s := range c.service.Secrets {
		secret := input.Scalar{Value: s.Source, Location: c.serviceLocation()}
		if it, ok := findItem(c.layers, matchName(s.Source), "secrets"); ok {
			secret.Location = it.location()
		}
		secrets = append(secrets, secret)
	}

	return secrets
}

// matchName matches an element by its name: a mapping key, the part of a
// list item before "=" or ":", or a long-syntax item's source. Keys are
// compared as written, because Compose does not interpolate keys; values
// are compared after interpolation.
func matchName(name string) func(item) bool {
	return func(it item) bool {
		if it.key != nil {
			return it.key.Value == name
		}

		value := resolveAlias(it.value)
		if value.Kind == yaml.MappingNode {
			source, ok := lookup(value, "source")
			return ok && it.file.interpolate(scalarText(source.value)) == name
		}

		key, _, _ := strings.Cut(it.file.interpolate(value.Value), "=")
		key, _, _ = strings.Cut(key, ":")

		return strings.TrimSpace(key) == name
	}
}

// itemText returns the text of a short-syntax item, or "" for long syntax.
func itemText(it item) string {
	return it.text()
}

// valueText returns the value part of a NAME=VALUE item or of a mapping
// element.
func valueText(it item) string {
	if it.key != nil {
		if v := resolveAlias(it.value); v != nil && v.Kind == yaml.ScalarNode {
			return v.Value
		}
		return ""
	}

	_, value, _ := strings.Cut(it.text(), "=")

	return value
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}
