package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/kg/schema"
)

// Stage 2: tokens → mentions. A mention is a span of a sentence that names
// an entity, by the knowledge base's gazetteer, by a title or apposition
// around a personal name, by a capitalised name with a telling head word
// ("... Council", "... Sea", "... Treaty"), or that refers to one: a
// pronoun, "the pair", a title alone ("the Russian Foreign Minister").

// mkind says how a mention names its entity.
type mkind uint8

const (
	mName      mkind = iota // a name
	mDemonym                // "Russian": its state, an actor only before an actor head
	mCapital                // "Moscow": the state as an actor, or the city as a place
	mAmbiguous              // "Georgia": kept only with supporting context
	mRole                   // a person named by title alone: "the Russian Foreign Minister"
	mPronoun                // he, she, his, her
	mThing                  // it, its
	mGroup                  // they, their, the pair, the two sides
	mAuthor                 // I, my: the author of a statement
	mSummitRef              // "the summit": the article's summit
	mSkip                   // words the engine passes over: ", respectively"
	mTreatyRef              // "the treaty": the treaty named last
	mEventRef               // "the move", "the attack": the actor of an act told before
	mOrgRef                 // "the alliance", "the bloc": the organisation named last
)

// event kinds of mEventRef mentions: what act "the move" or "the attack"
// refers to.
const (
	eventWithdrawal uint8 = 1 + iota
	eventAttack
)

// group kinds of mGroup mentions.
const (
	groupPersons uint8 = 1 + iota
	groupCountries
	groupAny
)

// mention is a span of a sentence that names or refers to entities.
type mention struct {
	start, end int    // tokens [start, end) of the sentence, title and "the" included
	kind       mkind  //
	label      string // schema label; "" for pronouns and groups
	ref        int    // knowledge-base index within label, or -1
	name       string // the name as written
	role       string // a person's title as written ("Foreign Minister")
	roles      []int  // the knowledge base's roles of that title
	aff        []int  // a person's affiliations: indices of country or organisation mentions
	inner      bool   // inside a larger mention: an entity, but no relation argument
	hidden     bool   // inside a larger name that is not about it: no entity either
	actor      bool   // may be a relation argument
	poss       bool   // followed by a possessive "'s" (or is one: his, its, their)
	group      uint8  // for mGroup: which group it refers to
	place      int    // a summit's place: index of a Place mention, or -1
	acronym    string // the acronym a parenthesis gave it: "(SDF)"
	bodyPlace  int    // a summit named by its place ("the Brussels summit"): that mention, or -1
	alias      string // another name it is known by
	ents       []int  // the article's entities it resolves to
}

// span is a token range that a lexicon or the role gazetteer matched.
type span struct {
	start, end int
	roles      []int // knowledge-base roles of a title
	honorific  bool
}

// mentionFinder finds the mentions of one sentence.
type mentionFinder struct {
	x      *Extractor
	ts     []token
	ms     []mention
	titles []span  // titles and honorifics
	owner  []int   // per token: index of the mention that covers it, or -1
	buf    []int32 // gazetteer matches
	rbuf   []int32 // role matches
	cands  []candidate
}

// findMentions returns the mentions of sentence s, in text order, and the
// capitalised runs that are personal names if the article supports them.
func (x *Extractor) findMentions(s *sentence) ([]mention, []candidate) {
	f := mentionFinder{x: x, ts: s.tokens}
	f.owner = make([]int, len(f.ts))
	for i := range f.owner {
		f.owner[i] = -1
	}
	titleCase := isHeadline(s) && isTitleCase(f.ts)
	f.gazetteer()
	f.regions()
	f.ministries()
	f.capitalised(titleCase)
	f.parentheses()
	f.people()
	f.counterparts()
	f.references()
	f.summits()
	f.context()
	return f.sorted(), f.cands
}

// sorted returns the mentions in text order, with the indices that
// mentions hold of each other updated.
func (f *mentionFinder) sorted() []mention {
	order := make([]int, len(f.ms))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return f.ms[a].start - f.ms[b].start })
	pos := make([]int, len(f.ms))
	for newIdx, old := range order {
		pos[old] = newIdx
	}
	out := make([]mention, len(f.ms))
	for newIdx, old := range order {
		m := f.ms[old]
		for j, a := range m.aff {
			m.aff[j] = pos[a]
		}
		if m.place >= 0 {
			m.place = pos[m.place]
		}
		out[newIdx] = m
	}
	return out
}

// add appends m and marks its tokens, unless they are taken; it returns
// m's index, or -1.
func (f *mentionFinder) add(m mention) int { return f.place(m, false) }

// place appends m and marks its tokens, unless a mention holds one of them
// (one that is not an affiliation, if over); it returns m's index, or -1.
func (f *mentionFinder) place(m mention, over bool) int {
	for i := m.start; i < m.end; i++ {
		if o := f.owner[i]; o >= 0 && !(over && isAffiliation(&f.ms[o])) {
			return -1
		}
	}
	f.ms = append(f.ms, m)
	idx := len(f.ms) - 1
	for i := m.start; i < m.end; i++ {
		f.owner[i] = idx
	}
	return idx
}

// gazetteer finds the knowledge base's names and the titles of roles,
// longest match first.
func (f *mentionFinder) gazetteer() {
	x, ts := f.x, f.ts
	for i := 0; i < len(ts); {
		t := &ts[i]
		if t.url || t.kind == tokPunct {
			i++
			continue
		}
		f.buf = x.names.match(ts, i, f.buf)
		nl := 0
		if len(f.buf) > 0 {
			nl = len(x.names.entries[f.buf[0]].words)
		}
		tl, roles := f.titleAt(i)
		if nl > 0 && nl >= tl {
			e := x.names.entries[pickEntry(x.names, f.buf)]
			m := mention{start: i, end: i + nl, ref: e.ref.idx, label: e.ref.label, actor: true, place: -1}
			m.name = spanText(ts, i, i+nl)
			switch e.kind {
			case kindDemonym:
				m.kind, m.actor = mDemonym, false
			case kindCapital:
				m.kind = mCapital
			case kindAmbiguous:
				m.kind = mAmbiguous
			}
			if e.ref.label == schema.Treaty || e.ref.label == schema.Place || e.ref.label == schema.Summit {
				m.actor = false
			}
			f.add(m)
			i += nl
			continue
		}
		if tl > 0 {
			f.titles = append(f.titles, span{start: i, end: i + tl, roles: roles})
			i += tl
			continue
		}
		if n := x.lex.honorific.match(ts, i); n > 0 && ts[i].upper {
			if i+n < len(ts) && ts[i+n].text == "." && !ts[i+n].space {
				n++ // "Dr."
			}
			f.titles = append(f.titles, span{start: i, end: i + n, honorific: true})
			i += n
			continue
		}
		i++
	}
}

// regions names the regions of @region, which belong to no one country:
// "the Middle East", "the Indo-Pacific", "European" (Europe); and "the
// West" (@collective), which gold files count as an organisation.
func (f *mentionFinder) regions() {
	ts, lex := f.ts, f.x.lex
	for i := 0; i < len(ts); i++ {
		if f.owner[i] >= 0 || !ts[i].upper || ts[i].url {
			continue
		}
		label := ""
		n := lex.region.match(ts, i)
		if n > 0 {
			label = schema.Place
		} else if lex.collective[ts[i].key] && i > 0 && ts[i-1].key == "the" {
			n, label = 1, schema.Organization
		}
		if n == 0 || slices.ContainsFunc(f.owner[i:i+n], func(o int) bool { return o >= 0 }) {
			continue
		}
		// "West Africa", "European Union", "Middle East Institute": a
		// longer name.
		if e := i + n; e < len(ts) && ts[e].upper && ts[e].kind == tokWord && !ts[e].url {
			continue
		}
		key := make([]string, n)
		for j := range n {
			key[j] = ts[i+j].key
		}
		name := lex.regionName[strings.Join(key, " ")]
		if label == schema.Organization {
			name = "the " + ts[i].text
		}
		start := i
		if i > 0 && ts[i-1].key == "the" && f.owner[i-1] < 0 {
			start = i - 1
		}
		m := mention{start: start, end: i + n, label: label, ref: -1, actor: label == schema.Organization, place: -1, name: name}
		m.alias = spanText(ts, i, i+n)
		f.add(m)
		i += n - 1
	}
}

// ministries names a state's ministry by its country and a ministry noun
// (@ministry): "the Russian foreign ministry", "Ukraine's foreign
// ministry" (named "Ukrainian foreign ministry"). A name the knowledge base
// holds is that organisation; another is a new one.
func (f *mentionFinder) ministries() {
	ts, x := f.ts, f.x
	for o := range f.ms {
		c := &f.ms[o]
		if c.label != schema.Country || c.ref < 0 || c.inner || c.kind == mAmbiguous {
			continue
		}
		j := c.end
		poss := j < len(ts) && ts[j].key == "'s"
		if poss {
			j++
		}
		if j >= len(ts) {
			continue
		}
		n := x.lex.ministry.match(ts, j)
		if n == 0 || c.kind == mDemonym && poss {
			continue
		}
		if slices.ContainsFunc(f.owner[j:j+n], func(w int) bool { return w >= 0 }) {
			continue
		}
		adj := spanText(ts, c.start, c.end)
		if c.kind != mDemonym {
			ds := x.kb.Countries[c.ref].Demonyms
			if len(ds) == 0 {
				continue
			}
			adj = ds[0]
		}
		name := adj + " " + strings.ToLower(spanText(ts, j, j+n))
		m := mention{start: c.start, end: j + n, label: schema.Organization, ref: -1, actor: true, place: -1, name: name, aff: []int{o}}
		if r, ok := x.orgByName[fold(name)]; ok {
			m.ref = r
			m.name = x.kb.Organizations[r].Name
		}
		c.inner, c.actor = true, false
		for i := c.start; i < c.end; i++ {
			f.owner[i] = -1
		}
		if k := f.add(m); k >= 0 {
			f.ms[k].alias = spanText(ts, c.start, j+n)
		}
	}
}

// pickEntry chooses among equally long matches: a capital first, whose
// context decides between its state and its city; then names before
// demonyms and ambiguous names; then the knowledge base's order.
func pickEntry(g *gazetteer, matches []int32) int32 {
	best := matches[0]
	n := len(g.entries[best].words)
	rank := func(k nameKind) int {
		if k == kindCapital {
			return -1
		}
		return int(k)
	}
	for _, ei := range matches[1:] {
		e := g.entries[ei]
		if len(e.words) == n && rank(e.kind) < rank(g.entries[best].kind) {
			best = ei
		}
	}
	return best
}

// titleAt returns the length of the title at token i, with its modifiers
// ("acting", "former"), and the knowledge base's roles it names.
func (f *mentionFinder) titleAt(i int) (int, []int) {
	ts, x := f.ts, f.x
	j := i
	for j < len(ts) {
		n := x.lex.titleModifier.match(ts, j)
		if n == 0 {
			break
		}
		j += n
	}
	if j >= len(ts) {
		return 0, nil
	}
	f.rbuf = x.roles.match(ts, j, f.rbuf)
	n := 0
	var roles []int
	if len(f.rbuf) > 0 {
		n = len(x.roles.entries[f.rbuf[0]].words)
		for _, ei := range f.rbuf {
			if r := x.roles.entries[ei].ref.idx; len(x.roles.entries[ei].words) == n && r >= 0 {
				roles = appendUnique(roles, r)
			}
		}
	}
	if n == 0 {
		return 0, nil
	}
	// A lower-case title names an office only where a name or "the"
	// stands next to it; "president" in running prose is a word.
	return j + n - i, roles
}

// capitalised finds unknown names: runs of capitalised words whose head
// makes them an organisation, a place or a treaty, and personal names
// after a title or before an apposition.
func (f *mentionFinder) capitalised(titleCase bool) {
	ts, lex := f.ts, f.x.lex
	for i := 0; i < len(ts); {
		if t := f.titleStarting(i); t.end > 0 {
			i = t.end // a title is no part of a name: "Mr Putin", "Director Wang"
			continue
		}
		if !f.runStart(i) {
			i++
			continue
		}
		end := f.runEnd(i)
		start := i
		for start < end && (lex.functionWord[ts[start].key] && (start == 0 || ts[start].key == "the" || !ts[start-1].upper) || (lex.notOffice[ts[start].key] || lex.titleModifier.has(ts, start)) && end-start > 1) {
			start++ // "The ...", "Opposition Labour Party", "Former Trump adviser"
		}
		if start >= end {
			i = end
			continue
		}
		// "Eurasian Economic Commission Board Mikhail Myasnikovich": an
		// organisation, then a personal name.
		if h := f.lastHead(start, end); h > start && end-h-1 >= 2 && end-h-1 <= 4 && personLike(ts[h+1:end], lex) {
			end = h + 1
		}
		label := f.classify(start, end, titleCase)
		switch {
		case label != "" && !f.coveredExactly(start, end) && !f.indefinite(start, end):
			f.claim(start, end, label)
		case label == "" && !titleCase && words(ts[start:end]) >= 2 && end-start <= 5 && !f.overlapsName(start, end) && personLike(f.ts[start:end], f.x.lex):
			f.cands = append(f.cands, candidate{start: start, end: end})
		}
		i = end
	}
}

// words counts the tokens of ts that stand after white space: the words
// of a name, "Jean-Yves" being one.
func words(ts []token) int {
	n := 0
	for i, t := range ts {
		if i == 0 || t.space {
			n++
		}
	}
	return n
}

// titleStarting returns the title or honorific that starts at token i.
func (f *mentionFinder) titleStarting(i int) span {
	for _, s := range f.titles {
		if s.start == i {
			return s
		}
	}
	return span{}
}

// lastHead returns the last word of [start, end-1) that heads an
// organisation or a place, or -1.
func (f *mentionFinder) lastHead(start, end int) int {
	for i := end - 2; i >= start; i-- {
		if k := f.ts[i].key; f.x.lex.orgHead[k] || f.x.lex.placeHead[k] {
			return i
		}
	}
	return -1
}

// indefinite reports whether "a" or "an" stands before token i: "a
// Foreign Terrorist Organization" is a kind, not a name.
func (f *mentionFinder) indefinite(i, end int) bool {
	if i == 0 || f.ts[i-1].key != "a" && f.ts[i-1].key != "an" {
		return false
	}
	// "a Kataeb Hezbollah official": the name only qualifies the noun.
	return end >= len(f.ts) || f.ts[end].kind != tokWord || f.ts[end].upper
}

// runStart reports whether a run of capitalised words can start at i.
func (f *mentionFinder) runStart(i int) bool {
	t := &f.ts[i]
	if t.url || t.kind != tokWord {
		return false
	}
	if t.upper {
		return true
	}
	// "al-Muhandis" at the start of a sentence.
	return i+2 < len(f.ts) && f.ts[i+1].text == "-" && f.ts[i+2].upper && f.x.lex.nameParticle[t.key]
}

// runEnd returns the end of the run of capitalised words from i: names,
// particles, hyphenated parts, and connectors inside organisation names
// ("Ministry of Foreign Affairs").
func (f *mentionFinder) runEnd(i int) int {
	ts, lex := f.ts, f.x.lex
	j := i + 1
	connected := false
	for j < len(ts) {
		t := &ts[j]
		if t.url || t.wide || f.titleStarting(j).end > 0 && !connected {
			return j
		}
		switch {
		case t.kind == tokWord && t.upper:
			j++
			continue
		case t.kind == tokNum && !t.space:
			j++
			continue
		case t.text == "." && !t.space && utf8.RuneCountInString(ts[j-1].text) == 1 && ts[j-1].upper && j+1 < len(ts) && ts[j+1].upper && ts[j+1].kind == tokWord:
			j++ // a middle initial: "Mark A. Milley"
			continue
		case t.text == "-" && !t.space && j+1 < len(ts) && !ts[j+1].space && ts[j+1].kind != tokPunct:
			j += 2
			continue
		case lex.nameParticle[t.key] && !t.upper && j+1 < len(ts) && (ts[j+1].upper || ts[j+1].text == "-"):
			j++
			continue
		case (t.key == "of" || t.key == "for" || t.key == "on" || t.key == "in" && lex.orgHead[ts[j-1].key] || t.key == "between" && connected) && j+1 < len(ts) && nextUpper(ts, j+1) && !dateWord(ts[j+1].key) &&
			(lex.orgHead[ts[j-1].key] || lex.treatyHead[ts[j-1].key] || lex.placeHead[ts[j-1].key] || connected) && !f.countryEndsAt(j):
			connected = true
			j++
			if ts[j].key == "the" {
				j++
			}
			continue
		case t.key == "and" && j+1 < len(ts) && ts[j+1].upper && (connected || f.headAhead(j+1)):
			j++
			continue
		}
		return j
	}
	return j
}

// dateWord reports whether a capitalised word names a day or a month: "on
// Tuesday" and "in January" end a name ("the Council of Europe on Tuesday").
func dateWord(k string) bool {
	if _, ok := weekdays[k]; ok {
		return true
	}
	_, ok := months[k]
	return ok
}

// countryEndsAt reports whether a country's name ends right before token
// j: "Russian Federation" is no organisation to continue with "for ...".
func (f *mentionFinder) countryEndsAt(j int) bool {
	o := f.ownerAt(j - 1)
	return o >= 0 && f.ms[o].label == schema.Country && f.ms[o].end == j
}

// headAhead reports whether the capitalised words from j end in the head
// of an organisation or a treaty: "Relief and Works Agency", "Belt and
// Road Initiative".
func (f *mentionFinder) headAhead(j int) bool {
	ts, lex := f.ts, f.x.lex
	for ; j < len(ts) && ts[j].upper && ts[j].kind == tokWord && !ts[j].url; j++ {
		if j+1 == len(ts) || !ts[j+1].upper || ts[j+1].kind != tokWord {
			return lex.orgHead[ts[j].key] || lex.treatyHead[ts[j].key]
		}
	}
	return false
}

// nextUpper reports whether token j, after an optional "the", is capitalised.
func nextUpper(ts []token, j int) bool {
	if ts[j].key == "the" && j+1 < len(ts) {
		j++
	}
	return ts[j].upper && !ts[j].url
}

// classify returns the label an unknown run [start, end) earns, or "".
func (f *mentionFinder) classify(start, end int, titleCase bool) string {
	ts, lex := f.ts, f.x.lex
	last := ts[end-1].key
	// In "Ministry of Foreign Affairs" the head stands before "of".
	for i := start + 1; i < end-1; i++ {
		if k := ts[i].key; k == "of" || k == "for" || k == "on" {
			if h := ts[i-1].key; lex.orgHead[h] || lex.treatyHead[h] || lex.placeHead[h] {
				last = h
			}
			break
		}
	}
	switch {
	case lex.summitHead.has(ts, end-1):
		return "" // the summits stage names it
	case lex.orgHead[last] && end-start > 1:
		return schema.Organization
	case (lex.placeHead[last] && end-start > 1 || lex.placeLead.has(ts, start) && end-start > 1 && words(ts[start:end]) <= 3) && !titleCase:
		// In a title-case headline every word has a capital: "... to
		// Annex Ukrainian Territory" names no place.
		return schema.Place
	case lex.treatyHead[last] && end-start > 1, end-start > 2 && lex.treatyHead2.match(ts, end-2) == 2:
		return schema.Treaty
	}
	if f.overlapsName(start, end) || titleCase && !f.titleBefore(start) {
		return ""
	}
	if !personLike(ts[start:end], lex) {
		return ""
	}
	// "Chief Medical Advisor": words between two titles make one title.
	if t := f.titleStarting(end); t.end > 0 && !t.honorific {
		return ""
	}
	if f.titleBefore(start) || end-start > 1 && (f.appositionAfter(end) || !titleCase && f.speechAfter(end)) {
		return schema.Person
	}
	return ""
}

// personLike reports whether a run looks like a personal name: one to five
// words, each a capitalised word, an initial, a particle or a hyphen.
func personLike(ts []token, lex *lexicon) bool {
	if len(ts) > 6 {
		return false
	}
	for i, t := range ts {
		if t.kind == tokNum || t.caps && utf8.RuneCountInString(t.text) > 2 && !strings.Contains(t.text, ".") {
			return false
		}
		if t.upper && (utf8.RuneCountInString(t.text) == 1 && i+1 < len(ts) && ts[i+1].text == "." || utf8.RuneCountInString(t.text) == 2 && strings.HasSuffix(t.text, ".")) {
			continue // an initial: "Mark A. Milley"
		}
		if _, ok := months[t.key]; ok && t.key != "may" {
			return false
		}
		if _, ok := weekdays[t.key]; ok {
			return false
		}
		if lex.orgHead[t.key] || lex.placeHead[t.key] || lex.treatyHead[t.key] || lex.functionWord[t.key] && t.key != "the" {
			return false
		}
	}
	return true
}

// overlapsName reports whether a name of the gazetteer lies in [start, end).
func (f *mentionFinder) overlapsName(start, end int) bool {
	for i := start; i < end; i++ {
		if f.owner[i] >= 0 {
			return true
		}
	}
	return false
}

// coveredExactly reports whether one known name covers [start, end).
func (f *mentionFinder) coveredExactly(start, end int) bool {
	o := f.owner[start]
	return o >= 0 && f.ms[o].start <= start && f.ms[o].end >= end
}

// claim adds an unknown name over [start, end); known names inside it
// become its inner mentions, except a name that covers its head, which
// wins.
func (f *mentionFinder) claim(start, end int, label string) {
	// "the Kaliningrad Region": the known place, with its head.
	if o := f.owner[start]; o >= 0 && label == schema.Place && f.ms[o].label == schema.Place && f.ms[o].ref >= 0 && f.ms[o].end == end-1 {
		f.ms[o].end = end
		f.owner[end-1] = o
		return
	}
	if o := f.owner[end-1]; o >= 0 {
		// A known name that ends the run wins, unless the run adds words
		// of its own before it ("Kataeb Hezbollah") or the known name only
		// completes it ("Collective Security Council of the Collective
		// Security Treaty Organisation").
		kb := &f.ms[o]
		joined := kb.start > 0 && f.ts[kb.start-1].text == "-" && !f.ts[kb.start-1].space
		if kb.start <= start || joined || kb.label != label && !f.connectorIn(start, kb.start) || !f.connectorIn(start, kb.start) && !f.ownPrefix(start, kb.start) {
			return
		}
		if !f.connectorIn(start, kb.start) {
			f.release(o)
			kb.hidden = true
		}
	}
	for i := start; i < end; i++ {
		if o := f.owner[i]; o >= 0 {
			f.ms[o].inner = true
			f.ms[o].actor = false
			// A name inside a name is no mention of its place: "the
			// Taiwan Strait", "Gaza Peace Plan".
			if f.ms[o].label == schema.Place || label == schema.Place && f.ms[o].label == schema.Country {
				f.ms[o].hidden = true
			}
			f.owner[i] = -1
		}
	}
	name := spanText(f.ts, start, end)
	if start > 0 && f.ts[start-1].key == "the" && f.owner[start-1] < 0 {
		start--
	}
	m := mention{start: start, end: end, label: label, ref: -1, actor: label != schema.Treaty && label != schema.Place, place: -1, name: name}
	f.add(m)
}

// connectorIn reports whether "of", "for" or "on" joins tokens [start, end).
func (f *mentionFinder) connectorIn(start, end int) bool {
	for i := start; i < end; i++ {
		if k := f.ts[i].key; k == "of" || k == "for" || k == "on" {
			return true
		}
	}
	return false
}

// ownPrefix reports whether tokens [start, end) are capitalised words that
// name no country: the words a longer name adds before a known one.
func (f *mentionFinder) ownPrefix(start, end int) bool {
	for i := start; i < end; i++ {
		if o := f.owner[i]; o >= 0 && (f.ms[o].label == schema.Country || f.ms[o].label == schema.Person) {
			return false
		}
		if !f.ts[i].upper && f.ts[i].text != "-" {
			return false
		}
	}
	return true
}

// release frees the tokens of mention o, which stays as an inner mention.
func (f *mentionFinder) release(o int) {
	for i := f.ms[o].start; i < f.ms[o].end; i++ {
		if f.owner[i] == o {
			f.owner[i] = -1
		}
	}
	f.ms[o].inner = true
	f.ms[o].actor = false
}

// titleBefore reports whether a title or honorific ends right before i.
func (f *mentionFinder) titleBefore(i int) bool {
	for _, s := range f.titles {
		if s.end == i {
			return true
		}
	}
	return false
}

// appositionAfter reports whether ", who", ", a/an/the <title or
// apposition noun>" or ", <title>" follows a name ending at i.
func (f *mentionFinder) appositionAfter(i int) bool {
	ts := f.ts
	if i+1 >= len(ts) || ts[i].text != "," {
		return false
	}
	switch ts[i+1].key {
	case "who", "whose":
		return true
	case "a", "an", "the":
		for j := i + 2; j < len(ts) && j < i+7; j++ {
			if ts[j].kind == tokPunct {
				return false
			}
			if n, _ := f.titleAt(j); n > 0 || f.x.lex.appositionNoun[ts[j].key] {
				return true
			}
		}
		return false
	}
	// ", National Security Adviser,": a title that names no one after it.
	n, _ := f.titleAt(i + 1)
	return n > 0 && i+1+n < len(ts) && !ts[i+1+n].upper
}

// speechAfter reports whether a verb of speech follows a name ending at i.
func (f *mentionFinder) speechAfter(i int) bool {
	return i < len(f.ts) && f.x.lex.speechVerb[f.ts[i].key]
}

// spanText returns the text of tokens [start, end) with their spacing.
func spanText(ts []token, start, end int) string {
	var b strings.Builder
	for i := start; i < end; i++ {
		if i > start && ts[i].space {
			b.WriteByte(' ')
		}
		b.WriteString(ts[i].text)
	}
	return b.String()
}

// isHeadline reports whether a sentence is a title or a headline: it does
// not end with a full stop, a question or an exclamation mark.
func isHeadline(s *sentence) bool {
	last := s.tokens[len(s.tokens)-1]
	return s.title || last.kind != tokPunct || !strings.ContainsAny(last.text, ".!?")
}

// isTitleCase reports whether a sentence is a headline in title case,
// where capitals do not mark names.
func isTitleCase(ts []token) bool {
	words, upper := 0, 0
	for _, t := range ts {
		if t.kind != tokWord || utf8.RuneCountInString(t.text) < 4 {
			continue
		}
		words++
		if t.upper {
			upper++
		}
	}
	return words >= 3 && upper*10 >= words*7
}

// people builds the mentions of persons: a name with its title before it
// ("Russian Foreign Minister Sergey Lavrov", "President of Belarus
// Alexander Lukashenko"), with an apposition after it ("Jake Sullivan, the
// national security adviser"), or a title alone ("the US Secretary of
// State").
func (f *mentionFinder) people() {
	for _, t := range f.titles {
		if t.honorific {
			continue
		}
		if f.owner[t.start] >= 0 {
			continue
		}
		f.titled(t)
	}
	for i := range f.ms {
		m := &f.ms[i]
		if m.label == schema.Person && !m.inner {
			f.suffix(i)
			f.appositive(i)
			if m.role != "" {
				f.titleChain(i)
			}
		}
	}
}

// suffix takes a generational suffix into a person's name: "Joseph R.
// Biden, Jr.", "Martin Luther King Jr".
func (f *mentionFinder) suffix(i int) {
	ts := f.ts
	m := &f.ms[i]
	j := m.end
	if j < len(ts) && ts[j].text == "," {
		j++
	}
	if j >= len(ts) || f.owner[j] >= 0 && f.owner[j] != i {
		return
	}
	switch ts[j].key {
	case "jr", "sr", "ii", "iii", "iv":
	default:
		return
	}
	j++
	if j < len(ts) && ts[j].text == "." && !ts[j].space {
		j++
	}
	for k := m.end; k < j; k++ {
		f.owner[k] = i
	}
	m.end = j
}

// titleChain takes the titles listed before a titled person into it:
// "Chinese Communist Party Politburo Member, Director of the Office of the
// Foreign Affairs Commission, and Foreign Minister Wang Yi".
func (f *mentionFinder) titleChain(i int) {
	ts := f.ts
	m := &f.ms[i]
	for {
		k := m.start
		switch {
		case k > 1 && ts[k-1].key == "and" && ts[k-2].key == ",":
			k -= 2
		case k > 0 && ts[k-1].key == ",":
			k--
		default:
			return
		}
		// [AFF...] TITLE [of [the] AFF] ending at k.
		var aff []int
		end := k
		if o := f.ownerAt(k - 1); o >= 0 && f.ms[o].end == k && isAffiliation(&f.ms[o]) {
			q := f.ms[o].start
			if q > 0 && ts[q-1].key == "the" {
				q--
			}
			if q > 0 && ts[q-1].key == "of" {
				aff = append(aff, o)
				end = q - 1
			}
		}
		var t span
		for _, s := range f.titles {
			if s.end == end && !s.honorific {
				t = s
			}
		}
		if t.end == 0 {
			return
		}
		start := t.start
		for start > 0 {
			o := f.ownerAt(start - 1)
			if o < 0 || o == i || !isAffiliation(&f.ms[o]) || f.ms[o].end != start {
				break
			}
			aff = append(aff, o)
			start = f.ms[o].start
		}
		for _, a := range aff {
			f.ms[a].inner, f.ms[a].actor = true, false
		}
		for j := start; j < m.start; j++ {
			f.owner[j] = i
		}
		m.aff = append(m.aff, aff...)
		m.start = start
	}
}

// titled handles the title t: the person named after it, or a person
// named by the title alone.
func (f *mentionFinder) titled(t span) {
	ts := f.ts
	// "of Belarus", "of the Republic of India", "to the Kaliningrad
	// Region" after the title.
	j := t.end
	var aff []int
	for j+1 < len(ts) && (ts[j].key == "of" || ts[j].key == "to" || ts[j].key == "for") {
		k := j + 1
		if ts[k].key == "the" {
			k++
		}
		o := f.ownerAt(k)
		// The name may hold its "the": "of the Joint Chiefs of Staff".
		if o < 0 || f.ms[o].start != k && !(f.ms[o].start == k-1 && ts[k-1].key == "the") || f.ms[o].label == schema.Person || f.ms[o].label == "" {
			break
		}
		if isAffiliation(&f.ms[o]) {
			aff = append(aff, o)
		}
		j = f.ms[o].end
	}
	// A demonym that starts a name: "Trade Minister German Gref".
	if o := f.ownerAt(j); o >= 0 && f.ms[o].kind == mDemonym && f.ms[o].end == j+1 && j+1 < len(ts) && ts[j+1].upper && ts[j+1].kind == tokWord && f.owner[j+1] < 0 && f.titleStarting(j+1).end == 0 {
		f.release(o)
		f.ms[o].label, f.ms[o].hidden = "", true
	}
	// Honorifics between the title and the name: "Dr", "Mr".
	for _, h := range f.titles {
		if h.start == j && h.honorific {
			j = h.end
		}
	}
	// Affiliations before the title: "US", "Russian", "the Chinese".
	start := t.start
	for start > 0 {
		o := f.ownerAt(start - 1)
		if o < 0 || !isAffiliation(&f.ms[o]) || f.ms[o].end != start {
			break
		}
		aff = append(aff, o)
		start = f.ms[o].start
	}
	role := spanText(ts, t.start, t.end)
	if o := f.ownerAt(j); o >= 0 && f.ms[o].label == schema.Person && f.ms[o].start == j {
		f.attach(o, start, role, t.roles, aff)
		return
	}
	if j < len(ts) && f.owner[j] < 0 && f.runStart(j) && ts[j].upper {
		end := f.runEnd(j)
		// "Chief Medical Advisor": words between two titles make one
		// title, not a name.
		compound := end < len(ts) && f.titleStarting(end).end > 0 && !f.titleStarting(end).honorific
		if end-j <= 5 && !compound && personLike(ts[j:end], f.x.lex) && !f.overlapsName(j, end) {
			m := mention{start: j, end: end, label: schema.Person, ref: -1, actor: true, place: -1}
			m.name = spanText(ts, j, end)
			if o := f.add(m); o >= 0 {
				f.attach(o, start, role, t.roles, aff)
			}
			return
		}
	}
	// "The Italian foreign minister, Luigi Di Maio, ...".
	if j+1 < len(ts) && ts[j].text == "," && f.owner[j+1] < 0 && ts[j+1].upper && start > 0 && ts[start-1].key == "the" {
		end := f.runEnd(j + 1)
		if end-j-1 <= 5 && personLike(ts[j+1:end], f.x.lex) && end < len(ts) && ts[end].text == "," {
			m := mention{start: j + 1, end: end, label: schema.Person, ref: -1, actor: true, place: -1}
			m.name = spanText(ts, j+1, end)
			if o := f.add(m); o >= 0 {
				f.attach(o, start, role, t.roles, aff)
				f.ms[o].end = end + 1
				f.owner[j] = o
				f.owner[end] = o
			}
			return
		}
	}
	// A title alone names a person where "the", a possessive or an
	// affiliation shows it refers: "the US Secretary of State".
	if start > 0 && (ts[start-1].key == "the" || ts[start-1].key == "his" || ts[start-1].key == "her") {
		start-- // "the", and "his" of "his Russian counterpart", belong to the title
		m := mention{start: start, end: j, kind: mRole, label: schema.Person, ref: -1, actor: true, role: role, roles: t.roles, aff: aff, place: -1}
		if o := f.addOver(m); o >= 0 {
			for _, a := range aff {
				f.ms[a].inner, f.ms[a].actor = true, false
			}
		}
	}
}

// ownerAt returns the mention covering token i, or -1.
func (f *mentionFinder) ownerAt(i int) int {
	if i < 0 || i >= len(f.owner) {
		return -1
	}
	return f.owner[i]
}

// isAffiliation reports whether m can be a person's country or organisation.
func isAffiliation(m *mention) bool {
	return m.label == schema.Country || m.label == schema.Organization
}

// attach makes person mention o span its title from start, with role and
// affiliations.
func (f *mentionFinder) attach(o, start int, role string, roles []int, aff []int) {
	m := &f.ms[o]
	m.role, m.roles = role, roles
	m.aff = append(m.aff, aff...)
	if start > 0 && f.ts[start-1].key == "the" {
		start--
	}
	for i := start; i < m.start; i++ {
		if a := f.owner[i]; a >= 0 && a != o {
			f.ms[a].inner, f.ms[a].actor = true, false
		}
		f.owner[i] = o
	}
	m.start = start
	// "Jake Sullivan of the United States".
	j := m.end
	if j+1 < len(f.ts) && f.ts[j].key == "of" {
		k := j + 1
		if f.ts[k].key == "the" {
			k++
		}
		if a := f.ownerAt(k); a >= 0 && a != o && isAffiliation(&f.ms[a]) && f.ms[a].kind != mDemonym {
			m.aff = append(m.aff, a)
			f.ms[a].inner, f.ms[a].actor = true, false
			for i := j; i < f.ms[a].end; i++ {
				f.owner[i] = o
			}
			m.end = f.ms[a].end
		}
	}
}

// addOver adds m over tokens that only inner-able mentions hold.
func (f *mentionFinder) addOver(m mention) int { return f.place(m, true) }

// appositive reads ", the Prime Minister of Denmark," after person i.
func (f *mentionFinder) appositive(i int) {
	ts := f.ts
	m := &f.ms[i]
	j := m.end
	if j+1 >= len(ts) || ts[j].text != "," {
		return
	}
	k := j + 1
	if ts[k].key == "the" || ts[k].key == "a" || ts[k].key == "an" {
		k++
	}
	var aff []int
	for k < len(ts) {
		o := f.ownerAt(k)
		if o < 0 || !isAffiliation(&f.ms[o]) {
			break
		}
		aff = append(aff, o)
		k = f.ms[o].end
	}
	var t span
	for _, s := range f.titles {
		if s.start == k && !s.honorific {
			t = s
		}
	}
	if t.end == 0 {
		return
	}
	k = t.end
	if k+1 < len(ts) && ts[k].key == "of" {
		q := k + 1
		if ts[q].key == "the" {
			q++
		}
		if o := f.ownerAt(q); o >= 0 && isAffiliation(&f.ms[o]) {
			aff = append(aff, o)
		}
	}
	if m.role == "" {
		m.role, m.roles = spanText(ts, t.start, t.end), t.roles
	}
	m.aff = append(m.aff, aff...)
}

// parentheses takes an acronym in parentheses after a name into the name:
// "the Syrian Democratic Forces (SDF)", "World Health Organization (WHO)".
func (f *mentionFinder) parentheses() {
	ts := f.ts
	for i := range f.ms {
		m := &f.ms[i]
		e := m.end
		if m.inner || m.label == "" || m.label == schema.Person || e+2 >= len(ts) || ts[e].text != "(" || ts[e+2].text != ")" {
			continue
		}
		a := &ts[e+1]
		o := f.owner[e+1]
		// "UN Relief and Works Agency for the Near East (UNRWA)": the
		// unknown name is the known organisation.
		if o >= 0 && m.ref < 0 && f.ms[o].ref >= 0 && f.ms[o].label == m.label && f.ms[o].start == e+1 {
			m.ref = f.ms[o].ref
		}
		if !(a.caps && o < 0) && !(o >= 0 && f.ms[o].label == m.label && f.ms[o].ref == m.ref && f.ms[o].ref >= 0) {
			continue
		}
		if o >= 0 {
			f.release(o)
			f.ms[o].label, f.ms[o].hidden = "", true
		}
		m.acronym = a.text
		for j := e; j < e+3; j++ {
			f.owner[j] = i
		}
		m.end = e + 3
	}
}

// counterparts reads "his Greek, Cypriot and French counterparts, Nikos
// Dendias, Nikos Christodoulides and Jean-Yves Le Drian, respectively": the
// names are persons of the title of the person before, each of the country
// of the same rank; the words around them are passed over.
func (f *mentionFinder) counterparts() {
	ts := f.ts
	for i := range ts {
		if ts[i].key != "counterparts" || f.owner[i] >= 0 {
			continue
		}
		// The demonyms before, and "his".
		var dems []int
		b := i
		for b > 0 {
			if o := f.ownerAt(b - 1); o >= 0 && f.ms[o].kind == mDemonym {
				dems = append([]int{o}, dems...)
				b = f.ms[o].start
				continue
			}
			if k := ts[b-1].key; (k == "," || k == "and") && len(dems) > 0 {
				b--
				continue
			}
			break
		}
		if b > 0 && (ts[b-1].key == "his" || ts[b-1].key == "her" || ts[b-1].key == "their") {
			b--
		}
		// The names after.
		j := i + 1
		if j < len(ts) && ts[j].text == "," {
			j++
		}
		var names [][2]int
		known := make(map[int]int) // name index → person mention
		for j < len(ts) && ts[j].upper {
			end := 0
			if o := f.owner[j]; o >= 0 && f.ms[o].label == schema.Person && f.ms[o].start == j {
				end = f.ms[o].end
				known[len(names)] = o
			} else if o < 0 {
				end = f.runEnd(j)
				if !personLike(ts[j:end], f.x.lex) {
					break
				}
			} else {
				break
			}
			names = append(names, [2]int{j, end})
			j = end
			if j+1 < len(ts) && (ts[j].key == "," || ts[j].key == "and") && ts[j+1].upper {
				j++
			} else if j+2 < len(ts) && ts[j].key == "," && ts[j+1].key == "and" {
				j += 2
			} else {
				break
			}
		}
		if len(names) == 0 || len(dems) != len(names) && len(dems) != 1 {
			continue
		}
		role, roles := "", []int(nil)
		for _, m := range f.ms {
			if m.label == schema.Person && m.role != "" && m.end <= b {
				role, roles = m.role, m.roles
			}
		}
		for _, d := range dems {
			f.ms[d].inner, f.ms[d].actor = true, false
		}
		f.skip(b, names[0][0])
		for n, sp := range names {
			d := dems[0]
			if len(dems) == len(names) {
				d = dems[n]
			}
			if o, ok := known[n]; ok {
				p := &f.ms[o]
				if p.role == "" {
					p.role, p.roles = role, roles
				}
				p.aff = append(p.aff, d)
				continue
			}
			m := mention{start: sp[0], end: sp[1], label: schema.Person, ref: -1, actor: true, place: -1, role: role, roles: roles, aff: []int{d}}
			m.name = spanText(ts, sp[0], sp[1])
			f.add(m)
		}
		// ", respectively".
		if j+1 < len(ts) && ts[j].key == "," && ts[j+1].key == "respectively" {
			end := j + 2
			if end < len(ts) && ts[end].key == "," {
				end++
			}
			f.skip(j, end)
		}
	}
}

// skip makes the engine pass over tokens [start, end); the mentions there
// stay entities but no relation arguments.
func (f *mentionFinder) skip(start, end int) {
	for i := start; i < end; i++ {
		if o := f.owner[i]; o >= 0 {
			f.ms[o].inner, f.ms[o].actor = true, false
		}
	}
	f.ms = append(f.ms, mention{start: start, end: end, kind: mSkip, ref: -1, place: -1})
	for i := start; i < end; i++ {
		f.owner[i] = len(f.ms) - 1
	}
}

// references finds pronouns, group nouns and definite references.
func (f *mentionFinder) references() {
	ts, lex := f.ts, f.x.lex
	for i := 0; i < len(ts); i++ {
		if f.owner[i] >= 0 || ts[i].kind != tokWord {
			continue
		}
		k := ts[i].key
		if ts[i].flags&(lex.pronoun.bit|lex.groupPerson.bit|lex.groupCountry.bit) == 0 && k != "the" && (i == 0 || ts[i-1].key != "the") {
			continue
		}
		m := mention{start: i, end: i + 1, ref: -1, actor: true, place: -1}
		switch {
		case (lex.groupPerson.has(ts, i) || lex.groupCountry.has(ts, i)) && !f.groupOf(i):
			n := max(lex.groupPerson.match(ts, i), lex.groupCountry.match(ts, i))
			m.end, m.kind = i+n, mGroup
			switch {
			case lex.groupPerson.match(ts, i) == n && lex.groupCountry.match(ts, i) == n:
				m.group = groupAny
			case lex.groupPerson.match(ts, i) == n:
				m.group = groupPersons
			default:
				m.group = groupCountries
			}
		case lex.pronounPerson[k]:
			m.kind = mPronoun
		case lex.pronounPersonPoss[k]:
			m.kind, m.poss = mPronoun, true
		case lex.pronounThingPoss[k]:
			m.kind, m.poss = mThing, true
		case lex.pronounThing[k]:
			m.kind = mThing
		case lex.pronounGroup[k]:
			m.kind, m.group = mGroup, groupAny
		case lex.pronounGroupPoss[k]:
			m.kind, m.group, m.poss = mGroup, groupAny, true
		case lex.pronounAuthor[k] && (ts[i].text == "I" || k == "my"):
			m.kind = mAuthor
			m.poss = k == "my"
		case (k == "summit" || lex.summitNamed[k] && (i+1 >= len(ts) || ts[i+1].key != "of" && ts[i+1].key != "on")) && i > 0 && ts[i-1].key == "the" && !ts[i].upper:
			m.kind, m.start = mSummitRef, i-1
		case lex.treatyRef[k] && i > 0 && ts[i-1].key == "the" && !ts[i].upper:
			m.kind, m.start = mTreatyRef, i-1
		case k == "the" && f.treatyRefAfter(i) > 0:
			// "the Cold War-era arms control pact": the treaty named last.
			m.kind, m.end = mTreatyRef, f.treatyRefAfter(i)
		case lex.orgRef[k] && i > 0 && ts[i-1].key == "the" && f.owner[i-1] < 0 && !ts[i].upper && !f.othersAfter(i):
			// "criticised the alliance", "the bloc said".
			m.kind, m.start = mOrgRef, i-1
		case k == "country" && i > 0 && ts[i-1].key == "the" && f.owner[i-1] < 0 && !ts[i].upper:
			// "pulled the country out of", "the country's withdrawal":
			// the country told last.
			m.kind, m.start, m.group = mThing, i-1, groupCountries
		case (lex.withdrawalRef[k] || lex.attackRef[k]) && i > 0 && ts[i-1].key == "the" && f.owner[i-1] < 0 && !ts[i].upper && !f.actOwned(i):
			// "criticised the move", "the attack was condemned by":
			// the relations stage resolves it to the actor of the act.
			m.kind, m.start = mEventRef, i-1
			m.group = eventWithdrawal
			if lex.attackRef[k] {
				m.group = eventAttack
			}
		case k == "the" && i > 0 && ts[i-1].key == "joined" && i+1 < len(ts) && lex.meetingRef[ts[i+1].key]:
			// "joined the talks": the participants of the last meeting.
			m.kind, m.group, m.end = mGroup, groupPersons, i+2
		default:
			continue
		}
		f.add(m)
		i = m.end - 1
	}
}

// treatyRefAfter returns the end of a definite reference to a treaty with
// modifiers that start at "the" at token i ("the Cold War-era arms control
// pact", "the 2015 nuclear agreement"), or 0. Modifiers that make it
// another treaty ("the new pact") make it none.
func (f *mentionFinder) treatyRefAfter(i int) int {
	ts, lex := f.ts, f.x.lex
	for j := i + 1; j < len(ts) && j <= i+8; j++ {
		t := &ts[j]
		if f.owner[j] >= 0 || t.url || t.kind == tokPunct && t.text != "-" {
			return 0
		}
		if lex.notSameTreaty[t.key] {
			return 0
		}
		if lex.treatyRef[t.key] && !t.upper {
			if j == i+1 || j+1 < len(ts) && ts[j+1].upper && ts[j+1].kind == tokWord {
				return 0 // "the treaty" is the short case; "the Agreement on ..." is a name
			}
			return j + 1
		}
	}
	return 0
}

// groupOf reports whether the group noun at token i names others by what
// follows it: "the leaders of Belgium and Great Britain".
func (f *mentionFinder) groupOf(i int) bool {
	lex := f.x.lex
	n := max(lex.groupPerson.match(f.ts, i), lex.groupCountry.match(f.ts, i))
	return i+n < len(f.ts) && (f.ts[i+n].key == "of" || f.ts[i+n].key == "from")
}

// othersAfter reports whether what follows token i says which one it is:
// "the alliance between the United States and Japan", "the bloc of ...".
func (f *mentionFinder) othersAfter(i int) bool {
	if i+1 >= len(f.ts) {
		return false
	}
	switch f.ts[i+1].key {
	case "of", "between", "with", "'s", "-", "among", "led", "formed", "founded":
		return true
	}
	return false
}

// actOwned reports whether the act named at token i has its actor or its
// own complement after it: "the decision by the United States", "the
// attack on Israel", "the move to ...".
func (f *mentionFinder) actOwned(i int) bool {
	if i+1 >= len(f.ts) {
		return false
	}
	switch f.ts[i+1].key {
	case "of", "by", "to", "from", "on", "against", "'s", "-":
		return true
	}
	return false
}

// summits names the summits: "the G20 summit in New Delhi", "the 10th
// Russia-European Union summit", "a meeting of the Supreme Eurasian
// Economic Council".
func (f *mentionFinder) summits() {
	ts, lex := f.ts, f.x.lex
	for i := 0; i < len(ts); i++ {
		n := lex.summitHead.match(ts, i)
		if n == 0 {
			continue
		}
		// "Munich Security Conference", "Eastern Economic Forum": these
		// heads name a summit only with a capital.
		if lex.summitNamed[ts[i].key] && !ts[i].upper {
			continue
		}
		if o := f.owner[i]; o >= 0 {
			if f.ms[o].kind == mSummitRef {
				continue
			}
			if f.ms[o].label != schema.Summit {
				continue
			}
		}
		// The body: names and capitalised words before the head.
		b := i
		for b > 0 {
			p := &ts[b-1]
			if o := f.owner[b-1]; o >= 0 && (f.ms[o].label == schema.Organization || f.ms[o].label == schema.Country || f.ms[o].label == schema.Place) && !f.ms[o].inner {
				b = f.ms[o].start
				continue
			}
			if p.upper && p.kind == tokWord && !(b-1 == 0 && lex.functionWord[p.key]) && !lex.functionWord[p.key] || p.text == "-" && !p.space || p.kind == tokNum && !p.space {
				b--
				continue
			}
			break
		}
		if b == i {
			continue // "the summit": a reference
		}
		if b < len(ts) && ts[b].key == "the" {
			b++
		}
		name := spanText(ts, b, i+n)
		if o := f.owner[i]; o >= 0 {
			f.release(o)
			f.ms[o].inner = false
			f.ms[o].label = ""
		}
		m := mention{start: i, end: i + n, label: schema.Summit, ref: -1, name: name, place: f.placeAfter(i + n), bodyPlace: -1}
		// "the Brussels summit": a summit named by its place.
		if o := f.ownerAt(b); o >= 0 && f.ms[o].start == b && f.ms[o].end == i && (f.ms[o].label == schema.Place || f.ms[o].kind == mCapital) {
			m.bodyPlace = o
		}
		for j := i; j < i+n; j++ {
			f.owner[j] = -1
		}
		f.add(m)
	}
	f.councilMeetings()
}

// placeAfter returns the place named after a summit ending at token i:
// "in New Delhi", "took place in Brussels", "held in Jakarta"; or -1.
func (f *mentionFinder) placeAfter(i int) int {
	ts := f.ts
	for j := i; j < len(ts) && j < i+4; j++ {
		if ts[j].key == "in" && j+1 < len(ts) {
			if o := f.ownerAt(j + 1); o >= 0 && (f.ms[o].label == schema.Place || f.ms[o].kind == mCapital) {
				return o
			}
			return -1
		}
		if ts[j].kind != tokWord || ts[j].upper {
			return -1
		}
	}
	return -1
}

// councilMeetings names the meetings of councils as summits: "a meeting of
// the Supreme Eurasian Economic Council", "a session of the Collective
// Security Council".
func (f *mentionFinder) councilMeetings() {
	ts := f.ts
	for i := 0; i+2 < len(ts); i++ {
		if k := ts[i].key; k != "meeting" && k != "session" || f.owner[i] >= 0 || ts[i+1].key != "of" {
			continue
		}
		j := i + 2
		if ts[j].key == "the" && j+1 < len(ts) {
			j++
		}
		o := f.ownerAt(j)
		if o < 0 || f.ms[o].start > j || f.ms[o].label != schema.Organization || !strings.HasSuffix(fold(f.ms[o].name), "council") {
			continue
		}
		org := strings.TrimPrefix(f.ms[o].name, "the ")
		m := mention{start: i, end: i + 1, label: schema.Summit, ref: -1, name: org + " " + ts[i].key, place: -1, bodyPlace: -1}
		m.alias = ts[i].key + " of the " + org
		f.add(m)
	}
}

// context settles what depends on the words around a mention: possessives,
// demonyms as actors, capitals as places, a name that is part of a longer
// unknown name ("George Washington").
func (f *mentionFinder) context() {
	ts := f.ts
	for i := range f.ms {
		m := &f.ms[i]
		if m.end < len(ts) && ts[m.end].norm == "'s" {
			m.poss = true
		}
		// "Iran-backed Houthi attacks": the backer is no actor of the act.
		if m.end+1 < len(ts) && ts[m.end].text == "-" && !ts[m.end].space && f.x.lex.modifierSuffix[ts[m.end+1].key] {
			m.actor = false
		}
		switch m.kind {
		case mDemonym:
			m.actor = !m.inner && f.actorHeadAfter(m.end)
		case mCapital, mAmbiguous:
			if f.partOfName(m) {
				m.label, m.inner = "", true
				continue
			}
			if m.kind == mCapital && f.placeContext(m) {
				m.label, m.actor = schema.Place, false
			}
		}
	}
}

// actorHeadAfter reports whether an actor head ("forces", "government")
// follows a demonym ending at i, over other demonyms ("Russian and Danish
// diplomats") and one adjective ("Russian army officers").
func (f *mentionFinder) actorHeadAfter(i int) bool {
	ts, lex := f.ts, f.x.lex
	skipped := 0
	for i < len(ts) {
		if o := f.ownerAt(i); o >= 0 && (f.ms[o].kind == mDemonym || f.ms[o].label == schema.Country && (ts[i-1].text == "-" || ts[i-1].key == "and")) {
			i = f.ms[o].end
			continue
		}
		switch ts[i].key {
		case "and", ",", "-", "or":
			i++
			continue
		}
		if lex.actorHead.has(ts, i) {
			return true
		}
		// "Finnish business leaders" are no state.
		if skipped == 0 && ts[i].kind == tokWord && !ts[i].upper && !lex.nonState[ts[i].key] {
			skipped++
			i++
			continue
		}
		return false
	}
	return false
}

// partOfName reports whether a capital or ambiguous name is part of a
// longer capitalised name: "George Washington", "Washington Post",
// "Michael Jordan".
func (f *mentionFinder) partOfName(m *mention) bool {
	ts, lex := f.ts, f.x.lex
	if m.start > 0 {
		p := ts[m.start-1]
		if p.upper && p.kind == tokWord && !lex.functionWord[p.key] && f.owner[m.start-1] < 0 && !f.titleBefore(m.start) {
			return true
		}
	}
	if m.end < len(ts) {
		n := ts[m.end]
		if n.upper && n.kind == tokWord && f.owner[m.end] < 0 && !lex.functionWord[n.key] {
			return true
		}
		if n.key == "state" && m.kind == mCapital {
			return true // "Washington state"
		}
	}
	return false
}

// placeContext reports whether a capital stands for the city rather than
// its state: after a locative preposition ("in Moscow"), in a dateline
// ("The Kremlin, Moscow"), before its country ("Beijing, China"), or, for
// a capital that is a city of the knowledge base, wherever it does not act:
// it acts when possessive ("Washington's position"), paired with another
// state ("Washington and Moscow"), or before a verb ("Athens expelled",
// "Moscow should", "Beijing said").
func (f *mentionFinder) placeContext(m *mention) bool {
	ts, lex := f.ts, f.x.lex
	s := m.start
	if s > 0 && ts[s-1].key == "the" {
		s--
	}
	if s > 0 {
		switch p := ts[s-1].key; {
		case p == "between" || p == "against" || p == "with":
			return false
		case p == "of" && s > 1 && lex.stanceNoun[ts[s-2].key]:
			return false // "condemnation of Moscow"
		case lex.stateVerb[p]:
			return false // "condemned Moscow"
		case lex.locative[p]:
			return true
		}
	}
	if s > 1 && ts[s-1].text == "," {
		if o := f.ownerAt(s - 2); o >= 0 && (f.ms[o].label == schema.Place || f.ms[o].kind == mCapital) {
			return true
		}
	}
	if m.end+1 < len(ts) && ts[m.end].text == "," {
		if o := f.ownerAt(m.end + 1); o >= 0 && f.ms[o].label == schema.Country && f.ms[o].kind == mName {
			return true
		}
	}
	if s == 0 && len(ts) <= m.end+8 && hasDigit(ts[m.end:]) {
		return true
	}
	if m.poss || f.pairedWithState(m) {
		return false
	}
	if f.actingAfter(m.end) {
		return false
	}
	return f.x.cities[fold(strings.TrimPrefix(m.name, "the "))]
}

// pairedWithState reports whether "and" joins m to another state:
// "Washington and Moscow".
func (f *mentionFinder) pairedWithState(m *mention) bool {
	ts := f.ts
	state := func(o int) bool {
		return o >= 0 && (f.ms[o].label == schema.Country && f.ms[o].kind != mDemonym || f.ms[o].kind == mCapital)
	}
	if m.end+1 < len(ts) && ts[m.end].key == "and" && state(f.ownerAt(m.end+1)) {
		return true
	}
	return m.start > 1 && ts[m.start-1].key == "and" && state(f.ownerAt(m.start-2))
}

// actingAfter reports whether a verb a capital acts by follows at token i,
// past adverbs and a date: "Washington first quit", "Washington on
// Wednesday imposed", "Washington was disappointed".
func (f *mentionFinder) actingAfter(i int) bool {
	ts, lex := f.ts, f.x.lex
	for n := 0; i < len(ts) && n < 3; n++ {
		k := ts[i].key
		switch {
		case actingVerb(k, lex), lex.passiveAux[k] && k != "be" && k != "being":
			return true
		case k == "on" || k == "in" || k == "last" || k == "this":
			if i+1 < len(ts) && (dateWord(ts[i+1].key) || ts[i+1].key == "week" || ts[i+1].key == "month" || ts[i+1].key == "year") {
				i += 2
				continue
			}
			return false
		case len(k) > 4 && strings.HasSuffix(k, "ly") && !ts[i].upper, k == "first" || k == "also" || k == "then" || k == "later" || k == "again" || k == "now" || k == "already" || k == "still":
			i++
			continue
		}
		return false
	}
	return false
}

// actingVerb reports whether a word after a name is a verb it acts by: a
// verb of speech, a modal, or a past tense.
func actingVerb(k string, lex *lexicon) bool {
	if lex.speechVerb[k] || lex.modalVerb[k] {
		return true
	}
	return len(k) > 4 && strings.HasSuffix(k, "ed")
}

func hasDigit(ts []token) bool {
	for _, t := range ts {
		if t.kind == tokNum {
			return true
		}
	}
	return false
}
