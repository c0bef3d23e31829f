package compose

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/berth-policy/berth/engine/input"
)

// convertProject builds the input's view of a loaded project, locating each
// value in the YAML that wrote it last.
func convertProject(project *types.Project, files []string, src *sources, opts Options) input.Project {
	l := newLayering(src, files, project.Environment)
	profiles := activeProfiles(project, opts)

	out := input.Project{
		Name:     project.Name,
		Dir:      relativePath(opts.Root, filepath.Dir(files[0])),
		Host:     project.Name,
		Services: []input.Service{},
		Volumes:  []input.NamedResource{},
	}
	for _, abs := range files {
		out.Files = append(out.Files, relativePath(opts.Root, abs))
	}

	names := make([]string, 0, len(project.Services))
	for name := range project.Services {
		names = append(names, name)
	}
	sort.Strings(names)

	for _, name := range names {
		service := project.Services[name]
		layers := l.serviceLayers(name)
		c := converter{l: l, layers: layers, service: service, project: project, root: opts.Root}
		converted := c.convert()
		converted.Active = isActive(service, profiles)
		out.Services = append(out.Services, converted)
	}

	out.Volumes = l.namedResources("volumes", project.Volumes)
	out.Variables = variableUses(src, files, project.Environment)

	return out
}

// namedResources lists top-level volumes with the location of their keys,
// in the last file that writes them.
func (l *layering) namedResources(section string, volumes types.Volumes) []input.NamedResource {
	names := make([]string, 0, len(volumes))
	for name := range volumes {
		names = append(names, name)
	}
	sort.Strings(names)

	resources := []input.NamedResource{}
	for _, name := range names {
		loc, _ := l.locatePath([]string{section, name})
		resources = append(resources, input.NamedResource{
			Name:     name,
			External: bool(volumes[name].External),
			Location: loc,
		})
	}

	return resources
}

// converter turns one resolved service into the input's Service.
type converter struct {
	l       *layering
	layers  []layer
	service types.ServiceConfig
	project *types.Project
	root    string
}

func (c converter) convert() input.Service {
	s := c.service
	out := input.Service{
		Name:        s.Name,
		Profiles:    append([]string{}, s.Profiles...),
		Location:    c.serviceLocation(),
		Ports:       c.ports(),
		Volumes:     c.volumes(),
		Environment: c.environment(),
		Labels:      c.labels(),
		DependsOn:   c.dependsOn(),
		Links:       c.links(s.Links, "links"),
		VolumesFrom: c.links(s.VolumesFrom, "volumes_from"),
		Secrets:     c.secrets(),
		Networks:    sortedKeys(s.Networks),
	}

	out.Image = c.scalar(s.Image, "image")
	out.ContainerName = c.scalar(s.ContainerName, "container_name")
	out.User = c.scalar(s.User, "user")
	out.Runtime = c.scalar(s.Runtime, "runtime")
	out.NetworkMode = c.scalar(s.NetworkMode, "network_mode")
	out.Restart = c.written("restart")
	out.Build = c.build()
	out.Healthcheck = c.healthcheck()
	out.GPU = c.gpu()

	return out
}

// serviceLocation points at the service's key in the highest-precedence
// file that defines it.
func (c converter) serviceLocation() input.Location {
	if len(c.layers) == 0 {
		return input.Location{}
	}

	top := c.layers[len(c.layers)-1]

	return top.file.locate(top.key)
}

// scalar returns value located where the highest layer writes it, or nil
// when value is empty.
func (c converter) scalar(value string, key string) *input.Scalar {
	if value == "" {
		return nil
	}

	out := &input.Scalar{Value: value, Location: c.serviceLocation()}
	if f, ok := findKey(c.layers, key); ok {
		out.Location = f.file.locate(f.entry.value)
		out.Raw = scalarText(f.entry.value)
		out.Variables = variableNames(out.Raw)
	}

	return out
}

// written returns a scalar only when some layer writes key, so that
// defaults that compose-go fills in are not mistaken for choices.
func (c converter) written(key string) *input.Scalar {
	f, ok := findKey(c.layers, key)
	if !ok {
		return nil
	}

	raw := scalarText(f.entry.value)

	return &input.Scalar{
		Value:     f.file.interpolate(raw),
		Raw:       raw,
		Variables: variableNames(raw),
		Location:  f.file.locate(f.entry.value),
	}
}

func (c converter) build() *input.Build {
	b := c.service.Build
	if b == nil {
		return nil
	}

	out := &input.Build{Target: b.Target, Inline: b.DockerfileInline != "", Args: c.buildArgs()}
	if f, ok := findKey(c.layers, "build"); ok {
		out.Location = f.location()
	}

	if isRemote(b.Context) {
		out.Remote = true
		out.Context = b.Context
		return out
	}

	out.Context = relativePath(c.root, b.Context)
	if out.Inline {
		return out
	}

	dockerfile := b.Dockerfile
	if dockerfile == "" {
		dockerfile = "Dockerfile"
	}
	if !filepath.IsAbs(dockerfile) {
		dockerfile = filepath.Join(b.Context, dockerfile)
	}
	out.Dockerfile = relativePath(c.root, dockerfile)
	out.DockerfileExists = fileExists(dockerfile)

	return out
}

// buildArgs lists the build arguments sorted by name, each located at its
// entry under build.args.
func (c converter) buildArgs() []input.EnvVar {
	args := []input.EnvVar{}
	for _, name := range sortedKeys(c.service.Build.Args) {
		arg := input.EnvVar{
			Name:     name,
			Value:    c.service.Build.Args[name],
			Source:   "build.args",
			Location: c.serviceLocation(),
		}
		if it, ok := findItem(c.layers, matchName(name), "build", "args"); ok {
			arg.Location = it.location()
			arg.Raw = valueText(it)
			arg.Variables = variableNames(arg.Raw)
		}
		args = append(args, arg)
	}

	return args
}

// isRemote reports whether a build context is a Git or HTTP URL, which
// berth does not fetch.
func isRemote(context string) bool {
	for _, prefix := range []string{"http://", "https://", "git://", "git@", "github.com/", "ssh://"} {
		if strings.HasPrefix(context, prefix) {
			return true
		}
	}

	return false
}

func (c converter) healthcheck() *input.Healthcheck {
	h := c.service.HealthCheck
	if h == nil {
		return nil
	}

	out := &input.Healthcheck{
		Test:    append([]string{}, h.Test...),
		Disable: h.Disable || len(h.Test) > 0 && h.Test[0] == "NONE",
	}
	if out.Test == nil {
		out.Test = []string{}
	}
	if f, ok := findKey(c.layers, "healthcheck"); ok {
		out.Location = f.location()
	}
	if f, ok := findKey(c.layers, "healthcheck", "test"); ok {
		loc := f.location()
		out.TestLocation = &loc
	}
	if f, ok := findKey(c.layers, "healthcheck", "disable"); ok {
		loc := f.location()
		out.DisableLocation = &loc
	}

	return out
}

// gpu records a GPU request made through a device reservation with the gpu
// capability or an nvidia driver, through gpus, or through runtime: nvidia.
func (c converter) gpu() *input.GPU {
	s := c.service

	if s.Deploy != nil && s.Deploy.Resources.Reservations != nil {
		for _, d := range s.Deploy.Resources.Reservations.Devices {
			if containsFold(d.Capabilities, "gpu") || strings.EqualFold(d.Driver, "nvidia") {
				f, _ := findKey(c.layers, "deploy", "resources", "reservations", "devices")
				return &input.GPU{Reserved: true, Location: f.location()}
			}
		}
	}

	if len(s.Gpus) > 0 {
		f, _ := findKey(c.layers, "gpus")
		return &input.GPU{Reserved: true, Location: f.location()}
	}

	if strings.EqualFold(s.Runtime, "nvidia") {
		f, _ := findKey(c.layers, "runtime")
		return &input.GPU{Reserved: true, Location: f.location()}
	}

	return nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}

	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	return keys
}
