package report

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/berth-policy/berth/engine/finding"
	"github.com/berth-policy/berth/engine/input"
)

// artifactRef is the URI of a file in the SARIF log.
type artifactRef struct {
	// uri is relative to %SRCROOT% unless absolute is set.
	uri      string
	absolute bool
}

// runBuilder converts findings and load errors to SARIF objects for one
// run. It assigns artifact indices up front, so it must see every file the
// run refers to when it is created.
type runBuilder struct {
	root string

	refs  []artifactRef
	index map[string]int

	// lineHashes caches the line hashes of each file by path, nil when the
	// file could not be read.
	lineHashes map[string][]string
}

func newRunBuilder(opts Options, r finding.Report) (*runBuilder, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("resolve report root %q: %w", opts.Root, err)
	}

	b := &runBuilder{root: root, index: make(map[string]int), lineHashes: make(map[string][]string)}

	files := make(map[artifactRef]bool)
	add := func(l input.Location) {
		if !l.IsZero() {
			files[b.ref(l.File)] = true
		}
	}
	for _, f := range r.Findings {
		add(f.Location)
		if f.Suppression != nil {
			add(f.Suppression.Location)
		}
	}
	for _, e := range r.Errors {
		add(e.Location)
	}
	for _, w := range r.Warnings {
		add(w.Location)
	}

	for ref := range files {
		b.refs = append(b.refs, ref)
	}
	slices.SortFunc(b.refs, func(x, y artifactRef) int { return strings.Compare(x.uri, y.uri) })
	for i, ref := range b.refs {
		b.index[ref.uri] = i
	}

	return b, nil
}

// ref returns where file appears in the log: a path under the root becomes
// a relative URI, with forward slashes and percent-encoding, that resolves
// against %SRCROOT%. Other absolute paths become file:// URIs.
func (b *runBuilder) ref(file string) artifactRef {
	if filepath.IsAbs(file) {
		rel, err := filepath.Rel(b.root, file)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return artifactRef{uri: absoluteFileURI(file), absolute: true}
		}
		file = rel
	}

	return artifactRef{uri: relativeURI(path.Clean(filepath.ToSlash(file)))}
}

// relativeURI percent-encodes a slash-separated relative path. A colon is
// encoded too, so that a first segment such as "a:b" cannot be read as a
// URI scheme.
func relativeURI(p string) string {
	segments := strings.Split(p, "/")
	for i, s := range segments {
		segments[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}

	return strings.Join(segments, "/")
}

func absoluteFileURI(file string) string {
	p := filepath.ToSlash(file)
	if !strings.HasPrefix(p, "/") {
		// A Windows path such as C:/x needs a slash before the drive.
		p = "/" + p
	}

	return (&url.URL{Scheme: "file", Path: p}).String()
}

// artifacts returns the distinct files of the run, sorted by URI, with
// their length and language. An artifact with only a location adds
// nothing to the log, so validators such as the SARIF multitool warn
// about it.
func (b *runBuilder) artifacts() []*sarif.Artifact {
	list := make([]*sarif.Artifact, 0, len(b.refs))
	for _, ref := range b.refs {
		artifact := sarif.NewArtifact().WithLocation(b.artifactLocation(ref, false))
		if info, err := os.Stat(b.filePath(ref)); err == nil && !info.IsDir() {
			artifact.WithLength(int(info.Size()))
		}
		if language := sourceLanguage(ref.uri); language != "" {
			artifact.WithSourceLanguage(language)
		}
		list = append(list, artifact)
	}

	return list
}

// filePath returns the file on disk that ref names.
func (b *runBuilder) filePath(ref artifactRef) string {
	if ref.absolute {
		if u, err := url.Parse(ref.uri); err == nil {
			return u.Path
		}
		return ""
	}

	p, err := url.PathUnescape(ref.uri)
	if err != nil {
		return ""
	}

	return filepath.Join(b.root, filepath.FromSlash(p))
}

// sourceLanguage names the language of the files berth loads, in the
// lower-case form SARIF viewers use for syntax highlighting.
func sourceLanguage(uri string) string {
	base := strings.ToLower(path.Base(uri))
	switch {
	case strings.HasSuffix(base, ".yml"), strings.HasSuffix(base, ".yaml"):
		return "yaml"
	case strings.HasSuffix(base, ".hcl"):
		return "hcl"
	case strings.HasSuffix(base, ".txt"):
		return "pip-requirements"
	case base == "dockerfile", base == "containerfile", strings.HasPrefix(base, "dockerfile."), strings.HasSuffix(base, ".dockerfile"):
		return "dockerfile"
	default:
		return ""
	}
}

func (b *runBuilder) artifactLocation(ref artifactRef, withIndex bool) *sarif.ArtifactLocation {
	loc := sarif.NewArtifactLocation().WithURI(ref.uri)
	if !ref.absolute {
		loc.WithURIBaseID(sourceRootID)
	}
	if withIndex {
		loc.WithIndex(b.index[ref.uri])
	}

	return loc
}

// location converts a source location. A location without a line has no
// region, and unknown columns and ends are left out rather than written
// as 0.
func (b *runBuilder) location(l input.Location) *sarif.Location {
	physical := sarif.NewPhysicalLocation().WithArtifactLocation(b.artifactLocation(b.ref(l.File), true))

	if l.Line > 0 {
		region := sarif.NewRegion().WithStartLine(l.Line)
		if l.Column > 0 {
			region.WithStartColumn(l.Column)
		}

		// An end before the start would make the region invalid, so such an
		// end is left out.
		endLine := l.Line
		if l.EndLine >= l.Line {
			endLine = l.EndLine
			region.WithEndLine(endLine)
		}
		if l.EndColumn > 0 && (endLine > l.Line || l.EndColumn >= max(l.Column, 1)) {
			region.WithEndColumn(l.EndColumn)
		}

		physical.WithRegion(region)
	}

	return sarif.NewLocationWithPhysicalLocation(physical)
}

func (b *runBuilder) result(f finding.Finding, ruleIndex int) *sarif.Result {
	res := sarif.NewRuleResult(f.RuleID).WithRuleIndex(ruleIndex)
	res.Level = string(f.Level)
	res.WithMessage(sarif.NewTextMessage(f.Message))

	// NOTE: a finding without a file gives a result without locations.
	// SARIF allows that, but GitHub code scanning needs a location to
	// annotate the code.
	if !f.Location.IsZero() {
		res.AddLocation(b.location(f.Location))

		if hash := b.lineHash(f.Location); hash != "" {
			res.PartialFingerprints = map[string]string{"primaryLocationLineHash": hash}
		}
	}

	if f.BaselineState != "" {
		res.WithBaselineState(f.BaselineState)
	}

	if s := f.Suppression; s != nil {
		suppression := sarif.NewSuppression().WithKind(suppressionKind(s.Kind)).WithStatus("accepted")
		if s.Justification != "" {
			suppression.WithJustification(s.Justification)
		}
		if !s.Location.IsZero() {
			suppression.WithLocation(b.location(s.Location))
		}
		res.Suppressions = []*sarif.Suppression{suppression}
	}

	return res
}

// suppressionKind returns kind when SARIF allows it. SARIF defines
// only inSource and external, and a suppression that is not written in the
// source file is external.
func suppressionKind(kind string) string {
	if kind == "inSource" {
		return kind
	}

	return "external"
}

// lineHash returns the primaryLocationLineHash of the line l starts on, or
// "" when the file cannot be read or has no such line. A location without
// a line uses line 1, as GitHub does.
func (b *runBuilder) lineHash(l input.Location) string {
	file := l.File
	if !filepath.IsAbs(file) {
		file = filepath.Join(b.root, file)
	}

	hashes, ok := b.lineHashes[file]
	if !ok {
		hashes = readLineHashes(file)
		b.lineHashes[file] = hashes
	}

	line := max(l.Line, 1)
	if line > len(hashes) {
		return ""
	}

	return hashes[line-1]
}

// readLineHashes returns nil for a file that cannot be read. A missing
// fingerprint is harmless, because upload-sarif computes it from the
// checked-out file.
func readLineHashes(file string) []string {
	content, err := os.ReadFile(file)
	if err != nil {
		return nil
	}

	return lineHashes(content)
}

// invocation records whether every file loaded, with one error
// notification per load error.
func (b *runBuilder) invocation(errs, warnings []input.LoadError) *sarif.Invocation {
	inv := sarif.NewInvocation().WithExecutionSuccessful(len(errs) == 0)

	for _, e := range errs {
		inv.AddToolExecutionNotification(b.notification(sarif.LevelError, e))
	}
	for _, w := range warnings {
		inv.AddToolExecutionNotification(b.notification(sarif.LevelWarning, w))
	}

	return inv
}

func (b *runBuilder) notification(level string, e input.LoadError) *sarif.Notification {
	n := sarif.NewNotification().WithLevel(level).WithMessage(sarif.NewTextMessage(e.Message))
	if !e.Location.IsZero() {
		n.AddLocation(b.location(e.Location))
	}

	return n
}
