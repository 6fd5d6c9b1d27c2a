package extract

import (
	"slices"
	"strings"

	"github.com/newsgraph/kg/schema"
)

// People: the part of resolution that links short names, titles and
// counterparts to the full names of persons.

// people clusters the article's personal names before the sentences are
// resolved in order: a short name ("Lavrov", "Mr Perez Roque") belongs to
// the full name that contains it ("Sergey Lavrov", "Felipe Perez Roque"),
// whether the full name comes before or after it.
func (d *doc) people() {
	d.promoteCandidates()
	d.acronyms()
	// Full names: those of the knowledge base, and unknown names of two
	// words or more.
	type full struct {
		words []string
		ent   int
	}
	var fulls []full
	for si := range d.ments {
		for mi := range d.ments[si] {
			m := &d.ments[si][mi]
			if m.label != schema.Person || m.kind != mName {
				continue
			}
			if m.ref >= 0 {
				e := d.kbEntity(schema.Person, m.ref)
				fulls = append(fulls, full{d.ents[e].words, e})
				continue
			}
			w := nameWords(m.name)
			if len(w) < 2 {
				continue
			}
			if p := d.x.kbPersonByWords(w, d.published); p >= 0 {
				e := d.kbEntity(schema.Person, p)
				fulls = append(fulls, full{w, e})
				continue
			}
			if slices.ContainsFunc(fulls, func(f full) bool { return slices.Equal(f.words, w) }) {
				continue
			}
			e := d.entityFor(schema.EntityID(schema.Person, m.name), schema.Person, m.name, -1)
			d.ents[e].words = w
			fulls = append(fulls, full{w, e})
		}
	}
	// Short names and subsequences resolve to the unique full name that
	// contains them, else to the last one before them.
	d.personKey = make(map[string][]int)
	for _, f := range fulls {
		d.personKey[strings.Join(f.words, " ")] = appendUnique(d.personKey[strings.Join(f.words, " ")], f.ent)
	}
	for _, f := range fulls {
		for i := range f.words {
			for j := i + 1; j <= len(f.words); j++ {
				if j-i == len(f.words) || j-i == 1 && d.x.lex.nameParticle[f.words[i]] {
					continue
				}
				k := strings.Join(f.words[i:j], " ")
				d.personKey[k] = appendUnique(d.personKey[k], f.ent)
			}
		}
	}
	d.rescanSurnames()
}

func appendUnique(s []int, v int) []int {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// promoteCandidates makes personal names of the capitalised runs that
// start with a given name (@given_name) or whose last word appears alone
// elsewhere in the article: "Paul Whelan" ... "Whelan is a ...".
func (d *doc) promoteCandidates() {
	for _, c := range d.maybe {
		ts := d.sents[c.sent].tokens
		last := ts[c.end-1].key
		if !d.aloneElsewhere(last, c) && !d.x.lex.givenName[ts[c.start].key] || d.lowerWord(last) || slices.ContainsFunc(ts[c.start:c.end], func(t token) bool { return d.x.lex.notName[t.key] }) {
			continue
		}
		m := mention{start: c.start, end: c.end, label: schema.Person, ref: -1, actor: true, place: -1}
		m.name = spanText(ts, c.start, c.end)
		d.insertMention(c.sent, m)
	}
}

// acronyms adds a mention for each later use of an acronym that a
// parenthesis defined: "the Syrian Democratic Forces (SDF) ... the SDF".
func (d *doc) acronyms() {
	defs := make(map[string]mention)
	for si := range d.ments {
		for _, m := range d.ments[si] {
			if m.acronym != "" && m.label != "" {
				if _, ok := defs[fold(m.acronym)]; !ok {
					defs[fold(m.acronym)] = m
				}
			}
		}
	}
	if len(defs) == 0 {
		return
	}
	for si := range d.sents {
		if d.boiler[si] {
			continue
		}
		ts := d.sents[si].tokens
		covered := coverage(d.ments[si], len(ts))
		for i, t := range ts {
			def, ok := defs[t.norm]
			if !ok || !t.caps || covered[i] {
				continue
			}
			m := mention{start: i, end: i + 1, kind: mName, label: def.label, ref: def.ref, name: def.name, actor: def.actor, place: -1}
			d.insertMention(si, m)
		}
	}
}

// lowerWord reports whether the word key appears in lower case in the
// article: then it is a common word, not a name.
func (d *doc) lowerWord(key string) bool {
	if d.lower == nil {
		d.lower = make(map[string]bool)
		for _, s := range d.sents {
			for _, t := range s.tokens {
				if t.kind == tokWord && !t.upper {
					d.lower[t.key] = true
				}
			}
		}
	}
	return d.lower[key]
}

// aloneElsewhere reports whether the capitalised word key stands alone,
// outside every mention, in a sentence other than the candidate's.
func (d *doc) aloneElsewhere(key string, c candidate) bool {
	if d.alone == nil {
		d.indexAlone()
	}
	for _, p := range d.alone[key] {
		if p[0] != c.sent || p[1] < c.start || p[1] >= c.end {
			return true
		}
	}
	return false
}

// indexAlone indexes the capitalised words that stand alone outside every
// mention, by match key.
func (d *doc) indexAlone() {
	d.alone = make(map[string][][2]int)
	for si, s := range d.sents {
		if d.boiler[si] {
			continue
		}
		covered := coverage(d.ments[si], len(s.tokens))
		for i, t := range s.tokens {
			if !t.upper || t.kind != tokWord || covered[i] {
				continue
			}
			before := i == 0 || !s.tokens[i-1].upper || s.tokens[i-1].kind != tokWord || d.x.lex.honorific.has(s.tokens, i-1)
			after := i+1 >= len(s.tokens) || !s.tokens[i+1].upper || s.tokens[i+1].kind != tokWord
			if before && after {
				d.alone[t.key] = append(d.alone[t.key], [2]int{si, i})
			}
		}
	}
}

// coverage returns, per token, whether a mention covers it.
func coverage(ms []mention, n int) []bool {
	out := make([]bool, n)
	for _, m := range ms {
		for i := m.start; i < m.end && i < n; i++ {
			out[i] = true
		}
	}
	return out
}

// insertMention adds m to sentence si in text order, keeping the indices
// of affiliations and places right.
func (d *doc) insertMention(si int, m mention) {
	ms := d.ments[si]
	at := len(ms)
	for i, x := range ms {
		if x.start >= m.end {
			at = i
			break
		}
	}
	for i := range ms {
		for j, a := range ms[i].aff {
			if a >= at {
				ms[i].aff[j]++
			}
		}
		if ms[i].place >= at {
			ms[i].place++
		}
	}
	d.ments[si] = slices.Insert(ms, at, m)
}

// rescanSurnames adds a mention for every capitalised word sequence, not
// yet a mention, that is part of a person's full name: "Whelan",
// "Perez Roque".
func (d *doc) rescanSurnames() {
	for si := range d.sents {
		if d.boiler[si] {
			continue
		}
		ts := d.sents[si].tokens
		covered := coverage(d.ments[si], len(ts))
		for i := 0; i < len(ts); i++ {
			particle := i+2 < len(ts) && ts[i+1].text == "-" && ts[i+2].upper && d.x.lex.nameParticle[ts[i].key] // "al-Muhandis"
			if !ts[i].upper && !particle || ts[i].kind != tokWord || ts[i].url || covered[i] {
				continue
			}
			// The longest run of words from i that is a known name part.
			best := 0
			var words []string
			for j := i; j < len(ts) && j < i+4; j++ {
				if ts[j].kind == tokPunct && ts[j].text == "-" && !ts[j].space {
					continue
				}
				if ts[j].kind != tokWord || covered[j] {
					break
				}
				words = append(words, ts[j].key)
				if len(d.personKey[strings.Join(words, " ")]) > 0 {
					best = j + 1 - i
				}
			}
			if best == 0 {
				best = d.kbSurname(si, i)
			}
			if best == 0 {
				continue
			}
			if i > 0 && ts[i-1].upper && ts[i-1].kind == tokWord && !d.x.lex.functionWord[ts[i-1].key] {
				continue // inside another capitalised name
			}
			m := mention{start: i, end: i + best, label: schema.Person, ref: -1, actor: true, place: -1}
			m.name = spanText(ts, i, i+best)
			d.insertMention(si, m)
			for j := i; j < i+best; j++ {
				covered[j] = true
			}
			i += best - 1
		}
	}
}

// kbSurname returns 1 if token i of sentence si is the surname of exactly
// one person of the knowledge base and stands as a name: capitalised,
// alone, and not the first word of the sentence ("Biden executive
// actions", "the Lukashenka regime"); else 0.
func (d *doc) kbSurname(si, i int) int {
	ts := d.sents[si].tokens
	if ts[i].caps || i+1 < len(ts) && (ts[i+1].upper && ts[i+1].kind == tokWord || ts[i+1].text == "-") || i > 0 && ts[i-1].text == "-" {
		return 0
	}
	// At the start of a sentence a capital proves nothing; a name there is
	// followed by a list, a possessive or a verb: "Blinken and ...",
	// "Lavrov's", "Lavrov said".
	if i == 0 && !(i+1 < len(ts) && (ts[i+1].key == "and" || ts[i+1].key == "," || ts[i+1].key == "'s" || actingVerb(ts[i+1].key, d.x.lex) || ts[i+1].key == "met")) {
		return 0
	}
	if _, ok := months[ts[i].key]; ok || d.lowerWord(ts[i].key) {
		return 0
	}
	if d.x.lex.functionWord[ts[i].key] || i > 0 && ts[i-1].upper && ts[i-1].kind == tokWord && !d.x.lex.functionWord[ts[i-1].key] {
		return 0
	}
	if p := d.x.kbPersonByWords([]string{ts[i].key}, d.published); p >= 0 {
		return 1
	}
	return 0
}

// resolvePerson returns the entity of a person mention.
func (d *doc) resolvePerson(si, mi int, sal *salience) []int {
	m := &d.ments[si][mi]
	ts := d.sents[si].tokens
	var e int
	switch {
	case m.kind == mRole:
		e = d.byRole(si, mi)
		if e < 0 {
			return nil
		}
	case m.ref >= 0:
		e = d.kbEntity(schema.Person, m.ref)
	default:
		w := nameWords(m.name)
		es := d.personKey[strings.Join(w, " ")]
		switch {
		case len(es) == 1:
			e = es[0]
		case len(es) > 1:
			e = d.latest(si, es)
			// A surname alone is the office holder the knowledge base
			// knows rather than a relative the text names: "Biden" is not
			// Hunter Biden.
			if len(w) == 1 {
				if k := d.knownAmong(es); k >= 0 {
					e = k
				}
			}
		default:
			if p := d.x.kbPersonByWords(w, d.published); p >= 0 {
				e = d.kbEntity(schema.Person, p)
			} else {
				e = d.entityFor(schema.EntityID(schema.Person, m.name), schema.Person, m.name, -1)
				d.ents[e].words = w
			}
		}
	}
	d.alias(e, spanText(ts, m.start, m.end))
	if m.kind != mRole {
		d.alias(e, m.name)
	}
	if m.role != "" && d.ents[e].role == "" {
		d.ents[e].role, d.ents[e].roles = m.role, m.roles
	}
	for _, a := range m.aff {
		if d.ents[e].country == "" {
			if c := d.affCountry(si, a); c != "" {
				d.ents[e].country = c
			}
		}
	}
	return []int{e}
}

// knownAmong returns the one entity of es that is a person of the
// knowledge base in public life on the article's date, or -1.
func (d *doc) knownAmong(es []int) int {
	found := -1
	for _, e := range es {
		if r := d.ents[e].ref; r >= 0 && d.x.inPublicLife(r, d.published) {
			if found >= 0 {
				return -1
			}
			found = e
		}
	}
	return found
}

// latest returns the entity of es mentioned last before sentence si, or
// the first of es.
func (d *doc) latest(si int, es []int) int {
	for s := si; s >= 0; s-- {
		ms := d.ments[s]
		for i := len(ms) - 1; i >= 0; i-- {
			for _, e := range ms[i].ents {
				if slices.Contains(es, e) {
					return e
				}
			}
		}
	}
	return es[0]
}

// affCountry returns the ISO3 code of affiliation mention a of sentence si,
// if it names a country.
func (d *doc) affCountry(si, a int) string {
	m := &d.ments[si][a]
	if m.label == schema.Country && m.ref >= 0 {
		return d.x.kb.Countries[m.ref].ISO3
	}
	if m.kind == mCapital && m.ref >= 0 {
		return d.x.kb.Countries[m.ref].ISO3
	}
	// "Commander-in-Chief of the Ukrainian Armed Forces": the body's state.
	if m.label == schema.Organization && m.ref >= 0 {
		return d.x.kb.Organizations[m.ref].Country
	}
	return ""
}

// byRole resolves a person named by title alone: a person of the article
// with that title and country, else the holder of the office on the
// article's date in the knowledge base, else nobody.
func (d *doc) byRole(si, mi int) int {
	m := &d.ments[si][mi]
	country := ""
	for _, a := range m.aff {
		if c := d.affCountry(si, a); c != "" {
			country = c
		}
	}
	title := roleKey(m.role)
	if strings.HasSuffix(title, "counterpart") || strings.HasSuffix(title, "counterparts") {
		return d.counterpart(si, mi, country)
	}
	// "The President" in the house style of a government (a capitalised
	// title without a country) is the government's own: the one person
	// with that title whom the text gave no foreign country ("President
	// Biden spoke with President Erdogan of Turkiye. The President ...").
	if country == "" && d.capitalisedTitle(si, mi) {
		if e := d.homeHolder(si, mi, title); e >= 0 {
			return e
		}
	}
	// Persons of the article so far, latest first: first those the text
	// gave the title, then those the knowledge base says held the office;
	// a title without a country prefers the article's main country ("The
	// President" of a White House readout).
	for pass := 0; pass < 4; pass++ {
		want := country
		if want == "" && pass < 2 {
			want = d.mainCountry()
		}
		for s := si; s >= 0; s-- {
			ms := d.ments[s]
			for i := len(ms) - 1; i >= 0; i-- {
				if s == si && i >= mi {
					continue
				}
				x := &ms[i]
				if x.kind == mGroup || x.kind == mPronoun {
					continue
				}
				for _, e := range x.ents {
					p := &d.ents[e]
					if p.label != schema.Person {
						continue
					}
					// "the Prime Minister" is not the former one.
					if former(p.role) && !former(m.role) {
						continue
					}
					text := (roleKey(p.role) == title || overlap(p.roles, m.roles)) && (want == "" || d.personCountry(e) == "" || d.personCountry(e) == want)
					if pass%2 == 0 && text || pass%2 == 1 && d.holds(e, m.roles, want) {
						return e
					}
				}
			}
		}
	}
	if country == "" || len(m.roles) == 0 {
		return -1
	}
	return d.holder(m.roles, country)
}

// capitalisedTitle reports whether the title of mention mi is written
// with a capital inside the sentence: "the President", "The Vice
// President".
func (d *doc) capitalisedTitle(si, mi int) bool {
	m := &d.ments[si][mi]
	ts := d.sents[si].tokens
	for i := m.start; i < m.end; i++ {
		if k := ts[i].key; k == "the" || k == "his" || k == "her" {
			continue
		}
		return ts[i].upper
	}
	return false
}

// homeHolder returns the one person mentioned before mention mi with the
// title and no country of its own in the text, or -1.
func (d *doc) homeHolder(si, mi int, title string) int {
	m := &d.ments[si][mi]
	found := -1
	for s := 0; s <= si; s++ {
		for i, x := range d.ments[s] {
			if s == si && i >= mi {
				break
			}
			if x.kind == mGroup || x.kind == mPronoun || x.kind == mRole {
				continue
			}
			for _, e := range x.ents {
				p := &d.ents[e]
				if p.label != schema.Person || former(p.role) || !(roleKey(p.role) == title || overlap(p.roles, m.roles)) {
					continue
				}
				if p.country != "" {
					continue
				}
				if found >= 0 && found != e {
					return -1
				}
				found = e
			}
		}
	}
	return found
}

// personCountry returns the country of person entity e: from the text,
// else its nationality in the knowledge base.
func (d *doc) personCountry(e int) string {
	p := d.ents[e]
	if p.country != "" || p.ref < 0 {
		return p.country
	}
	return d.x.kb.People[p.ref].Country
}

// mainCountry returns the ISO3 code of the country the article names most
// often, or "".
func (d *doc) mainCountry() string {
	if d.main != nil {
		return *d.main
	}
	counts := make(map[string]int)
	best := ""
	for si := range d.ments {
		for _, m := range d.ments[si] {
			if m.label != schema.Country || m.ref < 0 || m.hidden {
				continue
			}
			iso := d.x.kb.Countries[m.ref].ISO3
			counts[iso]++
			if best == "" || counts[iso] > counts[best] {
				best = iso
			}
		}
	}
	d.main = &best
	return best
}

// holder returns the one person of the knowledge base who held one of
// roles for country on the article's date, or -1.
func (d *doc) holder(roles []int, country string) int {
	found := -1
	for _, r := range roles {
		for _, p := range d.x.kb.HoldersOf(d.x.kb.Roles[r].Name, country, "", d.published) {
			i := d.x.personIndex(p.Name)
			if i < 0 || found >= 0 && found != i {
				return -1
			}
			found = i
		}
	}
	if found < 0 {
		return -1
	}
	return d.kbEntity(schema.Person, found)
}

// holds reports whether person entity e held one of roles, for country if
// given, on the article's date according to the knowledge base.
func (d *doc) holds(e int, roles []int, country string) bool {
	p := d.ents[e]
	if p.ref < 0 || len(roles) == 0 {
		return false
	}
	for _, t := range d.x.kb.People[p.ref].Terms {
		if country != "" && t.Country != country || !termCovers(t.From, t.To, d.published) {
			continue
		}
		for _, r := range roles {
			if strings.EqualFold(t.Role, d.x.kb.Roles[r].Name) {
				return true
			}
		}
	}
	return false
}

// termCovers reports whether a term from..to covers the date.
func termCovers(from, to, date string) bool {
	if date == "" {
		return to == ""
	}
	return from <= date && (to == "" || to >= date[:min(len(date), len(to))])
}

// counterpart resolves "his Russian counterpart": the holder, for country,
// of the office of the sentence's subject.
func (d *doc) counterpart(si, mi int, country string) int {
	subj := d.subjectBefore(si, mi)
	if subj < 0 || country == "" {
		return -1
	}
	roles := d.ents[subj].roles
	if p := d.ents[subj]; p.ref >= 0 {
		for _, t := range d.x.kb.People[p.ref].Terms {
			if termCovers(t.From, t.To, d.published) {
				if r := d.x.roleIndex(t.Role); r >= 0 {
					roles = appendUnique(roles, r)
				}
			}
		}
	}
	if len(roles) == 0 {
		return -1
	}
	return d.holder(roles, country)
}

// former reports whether a title as written is one its holder no longer
// holds: "former Prime Minister", "the late President".
func former(title string) bool {
	f := strings.Fields(fold(title))
	for _, w := range f {
		switch w {
		case "former", "late", "ex", "then", "outgoing":
			return true
		case "the":
			continue
		}
		break
	}
	return false
}

// roleKey folds a title for comparison, without its modifiers.
func roleKey(title string) string {
	f := strings.Fields(fold(title))
	for len(f) > 1 {
		switch f[0] {
		case "acting", "former", "the", "then", "interim":
			f = f[1:]
			continue
		}
		break
	}
	return strings.Join(f, " ")
}

func overlap(a, b []int) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// checkAmbiguous drops the mentions of ambiguous country names ("Georgia",
// "Jordan", "Chad", "Turkey") that the article does not support: the
// country is named otherwise too, or listed with other countries.
func (d *doc) checkAmbiguous() {
	named := make(map[int]bool)
	for si := range d.ments {
		for _, m := range d.ments[si] {
			if m.kind == mName || m.kind == mDemonym || m.kind == mCapital {
				for _, e := range m.ents {
					named[e] = true
				}
			}
		}
	}
	for si := range d.ments {
		ms := d.ments[si]
		for mi := range ms {
			m := &ms[mi]
			if m.kind != mAmbiguous || len(m.ents) == 0 || named[m.ents[0]] || d.listedWithCountry(si, mi) {
				continue
			}
			m.ents, m.label, m.actor = nil, "", false
		}
	}
}

// listedWithCountry reports whether mention mi stands in a list with
// another country: "Georgia, Armenia and Azerbaijan".
func (d *doc) listedWithCountry(si, mi int) bool {
	ms := d.ments[si]
	ts := d.sents[si].tokens
	near := func(a, b int) bool { // tokens a..b hold only list separators
		for i := a; i < b; i++ {
			if k := ts[i].key; k != "," && k != "and" && k != "or" {
				return false
			}
		}
		return b-a <= 2
	}
	for j, o := range ms {
		if j == mi || o.label != schema.Country || o.kind == mAmbiguous {
			continue
		}
		if near(o.end, ms[mi].start) || near(ms[mi].end, o.start) {
			return true
		}
	}
	return false
}
