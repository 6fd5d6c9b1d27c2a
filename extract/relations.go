package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/kg/schema"
)

// Stage 4: mentions → relations. One small engine interprets the patterns
// of the rule files over a sentence seen as items: a word, or a mention
// that stands for its entities.

// elemKind is the kind of one element of a compiled pattern.
type elemKind uint8

const (
	eWord    elemKind = iota // one of some words or phrases
	eSlot                    // {A}: a list of mentions, bound to a slot
	eGap                     // ~: up to three plain words (adverbs, auxiliaries)
	eLongGap                 // ...: up to twenty items of the same clause
	eWordGap                 // ~~: up to twenty items of the same clause, no actor but after a preposition
	eOpt                     // [ ... ]: optional elements
	eStart                   // ^: the start of the sentence
	eNot                     // !word: the next item is not one of some words (matches nothing)
)

// elem is one element of a compiled pattern.
type elem struct {
	kind   elemKind
	alts   [][]string // eWord: phrases of match keys
	slot   byte       // eSlot: 'A' (source), 'B' (target), or another letter that must match but binds nothing
	labels []string   // eSlot: the labels its entities may have
	actor  bool       // eSlot: only mentions that can act
	sub    []elem     // eOpt
}

// rule is a compiled pattern.
type rule struct {
	id         string
	typ        schema.RelationType
	confidence float64
	elems      []elem
	anchors    []string   // match keys of its first required word: the rule is tried where one occurs
	nominal    bool       // its trigger is a noun or a particle, not a verb: "X's talks with Y", "X-Y summit"
	required   [][]string // per required word element, the first words of its alternatives
}

// compileRules compiles the patterns of rs.
func compileRules(rs *ruleSet) ([]*rule, error) {
	var out []*rule
	for _, d := range rs.rules {
		rt, _ := schema.Relation(d.typ)
		r := &rule{id: d.id, typ: rt, confidence: d.confidence}
		items := splitPattern(d.pattern)
		elems, rest, err := compileElems(rs, rt, items)
		if err == nil && len(rest) > 0 {
			err = fmt.Errorf("unbalanced ]")
		}
		if err != nil {
			return nil, fmt.Errorf("rules %s: rule %s: %w", d.where, d.id, err)
		}
		r.elems = elems
		r.anchors = anchorsOf(elems)
		r.nominal = nominalTrigger(rs, r.anchors)
		r.required = requiredOf(elems)
		if len(r.anchors) == 0 {
			return nil, fmt.Errorf("rules %s: rule %s: no word to anchor the pattern on", d.where, d.id)
		}
		if !slices.ContainsFunc(elems, func(e elem) bool { return e.kind == eSlot && e.slot == 'A' }) {
			return nil, fmt.Errorf("rules %s: rule %s: no {A} slot", d.where, d.id)
		}
		out = append(out, r)
	}
	return out, nil
}

// splitPattern separates brackets from the words they touch: "[with]" →
// "[", "with", "]".
func splitPattern(fields []string) []string {
	var out []string
	for _, f := range fields {
		for len(f) > 0 && f[0] == '[' {
			out = append(out, "[")
			f = f[1:]
		}
		closes := 0
		for len(f) > 0 && f[len(f)-1] == ']' {
			closes++
			f = f[:len(f)-1]
		}
		if f != "" {
			out = append(out, f)
		}
		for ; closes > 0; closes-- {
			out = append(out, "]")
		}
	}
	return out
}

// compileElems compiles items up to the end or a closing bracket, and
// returns the items after it.
func compileElems(rs *ruleSet, rt schema.RelationType, items []string) ([]elem, []string, error) {
	var out []elem
	for len(items) > 0 {
		it := items[0]
		items = items[1:]
		switch {
		case it == "]":
			return out, append([]string{"]"}, items...), nil
		case it == "[":
			sub, rest, err := compileElems(rs, rt, items)
			if err != nil {
				return nil, nil, err
			}
			if len(rest) == 0 || rest[0] != "]" {
				return nil, nil, fmt.Errorf("unclosed [")
			}
			items = rest[1:]
			out = append(out, elem{kind: eOpt, sub: sub})
		case it == "~":
			out = append(out, elem{kind: eGap})
		case it == "~~":
			out = append(out, elem{kind: eWordGap})
		case it == "...":
			out = append(out, elem{kind: eLongGap})
		case it == "^":
			out = append(out, elem{kind: eStart})
		case strings.HasPrefix(it, "!") && len(it) > 1:
			w, err := compileWord(rs, it[1:])
			if err != nil {
				return nil, nil, err
			}
			w.kind = eNot
			out = append(out, w)
		case strings.HasPrefix(it, "{"):
			e, err := compileSlot(rt, it)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, e)
		default:
			e, err := compileWord(rs, it)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, e)
		}
	}
	return out, nil, nil
}

// compileWord compiles "met|meets|@meet_verb": words, phrases of a class.
func compileWord(rs *ruleSet, it string) (elem, error) {
	e := elem{kind: eWord}
	for _, alt := range strings.Split(it, "|") {
		if strings.HasPrefix(alt, "@") {
			ps, ok := rs.classes[alt]
			if !ok {
				return elem{}, fmt.Errorf("unknown word class %s", alt)
			}
			for _, p := range ps {
				e.alts = append(e.alts, keysOf(p))
			}
			continue
		}
		if w := keysOf(phraseWords(alt)); len(w) > 0 {
			e.alts = append(e.alts, w)
		}
	}
	if len(e.alts) == 0 {
		return elem{}, fmt.Errorf("empty word %q", it)
	}
	return e, nil
}

func keysOf(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if k := matchKey(w); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// compileSlot reads "{A}", "{B:Treaty,Organization}", "{C:Summit}".
func compileSlot(rt schema.RelationType, it string) (elem, error) {
	if !strings.HasSuffix(it, "}") || len(it) < 3 {
		return elem{}, fmt.Errorf("slot %q: want {A} or {A:Label,...}", it)
	}
	body := it[1 : len(it)-1]
	name, labels, hasLabels := strings.Cut(body, ":")
	if len(name) != 1 || name[0] < 'A' || name[0] > 'Z' {
		return elem{}, fmt.Errorf("slot %q: name it with one capital letter", it)
	}
	e := elem{kind: eSlot, slot: name[0]}
	switch {
	case hasLabels:
		for _, l := range strings.FieldsFunc(labels, func(r rune) bool { return r == ',' || r == '|' }) {
			if !schema.IsLabel(l) || l == schema.Article {
				return elem{}, fmt.Errorf("slot %q: unknown label %q", it, l)
			}
			e.labels = append(e.labels, l)
		}
	case e.slot == 'A':
		e.labels = rt.From
	case e.slot == 'B':
		e.labels = rt.To
	default:
		e.labels = schema.EntityLabels
	}
	e.actor = !slices.ContainsFunc(e.labels, func(l string) bool {
		return l == schema.Treaty || l == schema.Summit || l == schema.Place
	})
	return e, nil
}

// canStart reports whether the rule's first element can match item it: a
// slot needs a mention, a word one of its first words. Other elements
// (gaps, options, "^") can start anywhere.
func (r *rule) canStart(it *item) bool {
	e := &r.elems[0]
	switch e.kind {
	case eSlot:
		return it.m != nil
	case eWord:
		for _, a := range e.alts {
			if a[0] == it.key {
				return true
			}
		}
		return false
	}
	return true
}

// nominalTrigger reports whether a rule's trigger words are meeting nouns
// (@meet_noun) or particles of a noun phrase, which tell of a meeting
// rather than report it: "his recent conversation with Trump".
func nominalTrigger(rs *ruleSet, anchors []string) bool {
	nouns := make(map[string]bool)
	for _, p := range rs.classes["@meet_noun"] {
		nouns[matchKey(p[0])] = true
	}
	for _, a := range anchors {
		switch {
		case nouns[a], a == "'s", a == "-", a == "between", a == "among", a == "of":
		default:
			return false
		}
	}
	return true
}

// requiredOf returns, for each word element outside options, the first
// words of its alternatives: a sentence without one of each cannot match.
func requiredOf(elems []elem) [][]string {
	var out [][]string
	for _, e := range elems {
		if e.kind != eWord {
			continue
		}
		var firsts []string
		for _, a := range e.alts {
			if !slices.Contains(firsts, a[0]) {
				firsts = append(firsts, a[0])
			}
		}
		out = append(out, firsts)
	}
	return out
}

// anchorsOf returns the first words of the first required word element.
func anchorsOf(elems []elem) []string {
	for _, e := range elems {
		if e.kind == eWord {
			var out []string
			for _, a := range e.alts {
				out = append(out, a[0])
			}
			return out
		}
	}
	return nil
}

// item is one position of a sentence for the engine: a word or a mention.
type item struct {
	key   string   // a word's match key; "" for a mention
	flags uint64   // a word's vocabulary flags
	name  bool     // a capitalised word inside running text, which no rule word matches: "Radical Left Democrats"
	tok   int      // the first token
	end   int      // the token after it
	m     *mention // the mention, or nil
	stop  bool     // a clause boundary that long gaps do not cross
}

// itemsOf returns the items of a sentence: tokens, with the tokens of each
// resolved, non-inner mention collapsed into one item. A possessive pronoun
// ("its", "their") is followed by a possessive item, so that "{B} 's"
// matches it too; the tokens of a skip mention make no items.
func itemsOf(s *sentence, ms []mention, possFlags uint64, out []item) []item {
	out = out[:0]
	mi := 0
	titleCase := isHeadline(s) && isTitleCase(s.tokens)
	for i := 0; i < len(s.tokens); {
		for mi < len(ms) && (ms[mi].end <= i || ms[mi].inner || ms[mi].kind != mSkip && len(ms[mi].ents) == 0 && ms[mi].start <= i) {
			mi++
		}
		if mi < len(ms) && ms[mi].start == i {
			m := &ms[mi]
			i = m.end
			if m.kind == mSkip {
				continue
			}
			out = append(out, item{tok: m.start, end: m.end, m: m})
			if m.poss && (m.kind == mThing || m.kind == mPronoun || m.kind == mGroup || m.kind == mAuthor) && (m.end >= len(s.tokens) || s.tokens[m.end].key != "'s") {
				out = append(out, item{key: "'s", flags: possFlags, tok: m.end - 1, end: m.end})
			}
			continue
		}
		t := &s.tokens[i]
		k := t.key
		// A Markdown link is its text: "[held](https://...)".
		if k == "[" || k == "]" {
			i++
			for k == "]" && i < len(s.tokens) && s.tokens[i].url && !s.tokens[i].space {
				i++
			}
			continue
		}
		if k == "the" && i+1 < len(s.tokens) && mi < len(ms) && ms[mi].start == i+1 && len(ms[mi].ents) > 0 {
			i++ // "the" before a mention: patterns need not spell it
			continue
		}
		stop := k == ";" || k == ":" || k == "\"" || k == "(" || k == ")" || k == "-" && t.space
		if t.url {
			k, stop = "", true
		}
		name := t.upper && i > 0 && s.tokens[i-1].kind == tokWord && !titleCase && !dateWord(k)
		out = append(out, item{key: k, flags: t.flags, tok: i, end: i + 1, stop: stop, name: name})
		i++
	}
	return out
}

// binding is what a match bound: the mentions of slots A and B, the span
// of items it covered and where its trigger word was.
type binding struct {
	a, b       []*mention
	start, end int // items
	trigger    int // item of the first word element, or -1
	triggerEnd int
	triggerTok int // the token after the trigger
}

// matcher runs the rules over one sentence.
type matcher struct {
	items      []item
	ts         []token // the sentence's tokens
	bind       binding
	passiveAux map[string]bool
}

// matchAt tries elems at item pos; on success it returns the end.
func (mt *matcher) matchAt(elems []elem, pos int) (int, bool) {
	if len(elems) == 0 {
		return pos, true
	}
	e := &elems[0]
	rest := elems[1:]
	switch e.kind {
	case eStart:
		for p := 0; p < pos; p++ {
			if mt.items[p].m != nil || mt.items[p].key != "" && isWordKey(mt.items[p].key) {
				return 0, false
			}
		}
		return mt.matchAt(rest, pos)
	case eNot:
		for _, alt := range e.alts {
			if mt.wordAt(alt, pos) > 0 {
				return 0, false
			}
		}
		return mt.matchAt(rest, pos)
	case eWord:
		for _, alt := range e.alts {
			if n := mt.wordAt(alt, pos); n > 0 {
				saved := mt.bind.trigger
				if mt.bind.trigger < 0 {
					mt.bind.trigger, mt.bind.triggerEnd = pos, pos+n
					mt.bind.triggerTok = mt.items[pos+n-1].end
				}
				if end, ok := mt.matchAt(rest, pos+n); ok {
					return end, true
				}
				mt.bind.trigger = saved
			}
		}
		return 0, false
	case eOpt:
		saved := mt.bind
		if end, ok := mt.matchAt(append(slices.Clip(e.sub), rest...), pos); ok {
			return end, true
		}
		mt.bind = saved
		return mt.matchAt(rest, pos)
	case eGap, eLongGap, eWordGap:
		limit := 20
		if e.kind == eGap {
			limit = 3
		}
		// After a subject, the words of its clause may start past a
		// relative pronoun or the end of an apposition.
		if e.kind == eGap {
			if q := mt.subjectClause(pos); q > pos {
				saved := mt.bind
				if end, ok := mt.matchAt(elems, q); ok {
					return end, true
				}
				mt.bind = saved
			}
		}
		p := pos
		for n := 0; ; n++ {
			if end, ok := mt.matchAt(rest, p); ok {
				return end, true
			}
			if n == limit || p >= len(mt.items) {
				return 0, false
			}
			it := &mt.items[p]
			if e.kind == eGap {
				if q := mt.parenthetical(p); q > p { // counts as one item
					p = q
					continue
				}
				// A passive auxiliary is spelled by the passive patterns;
				// an active one does not skip it: "X was condemned by Y";
				// but a progressive is active: "X is pulling out of Y".
				if it.m != nil || !isWordKey(it.key) || mt.passiveAux[it.key] && !mt.progressive(p) {
					return 0, false
				}
			} else if it.stop || e.kind == eWordGap && it.m != nil && it.m.actor && !mt.afterPreposition(p) && !mt.possessive(p) && !mt.afterVerb(p) || mt.newClause(p) || mt.adjunct(p) {
				return 0, false
			}
			p++
		}
	case eSlot:
		ends := mt.listAt(e, pos)
		for i := len(ends) - 1; i >= 0; i-- {
			// A possessor binds only where the pattern spells "'s":
			// "Russia's new concept at a meeting with ..." has no subject
			// Russia.
			if ends[i] < len(mt.items) && mt.items[ends[i]].key == "'s" && len(rest) > 0 && !startsWithPossessive(rest) {
				continue
			}
			saved := mt.bind
			ms := mt.listMentions(e, pos, ends[i])
			// A slot named twice collects both lists: "{A} withdrew
			// {A} from {B}" makes both withdraw.
			switch e.slot {
			case 'A':
				mt.bind.a = append(slices.Clip(saved.a), ms...)
			case 'B':
				mt.bind.b = append(slices.Clip(saved.b), ms...)
			}
			if end, ok := mt.matchAt(rest, ends[i]); ok {
				return end, true
			}
			mt.bind = saved
		}
		return 0, false
	}
	return 0, false
}

// startsWithPossessive reports whether elems begin with the word "'s",
// perhaps optional.
func startsWithPossessive(elems []elem) bool {
	if len(elems) == 0 {
		return false
	}
	e := &elems[0]
	switch e.kind {
	case eWord:
		return slices.ContainsFunc(e.alts, func(a []string) bool { return a[0] == "'s" })
	case eOpt:
		return startsWithPossessive(e.sub) || startsWithPossessive(elems[1:])
	}
	return false
}

// parenthetical returns the item after a parenthesis or an apposition
// that starts at p: "(UNHRC)", ", a spokesman for the PMF,", ", who was
// Trump's envoy until December,"; or p if none starts there.
func (mt *matcher) parenthetical(p int) int {
	items := mt.items
	switch {
	case items[p].key == "(":
		for q := p + 1; q < len(items) && q < p+8; q++ {
			if items[q].key == ")" {
				return q + 1
			}
		}
	case items[p].key == "," && p+1 < len(items):
		switch items[p+1].key {
		case "a", "an", "the", "who", "which", "whose":
		default:
			// A participle: "The attack, launched late on Saturday, was".
			if n := items[p+1].key; items[p+1].m == nil && len(n) > 4 && strings.HasSuffix(n, "ed") {
				break
			}
			// "the" is no item before a mention: ", the summit's host,".
			if t := items[p+1].tok; items[p+1].m == nil || mt.ts == nil || mt.ts[t].key != "the" && (t == 0 || mt.ts[t-1].key != "the") {
				return p
			}
		}
		for q := p + 2; q < len(items) && q < p+16; q++ {
			if items[q].key == "," {
				return q + 1
			}
			if items[q].stop {
				return p
			}
		}
	}
	return p
}

// subjectClause returns where the words after a subject start, past what
// stands between a subject at p-1 and its verb: a relative pronoun
// ("Netanyahu, who spoke with Biden") or the comma that closes an
// apposition ("Venezuela's foreign minister, Jorge Arreaza, denounced").
func (mt *matcher) subjectClause(p int) int {
	items := mt.items
	if p == 0 || p+1 >= len(items) || items[p-1].m == nil || items[p].key != "," {
		return p
	}
	switch items[p+1].key {
	case "who", "which":
		return p + 2
	}
	if p >= 2 && items[p-2].key == "," && items[p-1].m.label == schema.Person && isWordKey(items[p+1].key) && items[p+1].m == nil {
		return p + 1
	}
	return p
}

// progressive reports whether the auxiliary at p makes a progressive:
// "was pulling", "is withdrawing".
func (mt *matcher) progressive(p int) bool {
	return p+1 < len(mt.items) && len(mt.items[p+1].key) > 4 && strings.HasSuffix(mt.items[p+1].key, "ing")
}

// adjunct reports whether an adjunct or a participle clause starts at item
// p, which long gaps do not cross: what follows is not the object of the
// verb before it ("criticised the alliance for declining ...", "condemned
// the move, saying ...").
func (mt *matcher) adjunct(p int) bool {
	items := mt.items
	if p+1 >= len(items) {
		return false
	}
	switch items[p].key {
	case "for", "over", ",":
		n := items[p+1].key
		return len(n) > 4 && strings.HasSuffix(n, "ing") && items[p+1].m == nil
	}
	return false
}

// prepositions before a mention that is no subject.
var prepositions = map[string]bool{"by": true, "of": true, "to": true, "with": true, "from": true, "in": true,
	"against": true, "on": true, "for": true, "at": true, "about": true, "between": true, "among": true, "across": true, "into": true}

// afterVerb reports whether the mention at item p is the object of a verb
// in the past tense: "Blinken visited Ukraine and met Zelenskyy".
func (mt *matcher) afterVerb(p int) bool {
	if p == 0 {
		return false
	}
	k := mt.items[p-1].key
	return len(k) > 4 && strings.HasSuffix(k, "ed") && !mt.items[p-1].name
}

// possessive reports whether the mention at item p is a possessor, which
// is no subject: "their joint commitment", "his first visit".
func (mt *matcher) possessive(p int) bool {
	return p+1 < len(mt.items) && mt.items[p+1].key == "'s"
}

// afterPreposition reports whether the item before p is a preposition.
func (mt *matcher) afterPreposition(p int) bool {
	return p > 0 && prepositions[mt.items[p-1].key]
}

// newClause reports whether a coordinated clause starts at item p: "and"
// or "but" before a verb in the past tense ("and stressed").
func (mt *matcher) newClause(p int) bool {
	if k := mt.items[p].key; k != "and" && k != "but" || p+1 >= len(mt.items) {
		return false
	}
	n := mt.items[p+1].key
	if n == "also" && p+2 < len(mt.items) {
		n = mt.items[p+2].key
	}
	return len(n) > 4 && strings.HasSuffix(n, "ed")
}

// isWordKey reports whether a match key is a word rather than punctuation.
func isWordKey(k string) bool {
	if k == "" {
		return false
	}
	c := k[0]
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// wordAt returns the number of items that phrase matches at pos, or 0.
func (mt *matcher) wordAt(phrase []string, pos int) int {
	if pos+len(phrase) > len(mt.items) {
		return 0
	}
	for j, w := range phrase {
		if it := &mt.items[pos+j]; it.key != w || it.name {
			return 0
		}
	}
	return len(phrase)
}

// fits reports whether the mention of item it can fill slot e.
func fits(e *elem, it *item) bool {
	m := it.m
	if m == nil || len(m.ents) == 0 {
		return false
	}
	if e.actor && !m.actor {
		return false
	}
	return slices.Contains(e.labels, m.label)
}

// listAt returns the possible ends of a list of mentions for slot e at pos:
// "X", "X and Y", "X, Y and Z", "X as well as Y". Shorter lists come first.
func (mt *matcher) listAt(e *elem, pos int) []int {
	pos = mt.possessor(e, pos)
	if pos >= len(mt.items) || !fits(e, &mt.items[pos]) {
		return nil
	}
	ends := []int{pos + 1}
	p := pos + 1
	commas := 0
	for p < len(mt.items) {
		q := p
		conj := true // the separator joins the last element: "and", ", and"
		switch {
		case mt.items[q].key == "," && q+1 < len(mt.items) && (mt.items[q+1].key == "and" || mt.items[q+1].key == "or"):
			// ", and" ends a list of three or more; after one element it
			// joins clauses: "Russia's aggression against Ukraine, and
			// President Erdogan briefed ...".
			if commas == 0 {
				return ends
			}
			q += 2
		case mt.items[q].key == "and" || mt.items[q].key == "or" || mt.items[q].key == "&":
			q++
		case mt.items[q].key == ",":
			q, conj = q+1, false
			commas++
		case mt.items[q].key == "as" && q+2 < len(mt.items) && mt.items[q+1].key == "well" && mt.items[q+2].key == "as":
			q += 3
		default:
			return ends
		}
		if q < len(mt.items) && (mt.items[q].key == "both" || mt.items[q].key == "the") && q+1 < len(mt.items) && mt.items[q+1].m != nil {
			q++
		}
		q = mt.possessor(e, q)
		if q >= len(mt.items) || !fits(e, &mt.items[q]) {
			return ends
		}
		// "X and they discussed": a pronoun after "and" opens a clause.
		if k := mt.items[q].m.kind; k == mPronoun || k == mThing || k == mGroup && mt.ts != nil && mt.items[q].end-mt.items[q].tok == 1 {
			return ends
		}
		p = q + 1
		// "X, Y and Z" is a list; "Israel, Putin met" is not: a list
		// ends with a conjunction.
		if conj {
			ends = append(ends, p)
		}
	}
	return ends
}

// possessor returns the item after a possessor that only qualifies the
// person it owns ("met Brazil's Lula", "Luxembourg's Prime Minister
// Juncker"), or pos if there is none.
func (mt *matcher) possessor(e *elem, pos int) int {
	items := mt.items
	if pos+2 >= len(items) || items[pos].m == nil || items[pos+1].key != "'s" {
		return pos
	}
	if m := items[pos+2].m; m != nil && m.label == schema.Person && m.kind != mPronoun && m.kind != mGroup && fits(e, &items[pos+2]) {
		return pos + 2
	}
	return pos
}

// listMentions returns the mentions of the list from pos to end.
func (mt *matcher) listMentions(e *elem, pos, end int) []*mention {
	var out []*mention
	for p := pos; p < end; p++ {
		if q := mt.possessor(e, p); q > p {
			p = q - 1 // the possessor qualifies the person after it
			continue
		}
		if it := &mt.items[p]; it.m != nil && fits(e, it) {
			out = append(out, it.m)
		}
	}
	return out
}

// possible reports whether a sentence whose anchor words are present can
// hold a match of r: each of its required words occurs.
func (r *rule) possible(present []string) bool {
	for _, firsts := range r.required {
		if !slices.ContainsFunc(firsts, func(w string) bool { return slices.Contains(present, w) }) {
			return false
		}
	}
	return true
}

// hit is one match of a rule in a sentence.
type hit struct {
	rule *rule
	sent int
	bind binding
}

// matchSentence returns the matches of the rules in sentence si.
func (d *doc) matchSentence(si int, items []item) []hit {
	x := d.x
	var hits []hit
	seen := d.seen[:0]
	for range x.rules {
		seen = append(seen, false)
	}
	d.seen = seen
	mt := matcher{items: items, ts: d.sents[si].tokens, passiveAux: x.lex.passiveAux}
	present := d.present[:0]
	for _, it := range items {
		if it.flags&bitAnchor != 0 && !slices.Contains(present, it.key) {
			present = append(present, it.key)
		}
	}
	d.present = present
	for _, it := range items {
		if it.flags&bitAnchor == 0 {
			continue
		}
		for _, ri := range x.anchored[it.key] {
			r := x.rules[ri]
			if seen[ri] {
				continue
			}
			seen[ri] = true
			if !r.possible(present) {
				continue
			}
			for start := range items {
				if !r.canStart(&items[start]) {
					continue
				}
				mt.bind = binding{trigger: -1}
				end, ok := mt.matchAt(r.elems, start)
				if !ok || len(mt.bind.a) == 0 {
					continue
				}
				mt.bind.start, mt.bind.end = start, end
				hits = append(hits, hit{rule: r, sent: si, bind: mt.bind})
			}
		}
	}
	return hits
}
