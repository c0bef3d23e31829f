package compose

import (
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/format"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v4"

	"github.com/berth-policy/berth/engine/input"
)

// ports converts the published ports. compose-go expands a range into one
// port per number. Consecutive ports written by the same item are joined
// back into one range, so a finding points at the item once.
func (c converter) ports() []input.Port {
	ports := []input.Port{}
	for _, p := range c.service.Ports {
		port := input.Port{
			HostIP:    p.HostIP,
			Published: p.Published,
			Target:    int(p.Target),
			Protocol:  p.Protocol,
			Location:  c.serviceLocation(),
		}
		if port.Protocol == "" {
			port.Protocol = "tcp"
		}
		port.PublishedStart, port.PublishedEnd = portRange(p.Published)

		if it, ok := findItem(c.layers, c.matchPort(p), "ports"); ok {
			port.Location = it.location()
			port.Raw = itemText(it)
			port.Variables = variableNames(port.Raw)
			port.Unresolved = c.unresolved(port.Raw)
		}

		if n := len(ports); n > 0 && extendsRange(ports[n-1], port) {
			ports[n-1].PublishedEnd = port.PublishedEnd
			ports[n-1].Published = strconv.Itoa(ports[n-1].PublishedStart) + "-" + strconv.Itoa(port.PublishedEnd)
			continue
		}
		ports = append(ports, port)
	}

	return ports
}

// extendsRange reports whether next continues prev's range from the same
// item.
func extendsRange(prev, next input.Port) bool {
	return prev.Location == next.Location && prev.Raw == next.Raw && prev.Raw != "" &&
		prev.HostIP == next.HostIP && prev.Protocol == next.Protocol &&
		prev.PublishedEnd > 0 && next.PublishedStart == prev.PublishedEnd+1 &&
		next.PublishedStart == next.PublishedEnd
}

// portRange parses "8080" or "8000-8010"; both are zero when published is
// empty or not numeric.
func portRange(published string) (int, int) {
	first, last, isRange := strings.Cut(published, "-")

	start, err := strconv.Atoi(first)
	if err != nil {
		return 0, 0
	}
	if !isRange {
		return start, start
	}

	end, err := strconv.Atoi(last)
	if err != nil || end < start {
		return start, start
	}

	return start, end
}

func (c converter) matchPort(p types.ServicePortConfig) func(item) bool {
	return func(it item) bool {
		value := resolveAlias(it.value)
		if value.Kind == yaml.MappingNode {
			target, _ := lookup(value, "target")
			return target.value != nil && c.l.interpolate(target.value.Value) == strconv.Itoa(int(p.Target))
		}

		parsed, err := types.ParsePortConfig(c.l.interpolate(value.Value))
		if err != nil {
			return false
		}
		for _, candidate := range parsed {
			if candidate.Target == p.Target && candidate.Published == p.Published && candidate.HostIP == p.HostIP {
				return true
			}
		}

		return false
	}
}

// unresolved lists the variables in raw that have no value and no default.
func (c converter) unresolved(raw string) []string {
	var names []string
	for _, r := range references(raw) {
		if _, ok := c.project.Environment[r.name]; !ok && !r.hasDefault() {
			names = append(names, r.name)
		}
	}

	return names
}

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

		if it, ok := findItem(c.layers, c.matchVolume(v), "volumes"); ok {
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

func (c converter) matchVolume(v types.ServiceVolumeConfig) func(item) bool {
	return func(it item) bool {
		value := resolveAlias(it.value)
		if value.Kind == yaml.MappingNode {
			target, _ := lookup(value, "target")
			return target.value != nil && c.l.interpolate(target.value.Value) == v.Target
		}

		parsed, err := format.ParseVolume(c.l.interpolate(value.Value))
		return err == nil && parsed.Target == v.Target
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

// envFileEntry finds the line of name in the service's env files, the
// last file first because later files win.
func (c converter) envFileEntry(name string) (string, input.Location, bool) {
	files := c.service.EnvFiles
	for i := len(files) - 1; i >= 0; i-- {
		content, err := os.ReadFile(files[i].Path)
		if err != nil {
			continue
		}

		path := relativePath(c.root, files[i].Path)
		for n, line := range splitLines(content) {
			trimmed := strings.TrimLeft(line, " \t")
			trimmed = strings.TrimPrefix(trimmed, "export ")
			key, _, _ := strings.Cut(trimmed, "=")
			if strings.TrimSpace(key) == name {
				start := len(line) - len(strings.TrimLeft(line, " \t"))
				return path, input.Location{
					File:      path,
					Line:      n + 1,
					Column:    input.UTF16Column(line, start),
					EndLine:   n + 1,
					EndColumn: input.UTF16Column(line, len(line)),
				}, true
			}
		}
	}

	return "", input.Location{}, false
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

func (c converter) dependsOn() []input.ServiceLink {
	links := []input.ServiceLink{}
	for _, name := range sortedKeys(c.service.DependsOn) {
		link := input.ServiceLink{
			Service:   name,
			Condition: c.service.DependsOn[name].Condition,
			Known:     c.known(name),
			Location:  c.serviceLocation(),
		}
		if it, ok := findItem(c.layers, matchName(name), "depends_on"); ok {
			link.Location = it.location()
		}
		links = append(links, link)
	}

	return links
}

// links converts links or volumes_from entries, written as SERVICE or
// SERVICE:SUFFIX. volumes_from entries that name a container are skipped.
func (c converter) links(values []string, key string) []input.ServiceLink {
	links := []input.ServiceLink{}
	for _, value := range values {
		if strings.HasPrefix(value, "container:") {
			continue
		}

		name, _, _ := strings.Cut(value, ":")
		link := input.ServiceLink{Service: name, Known: c.known(name), Location: c.serviceLocation()}
		if it, ok := findItem(c.layers, matchName(name), key); ok {
			link.Location = it.location()
		}
		links = append(links, link)
	}

	sort.SliceStable(links, func(i, j int) bool { return links[i].Service < links[j].Service })

	return links
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

// known reports whether the project has a service called name, among the
// active and the disabled ones.
func (c converter) known(name string) bool {
	if _, ok := c.project.Services[name]; ok {
		return true
	}
	_, ok := c.project.DisabledServices[name]

	return ok
}

// matchName matches an element by its name: a mapping key, the part of a
// list item before "=" or ":", or a long-syntax item's source.
func matchName(name string) func(item) bool {
	return func(it item) bool {
		if it.key != nil {
			return it.key.Value == name
		}

		value := resolveAlias(it.value)
		if value.Kind == yaml.MappingNode {
			source, ok := lookup(value, "source")
			return ok && source.value.Value == name
		}

		key, _, _ := strings.Cut(value.Value, "=")
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
