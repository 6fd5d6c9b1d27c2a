package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Stage 1: text → sentences and tokens, with code-point offsets.

// tokKind classifies a token.
type tokKind uint8

const (
	tokWord  tokKind = iota // letters, digits, and the dots of abbreviations ("U.S.")
	tokNum                  // starts with a digit
	tokPunct                // any other single rune
)

// token is one word, number or punctuation mark of a sentence.
type token struct {
	text       string // as in the text
	norm       string // folded: lower case, no accents, straight quotes
	key        string // norm without dots: what names are matched by
	start, end int    // code-point offsets into the article text
	kind       tokKind
	upper      bool   // starts with an upper-case letter
	caps       bool   // all letters upper case, at least two of them ("NATO", "U.S.")
	space      bool   // preceded by white space (or the start of the text)
	breaks     uint8  // line breaks in that white space, at most 2
	wide       bool   // preceded by three spaces or more: a column, not a phrase
	url        bool   // inside a URL or a Markdown link target: never a mention
	flags      uint64 // vocabulary flags: which phrases, names and rules may start here
}

// sentence is a span of the text with its tokens.
type sentence struct {
	start, end int // code-point offsets into the article text
	text       string
	para       int  // paragraph number; a headline is its own paragraph
	line       int  // line number
	title      bool // the article's title, not its text
	tokens     []token
}

// maxSentence is the most tokens a sentence may have.
const maxSentence = 300

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true,
	"gen": true, "lt": true, "col": true, "sen": true, "rep": true, "gov": true, "prof": true,
	"no": true, "vs": true, "etc": true, "inc": true, "co": true, "corp": true, "ltd": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "approx": true, "est": true, "ft": true, "mt": true,
	"rev": true, "hon": true, "amb": true, "adm": true, "maj": true, "capt": true, "sgt": true,
}

// splitSentences cuts text into sentences and tokenises them. Offsets are
// code points from base: the title is split with base 0 and marked title.
func splitSentences(text string, title bool) []sentence {
	toks := tokenize(text)
	var out []sentence
	para, line := 0, 0
	begin := 0 // index of the sentence's first token
	flush := func(endTok int) {
		if endTok <= begin {
			return
		}
		ts := toks[begin:endTok]
		s := sentence{start: ts[0].start, end: ts[len(ts)-1].end, para: para, line: line, title: title}
		s.tokens = ts
		out = append(out, s)
		begin = endTok
	}
	for i := range toks {
		t := &toks[i]
		if i > 0 && t.breaks > 0 {
			flush(i)
			line++
			if t.breaks > 1 || headlineAbove(out) || headlineLine(toks, i) {
				para++
			}
		}
		if i > begin && bulletStart(toks, i) {
			flush(i)
		}
		if t.kind == tokPunct && endsSentence(toks, i) {
			flush(i + 1)
		}
		// A run-on "sentence" (a table, a list without stops) is cut, at a
		// comma if it can be: the later stages cost more than linear time
		// in a sentence's length.
		if n := i + 1 - begin; n >= maxSentence || n >= maxSentence/2 && (t.text == "," || t.text == ";") {
			flush(i + 1)
		}
	}
	flush(len(toks))
	fillText(text, out)
	return out
}

// fillText sets each sentence's text from the code-point offsets.
func fillText(text string, ss []sentence) {
	if len(ss) == 0 {
		return
	}
	// One pass over the text maps code-point offsets to byte offsets.
	want := make([]int, 0, 2*len(ss))
	for _, s := range ss {
		want = append(want, s.start, s.end)
	}
	bytesAt := make([]int, len(want))
	cp, j := 0, 0
	for b := range text {
		for j < len(want) && want[j] == cp {
			bytesAt[j] = b
			j++
		}
		cp++
	}
	for ; j < len(want); j++ {
		bytesAt[j] = len(text)
	}
	for i := range ss {
		ss[i].text = validUTF8(text[bytesAt[2*i]:bytesAt[2*i+1]])
	}
}

// validUTF8 replaces each byte of s that is not UTF-8 by U+FFFD, as a
// conversion to runes does, so that code-point offsets still hold.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r) // an invalid byte decodes as utf8.RuneError, one per byte
	}
	return b.String()
}

// headlineAbove reports whether the last sentence is a headline: a line
// without final punctuation, which starts a new paragraph after it.
func headlineAbove(out []sentence) bool {
	if len(out) == 0 {
		return false
	}
	ts := out[len(out)-1].tokens
	last := ts[len(ts)-1]
	return last.kind != tokPunct || !strings.ContainsAny(last.text, ".!?:;\"”")
}

// headlineLine reports whether the line that starts at token i is a
// headline: it ends without final punctuation.
func headlineLine(toks []token, i int) bool {
	j := i + 1
	for j < len(toks) && toks[j].breaks == 0 {
		j++
	}
	last := toks[j-1]
	return last.kind != tokPunct || !strings.ContainsAny(last.text, ".!?:;\"”")
}

// bulletStart reports whether a Markdown list item ("-   Directs ...")
// starts at token i in the middle of a line.
func bulletStart(toks []token, i int) bool {
	t := toks[i]
	if t.text != "-" && t.text != "•" && t.text != "*" {
		return false
	}
	if !t.space || i+1 >= len(toks) || !toks[i+1].space {
		return false
	}
	return toks[i+1].upper || toks[i+1].text == "*" || toks[i+1].text == "“" || toks[i+1].text == "\""
}

// endsSentence reports whether the punctuation token i ends a sentence.
func endsSentence(toks []token, i int) bool {
	t := toks[i]
	switch t.text {
	case ".", "!", "?", "…":
	default:
		return false
	}
	// Closing quotes and brackets stay with the sentence they close.
	if i+1 < len(toks) && !toks[i+1].space && isCloser(toks[i+1].text) {
		return false
	}
	if i+1 == len(toks) {
		return true
	}
	next := toks[i+1]
	if !next.space {
		return false // "3.5", "U.S.-Mexico"
	}
	if t.text == "." && i > 0 {
		prev := toks[i-1]
		if prev.kind == tokWord && abbreviations[prev.norm] && next.kind != tokPunct {
			return false
		}
		// An initial: "Joseph R. Biden".
		if prev.kind == tokWord && utf8.RuneCountInString(prev.text) == 1 && prev.upper && next.upper {
			return false
		}
	}
	// A sentence starts with an upper-case letter, a digit, a quote or a
	// bracket; anything else continues it.
	return next.upper || next.kind == tokNum || next.kind == tokPunct
}

// isCloser reports whether s closes a quotation or a bracket.
func isCloser(s string) bool {
	switch s {
	case "\"", "”", "’", ")", "]", "'":
		return true
	}
	return false
}

// tokenize cuts text into tokens with code-point offsets.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5)
	cp := 0       // code-point offset of b
	space := true // white space before the next token
	breaks := 0   // line breaks in that white space
	spaces := 0   // spaces in that white space
	inURL := false
	b := 0
	for b < len(text) {
		r, size := utf8.DecodeRuneInString(text[b:])
		switch {
		case r == '\n':
			space = true
			breaks++
			inURL = false
			b += size
			cp++
			continue
		case unicode.IsSpace(r):
			space = true
			inURL = false
			spaces++
			if r == '\t' {
				spaces += 3
			}
			b += size
			cp++
			continue
		}
		if space && (strings.HasPrefix(text[b:], "http://") || strings.HasPrefix(text[b:], "https://") || strings.HasPrefix(text[b:], "www.")) {
			inURL = true
		}
		if !space && r == '(' && b > 0 && text[b-1] == ']' && strings.HasPrefix(text[b+1:], "http") {
			inURL = true // "[text](https://...)"
		}
		start, startB := cp, b
		var kind tokKind
		switch {
		case inURL:
			// A URL is one token, up to white space or the ")" of a link.
			kind = tokWord
			depth := 0
			for b < len(text) {
				r, size := utf8.DecodeRuneInString(text[b:])
				if unicode.IsSpace(r) || (r == ')' && depth == 0 && b > startB) {
					break
				}
				if r == '(' {
					depth++
				} else if r == ')' {
					depth--
				}
				b += size
				cp++
			}
		case isWordRune(r):
			kind = tokWord
			if unicode.IsDigit(r) {
				kind = tokNum
			}
			b, cp = scanWord(text, b, cp)
		case (r == '\'' || r == '’') && len(toks) > 0 && !space && toks[len(toks)-1].kind == tokWord && possessive(text, b+size, toks[len(toks)-1].norm):
			// "Russia's" and "the United States’": a possessive token "'s".
			kind = tokPunct
			b += size
			cp++
			if b < len(text) && (text[b] == 's' || text[b] == 'S') {
				b++
				cp++
			}
		default:
			kind = tokPunct
			b += size
			cp++
		}
		t := token{text: text[startB:b], start: start, end: cp, kind: kind, space: space, url: inURL}
		t.breaks = uint8(min(breaks, 2))
		t.wide = spaces >= 3
		t.norm = fold(t.text)
		if kind == tokPunct && (t.norm == "'s" || t.norm == "'") && len(toks) > 0 && !space && toks[len(toks)-1].kind == tokWord {
			t.norm = "'s"
		}
		t.key = matchKey(t.norm)
		if kind == tokWord {
			first, _ := utf8.DecodeRuneInString(t.text)
			t.upper = unicode.IsUpper(first)
			t.caps = isCaps(t.text)
		}
		if inURL && kind == tokPunct && t.text == ")" {
			inURL = false
		}
		toks = append(toks, t)
		space, breaks, spaces = false, 0, 0
		if inURL && b < len(text) && text[b] == ')' {
			inURL = false
		}
	}
	return toks
}

// scanWord reads a word from byte b: letters and digits, with inner dots
// of abbreviations ("U.S.", "D.C.") and inner apostrophes of names
// ("O'Brien", "d'Ivoire"). A possessive "'s" and a hyphen are tokens of
// their own. It returns the byte and code-point offsets after the word.
func scanWord(text string, b, cp int) (int, int) {
	for b < len(text) {
		r, size := utf8.DecodeRuneInString(text[b:])
		if isWordRune(r) {
			b += size
			cp++
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[b+size:])
		switch {
		case r == '.' && b+size < len(text) && isWordRune(next) && unicode.IsLetter(next) && dottedAbbrev(text, b):
			// "U.S." keeps its inner dots, and its final one when the
			// letters before are dotted initials.
			b += size
			cp++
			continue
		case r == '.' && dottedAbbrev(text, b) && !(b+size < len(text) && isWordRune(next)):
			b += size
			cp++
			return b, cp
		case (r == '\'' || r == '’') && b+size < len(text) && unicode.IsLetter(next) && !possessiveAt(text, b+size):
			b += size
			cp++
			continue
		}
		return b, cp
	}
	return b, cp
}

// dottedAbbrev reports whether the dot at byte b follows a single letter
// that is itself preceded by a dot or starts the word ("U.S", "D.C").
func dottedAbbrev(text string, b int) bool {
	if b < 1 {
		return false
	}
	prev, psize := utf8.DecodeLastRuneInString(text[:b])
	if !unicode.IsUpper(prev) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:b-psize])
	return b-psize == 0 || before == '.' || !isWordRune(before)
}

// possessive reports whether the apostrophe before byte b, after the word
// prev, marks a possessive: "'s" ending a word, or a bare apostrophe after
// a plural in "s".
func possessive(text string, b int, prev string) bool {
	if b < len(text) && (text[b] == 's' || text[b] == 'S') {
		return possessiveAt(text, b)
	}
	if !strings.HasSuffix(prev, "s") {
		return false
	}
	if b >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[b:])
	return unicode.IsSpace(r)
}

// possessiveAt reports whether the letters at byte b are a possessive "s"
// ending the word.
func possessiveAt(text string, b int) bool {
	if text[b] != 's' && text[b] != 'S' {
		return false
	}
	if b+1 >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[b+1:])
	return !isWordRune(r)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isCaps reports whether a word is written in capitals: at least two
// letters, none lower case ("NATO", "U.S.", "G20").
func isCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// fold returns s in lower case without accents, with typographic quotes,
// apostrophes and dashes made plain.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || ('A' <= s[i] && s[i] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '’', '‘', '`', '´':
			r = '\''
		case '“', '”', '„':
			r = '"'
		case '–', '—', '‐', '‑':
			r = '-'
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteRune(r)
			continue
		}
		b.WriteString(stripAccent(unicode.ToLower(r)))
	}
	return b.String()
}

// stripAccent returns r without its combining marks ("é" → "e").
func stripAccent(r rune) string {
	d := norm.NFKD.String(string(r))
	if len(d) == utf8.RuneLen(r) && d == string(r) {
		return d
	}
	var b strings.Builder
	for _, c := range d {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}
