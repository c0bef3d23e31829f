package report

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// GitHub code scanning tracks an alert across commits by
// partialFingerprints.primaryLocationLineHash. The upload-sarif step of
// github/codeql-action (src/fingerprints.ts) fills it in when a result has
// none and keeps a value that is already there, so the hash below must
// match that implementation bit for bit.
//
// It is a polynomial rolling hash over UTF-16 code units with spaces and
// tabs removed and \r\n and \r turned into \n. A line's hash covers the
// hashWindow units that start at its first unit, running into the
// following lines, then a 0xFFFF end-of-file marker, then zeros. Equal
// hashes get a running count, so the value reads "<hex>:<n>".
const (
	hashWindow = 100
	hashBase   = 37
	hashEOF    = 0xFFFF
)

// LineHashes returns the primaryLocationLineHash of every line of content,
// the hash of line n at index n-1. Baselines match findings by it.
func LineHashes(content []byte) []string {
	return lineHashes(content)
}

// lineHashes returns the primaryLocationLineHash of every line of content.
// The hash of line n is at index n-1. When content ends with a line break,
// the slice also holds a hash for the empty line after it, as GitHub's
// implementation computes one.
func lineHashes(content []byte) []string {
	h := newLineHasher()
	forEachUTF16Unit(content, h.add)
	h.add(hashEOF)
	h.flush()

	return h.hashes
}

// lineHasher holds the rolling state. It processes one code unit per add.
type lineHasher struct {
	window [hashWindow]uint64

	// lineStarts[i] is the 1-based number of the line that starts at
	// window[i], or 0 when no line starts there.
	lineStarts [hashWindow]int

	// firstPower is hashBase to the power hashWindow, the weight of the
	// unit that leaves the window. Arithmetic wraps at 64 bits, as with
	// the Long type that codeql-action uses.
	firstPower  uint64
	hash        uint64
	index       int
	line        int
	atLineStart bool
	afterCR     bool
	counts      map[uint64]int
	hashes      []string
}

func newLineHasher() *lineHasher {
	h := &lineHasher{
		firstPower:  1,
		atLineStart: true,
		counts:      make(map[uint64]int),
	}
	for range hashWindow {
		h.firstPower *= hashBase
	}

	return h
}

func (h *lineHasher) add(unit uint16) {
	c := uint64(unit)

	if c == ' ' || c == '\t' || (h.afterCR && c == '\n') {
		h.afterCR = false

		return
	}

	h.afterCR = c == '\r'
	if h.afterCR {
		c = '\n'
	}

	// The window has come round to a line's first unit, so the hash now
	// covers exactly the hashWindow units that start that line.
	if h.lineStarts[h.index] != 0 {
		h.emit()
	}

	if h.atLineStart {
		h.atLineStart = false
		h.line++
		h.lineStarts[h.index] = h.line
	}
	h.atLineStart = c == '\n'

	h.roll(c)
}

// flush pads the input with zeros until every line has had its hash.
func (h *lineHasher) flush() {
	for range hashWindow {
		if h.lineStarts[h.index] != 0 {
			h.emit()
		}
		h.roll(0)
	}
}

func (h *lineHasher) roll(c uint64) {
	leaving := h.window[h.index]
	h.window[h.index] = c
	h.hash = hashBase*h.hash + c - h.firstPower*leaving
	h.index = (h.index + 1) % hashWindow
}

// emit records the hash of the line that starts at the current index.
// Lines are emitted in order, because each is emitted exactly hashWindow
// units after its start.
func (h *lineHasher) emit() {
	h.counts[h.hash]++
	h.hashes = append(h.hashes, strconv.FormatUint(h.hash, 16)+":"+strconv.Itoa(h.counts[h.hash]))
	h.lineStarts[h.index] = 0
}

// forEachUTF16Unit decodes content as UTF-8 and calls fn with each UTF-16
// code unit, as JavaScript's charCodeAt returns them. A byte order mark
// is kept, as Node's Buffer.toString keeps it.
//
// NOTE: an invalid sequence becomes one U+FFFD per maximal subpart, the
// WHATWG decoding rule that Node follows. Go's own decoder would give one
// U+FFFD per byte and so shift the hashes of the lines around it.
func forEachUTF16Unit(content []byte, fn func(uint16)) {
	for len(content) > 0 {
		r, size := utf8.DecodeRune(content)
		if r == utf8.RuneError && size <= 1 {
			size = invalidSequenceLength(content)
		}
		content = content[size:]

		if r >= 0x10000 {
			high, low := utf16.EncodeRune(r)
			fn(uint16(high))
			fn(uint16(low))

			continue
		}

		fn(uint16(r))
	}
}

// invalidSequenceLength returns the length of the maximal subpart at the
// start of b, which must not begin with a valid UTF-8 sequence: the lead
// byte and the continuation bytes that could still have completed it.
func invalidSequenceLength(b []byte) int {
	lo, hi := byte(0x80), byte(0xBF)

	var continuations int
	switch c := b[0]; {
	case 0xC2 <= c && c <= 0xDF:
		continuations = 1
	case c == 0xE0:
		continuations, lo = 2, 0xA0
	case c == 0xED:
		continuations, hi = 2, 0x9F
	case 0xE1 <= c && c <= 0xEF:
		continuations = 2
	case c == 0xF0:
		continuations, lo = 3, 0x90
	case c == 0xF4:
		continuations, hi = 3, 0x8F
	case 0xF1 <= c && c <= 0xF3:
		continuations = 3
	default:
		return 1
	}

	n := 1
	for n <= continuations && n < len(b) && lo <= b[n] && b[n] <= hi {
		n++
		lo, hi = 0x80, 0xBF
	}

	return n
}
