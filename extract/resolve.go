package extract

import (
	"slices"
	"strconv"
	"strings"
	"time"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/schema"
)

// Stage 3: mentions → entities. Within an article, short names, titles,
// pronouns and group nouns resolve to the entities they refer to; across
// articles, an entity has the same stable id every time: a country by its
// ISO code, a known entity by its canonical name in the knowledge base, an
// unknown one by its full name.

// entity is a node of the article's record under construction.
type entity struct {
	id, label, name string
	ref             int      // knowledge-base index within label, or -1
	words           []string // match keys of a person's full name
	aliases         []string // the other names it appeared under
	props           map[string]string
	roles           []int  // a person's knowledge-base roles, from the text
	role            string // a person's title as written
	country         string // ISO3 of a person's or place's country, from the text
}

// doc is one article on its way through the stages.
type doc struct {
	x         *Extractor
	art       kg.Article
	published string
	pub       time.Time
	sents     []sentence
	dates     [][]dateExpr // per sentence
	ments     [][]mention  // per sentence
	ents      []entity
	byID      map[string]int
	author    int // the person whose statement the article is, or -1
	summit    int // the last summit mentioned, or -1
	treaty    int // the last treaty mentioned, or -1
	boiler    []bool
	maybe     []candidate // personal names awaiting support
	personKey map[string][]int
	lower     map[string]bool     // words the article writes in lower case
	seen      []bool              // per rule: tried in the sentence at hand
	present   []string            // the rules' words in the sentence at hand
	alone     map[string][][2]int // capitalised words alone: key → (sentence, token)
	posted    map[int]int         // sentence of a quoted post → the person who posted it
	main      *string             // the country named most, once computed
}

// candidate is a capitalised run that is a personal name if the article
// supports it: its surname appears alone elsewhere.
type candidate struct {
	sent, start, end int
}

// entityFor returns the index of the entity with id, creating it.
func (d *doc) entityFor(id, label, name string, ref int) int {
	if i, ok := d.byID[id]; ok {
		return i
	}
	d.ents = append(d.ents, entity{id: id, label: label, name: name, ref: ref})
	d.byID[id] = len(d.ents) - 1
	return len(d.ents) - 1
}

// alias records that entity e appeared as s.
func (d *doc) alias(e int, s string) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "the ")
	if s == "" || s == d.ents[e].name || slices.Contains(d.ents[e].aliases, s) {
		return
	}
	d.ents[e].aliases = append(d.ents[e].aliases, s)
}

// kbEntity returns the entity of knowledge-base entry ref of label.
func (d *doc) kbEntity(label string, ref int) int {
	k := d.x.kb
	switch label {
	case schema.Country:
		c := k.Countries[ref]
		e := d.entityFor(schema.EntityID(schema.Country, c.ISO3), label, c.Name, ref)
		d.prop(e, "iso3", c.ISO3)
		return e
	case schema.Organization:
		o := k.Organizations[ref]
		e := d.entityFor(schema.EntityID(label, o.Name), label, o.Name, ref)
		d.prop(e, "country", o.Country)
		d.prop(e, "kind", o.Kind)
		return e
	case schema.Treaty:
		t := k.Treaties[ref]
		return d.entityFor(schema.EntityID(label, t.Name), label, t.Name, ref)
	case schema.Place:
		p := k.Places[ref]
		e := d.entityFor(schema.EntityID(label, p.Name+" "+p.Country), label, p.Name, ref)
		d.prop(e, "country", p.Country)
		return e
	case schema.Person:
		p := k.People[ref]
		e := d.entityFor(schema.EntityID(label, p.Name), label, p.Name, ref)
		d.ents[e].words = nameWords(p.Name)
		return e
	}
	return -1
}

func (d *doc) prop(e int, k, v string) {
	if v == "" {
		return
	}
	if d.ents[e].props == nil {
		d.ents[e].props = make(map[string]string)
	}
	d.ents[e].props[k] = v
}

// nameWords returns the match keys of a name's words, without particles
// of punctuation.
func nameWords(name string) []string {
	var out []string
	for _, t := range tokenize(name) {
		if t.kind != tokPunct {
			out = append(out, t.key)
		}
	}
	return out
}

// resolve links every mention of the article to its entities.
func (d *doc) resolve() {
	d.people()
	d.postAuthors()
	sal := salience{person: -1, thing: -1, country: -1}
	for si := range d.sents {
		if d.boiler[si] {
			continue
		}
		ms := d.ments[si]
		for mi := range ms {
			d.resolveMention(si, mi, &sal)
			m := &ms[mi]
			if m.label == "" && len(m.ents) > 0 {
				m.label = d.ents[m.ents[0]].label
			}
			if m.label == schema.Treaty && m.kind == mName && len(m.ents) > 0 && !m.hidden {
				d.treaty = m.ents[0]
			}
		}
		if d.sents[si].title && d.author < 0 && d.x.lex.authored.has(d.sents[si].tokens, 0) {
			d.author = d.subjectBefore(si, len(ms))
		}
		sal.endSentence(d, si)
	}
	d.checkAmbiguous()
}

// salience tracks what pronouns and group nouns can refer to.
type salience struct {
	person    int   // the subject person of the last sentence with one
	thing     int   // the last country or organisation
	country   int   // the last country, also one named inside another name
	persons   []int // the last group of two or more persons
	countries []int // the last group of two or more countries
}

// endSentence updates the salience after sentence si.
func (s *salience) endSentence(d *doc, si int) {
	var persons, countries []int
	subject := -1
	for _, m := range d.ments[si] {
		for _, e := range m.ents {
			switch d.ents[e].label {
			case schema.Person:
				if m.kind == mGroup {
					continue
				}
				if subject < 0 {
					subject = e
				}
				if !slices.Contains(persons, e) {
					persons = append(persons, e)
				}
			case schema.Country, schema.Organization:
				if d.ents[e].label == schema.Country && !m.hidden && m.kind != mThing && m.kind != mGroup {
					s.country = e
				}
				if m.inner {
					continue
				}
				s.thing = e
				if d.ents[e].label == schema.Country && !slices.Contains(countries, e) {
					countries = append(countries, e)
				}
			}
		}
	}
	if subject >= 0 {
		s.person = subject
	}
	if len(persons) >= 2 && len(persons) <= maxGroup {
		s.persons = persons
	}
	// A group of countries is one that was the subject: "Russia and
	// China held talks ... They ...".
	if subj := d.subjectList(si); len(subj) >= 2 {
		s.countries = subj
	}
}

// maxGroup is the most persons "they" or "the leaders" may stand for: a
// larger set is a delegation list, not the parties of a meeting.
const maxGroup = 4

// subjectList returns the countries of a list that opens sentence si:
// "Russia and China ...".
func (d *doc) subjectList(si int) []int {
	ms := d.ments[si]
	ts := d.sents[si].tokens
	var out []int
	end := -1
	for _, m := range ms {
		if m.inner || m.hidden {
			continue
		}
		if len(m.ents) == 0 || m.label != schema.Country {
			break
		}
		if end >= 0 {
			if m.start-end != 1 || ts[end].key != "and" && ts[end].key != "," {
				break
			}
		} else if !d.opensSentence(ts, m.start) {
			break
		}
		out = appendUnique(out, m.ents[0])
		end = m.end
	}
	return out
}

// opensSentence reports whether token i starts the sentence, after "the"
// and punctuation at most.
func (d *doc) opensSentence(ts []token, i int) bool {
	for j := 0; j < i; j++ {
		if ts[j].kind == tokWord && ts[j].key != "the" {
			return false
		}
	}
	return true
}

// resolveMention sets the entities of mention mi of sentence si.
func (d *doc) resolveMention(si, mi int, sal *salience) {
	m := &d.ments[si][mi]
	ts := d.sents[si].tokens
	switch m.kind {
	case mPronoun:
		if p := d.subjectBefore(si, mi); p >= 0 {
			m.ents = []int{p}
		} else if sal.person >= 0 {
			m.ents = []int{sal.person}
		}
		return
	case mThing:
		if m.group == groupCountries {
			if c := d.countryBefore(si, mi); c >= 0 {
				m.ents = []int{c}
			} else if sal.country >= 0 {
				m.ents = []int{sal.country}
			}
			return
		}
		if t := d.informer(si, mi); t >= 0 {
			m.ents = []int{t}
			return
		}
		if t := d.thingBefore(si, mi); t >= 0 {
			m.ents = []int{t}
		} else if sal.thing >= 0 {
			m.ents = []int{sal.thing}
		}
		return
	case mGroup:
		if es := d.byGroupTitle(si, mi); len(es) >= 2 {
			m.ents = es
			return
		}
		if m.group == groupAny {
			if es := d.pluralBefore(si, mi); len(es) > 0 {
				m.ents = es
				return
			}
		}
		switch {
		case m.group == groupPersons || m.group == groupAny && len(sal.persons) > 0:
			m.ents = slices.Clone(sal.persons)
		case m.group == groupCountries || m.group == groupAny:
			m.ents = slices.Clone(sal.countries)
		}
		return
	case mAuthor:
		if a, ok := d.posted[si]; ok {
			m.ents = []int{a}
		} else if d.author >= 0 {
			m.ents = []int{d.author}
		}
		return
	case mOrgRef:
		if e := d.orgBefore(si, mi); e >= 0 {
			m.ents = []int{e}
			m.label = schema.Organization
		}
		return
	case mTreatyRef:
		if d.treaty >= 0 {
			m.ents = []int{d.treaty}
		}
		return
	case mSummitRef:
		if d.summit < 0 {
			d.summit = d.firstSummit()
		}
		if d.summit >= 0 {
			m.ents = []int{d.summit}
		}
		return
	}
	switch m.label {
	case "":
		return
	case schema.Person:
		m.ents = d.resolvePerson(si, mi, sal)
	case schema.Summit:
		e := d.summitEntity(si, m)
		d.summit = e
		m.ents = []int{e}
	case schema.Place:
		if m.kind == mCapital {
			m.ents = []int{d.cityEntity(m)}
			d.alias(m.ents[0], m.name)
			return
		}
		fallthrough
	default:
		var e int
		if m.ref >= 0 {
			e = d.kbEntity(m.label, m.ref)
		} else {
			e = d.entityFor(schema.EntityID(m.label, strings.TrimPrefix(m.name, "the ")), m.label, strings.TrimPrefix(m.name, "the "), -1)
			if m.label == schema.Organization && len(m.aff) > 0 {
				d.prop(e, "country", d.affCountry(si, m.aff[0]))
			}
		}
		m.ents = []int{e}
		if m.acronym != "" {
			// "World Health Organization (WHO)": the name and its acronym.
			d.alias(e, m.name)
			d.alias(e, m.acronym)
			return
		}
		d.alias(e, spanText(ts, nameStart(m, ts), m.end))
	}
}

// nameStart skips a leading "the" of a mention.
func nameStart(m *mention, ts []token) int {
	if ts[m.start].key == "the" && m.end > m.start+1 {
		return m.start + 1
	}
	return m.start
}

// cityEntity returns the place that a capital names as a city.
func (d *doc) cityEntity(m *mention) int {
	c := d.x.kb.Countries[m.ref]
	name := strings.TrimPrefix(m.name, "the ")
	name = strings.TrimPrefix(name, "The ")
	for i, p := range d.x.kb.Places {
		if p.Country == c.ISO3 && (strings.EqualFold(p.Name, name) || slices.ContainsFunc(p.Aliases, func(a string) bool { return strings.EqualFold(a, name) })) {
			return d.kbEntity(schema.Place, i)
		}
	}
	e := d.entityFor(schema.EntityID(schema.Place, name+" "+c.ISO3), schema.Place, name, -1)
	d.prop(e, "country", c.ISO3)
	return e
}

// subjectBefore returns the first person mentioned before mention mi in
// sentence si, or -1.
func (d *doc) subjectBefore(si, mi int) int {
	ts := d.sents[si].tokens
	fallback := -1
	for _, m := range d.ments[si][:mi] {
		if m.kind == mGroup || m.inner {
			continue
		}
		for _, e := range m.ents {
			if d.ents[e].label == schema.Person {
				// A possessor or the object of a preposition is no
				// subject: "At Mr Koizumi's request, Mr Putin described
				// his meeting".
				if m.poss || m.start > 0 && prepositions[ts[m.start-1].key] {
					if fallback < 0 {
						fallback = e
					}
					continue
				}
				return e
			}
		}
	}
	return fallback
}

// countryBefore returns the last country named before mention mi in
// sentence si, also inside another name ("United States President Donald
// Trump's administration announced the country's withdrawal"), or -1.
func (d *doc) countryBefore(si, mi int) int {
	ms := d.ments[si][:mi]
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].hidden || ms[i].kind == mThing || ms[i].kind == mGroup {
			continue
		}
		for _, e := range ms[i].ents {
			if d.ents[e].label == schema.Country {
				return e
			}
		}
	}
	return -1
}

// orgBefore returns the organisation that "the alliance", "the bloc" or
// "the organisation" at mention mi refers to: the last one named within a
// few sentences before whose names hold that noun, or, for "bloc" and
// "organisation", that is a bloc or an intergovernmental body; or -1.
func (d *doc) orgBefore(si, mi int) int {
	noun := d.sents[si].tokens[d.ments[si][mi].end-1].key
	k := d.x.kb
	for s := si; s >= 0 && s >= si-5; s-- {
		ms := d.ments[s]
		for i := len(ms) - 1; i >= 0; i-- {
			if s == si && i >= mi || ms[i].hidden || ms[i].kind == mOrgRef {
				continue
			}
			for _, e := range ms[i].ents {
				o := &d.ents[e]
				if o.label != schema.Organization || o.ref < 0 {
					continue
				}
				entry := k.Organizations[o.ref]
				named := slices.ContainsFunc(append([]string{entry.Name}, entry.Aliases...), func(n string) bool {
					return slices.Contains(nameWords(n), noun) || noun == "organization" && slices.Contains(nameWords(n), "organisation") || noun == "organisation" && slices.Contains(nameWords(n), "organization")
				})
				if named || noun != "alliance" && (entry.Kind == "bloc" || entry.Kind == "intergovernmental") {
					return e
				}
			}
		}
	}
	return -1
}

// informer returns the subject of "<subject> notified X of its ...": the
// one who informs tells of its own act; or -1.
func (d *doc) informer(si, mi int) int {
	ms := d.ments[si]
	ts := d.sents[si].tokens
	m := &ms[mi]
	if m.start < 3 || ts[m.start-1].key != "of" {
		return -1
	}
	// "<verb> [the] X of its": the object just before "of".
	o := mi - 1
	if o < 0 || ms[o].end != m.start-1 {
		return -1
	}
	v := ms[o].start - 1
	if v >= 0 && ts[v].key == "the" {
		v--
	}
	for v >= 0 && len(ts[v].key) > 2 && strings.HasSuffix(ts[v].key, "ly") {
		v-- // "formally notified"
	}
	if v < 0 || !d.x.lex.informVerb[ts[v].key] {
		return -1
	}
	for i := o - 1; i >= 0; i-- {
		x := &ms[i]
		if x.inner || x.end > v+1 || !x.actor && x.kind != mCapital {
			continue
		}
		for _, e := range x.ents {
			if l := d.ents[e].label; l == schema.Country || l == schema.Organization {
				return e
			}
		}
	}
	return -1
}

// thingBefore returns the last country or organisation before mention mi
// in sentence si, or -1.
func (d *doc) thingBefore(si, mi int) int {
	ms := d.ments[si][:mi]
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].inner || !ms[i].actor && ms[i].kind != mDemonym {
			continue
		}
		for _, e := range ms[i].ents {
			if l := d.ents[e].label; l == schema.Country || l == schema.Organization {
				return e
			}
		}
	}
	return -1
}

// summitEntity returns the summit of mention m: one per name, place and
// year; a summit named again without its place is the one named before.
func (d *doc) summitEntity(si int, m *mention) int {
	name := m.name
	place := ""
	if m.place >= 0 {
		pm := &d.ments[si][m.place]
		if len(pm.ents) == 0 {
			if pm.kind == mCapital {
				pm.ents = []int{d.cityEntity(pm)}
			} else if pm.ref >= 0 {
				pm.ents = []int{d.kbEntity(schema.Place, pm.ref)}
			}
		}
		if len(pm.ents) > 0 {
			place = d.ents[pm.ents[0]].name
		}
	}
	base := summitBase(name)
	bodyPlace := ""
	if m.bodyPlace >= 0 {
		bodyPlace = strings.TrimPrefix(d.ments[si][m.bodyPlace].name, "the ")
	}
	for i, e := range d.ents {
		if e.label != schema.Summit {
			continue
		}
		same := summitBase(e.name) == base && (place == "" || e.props["place"] == "" || e.props["place"] == place)
		if same || bodyPlace != "" && strings.EqualFold(e.props["place"], bodyPlace) {
			d.alias(i, name)
			d.alias(i, m.alias)
			if place != "" && e.props["place"] == "" {
				d.prop(i, "place", place)
			}
			return i
		}
	}
	year := yearOf(d.published)
	key := strings.TrimSpace(base + " " + place + " " + year)
	e := d.entityFor(schema.EntityID(schema.Summit, key), schema.Summit, base, -1)
	d.alias(e, name)
	d.alias(e, m.alias)
	d.prop(e, "place", place)
	d.prop(e, "year", year)
	return e
}

// summitBase drops ordinals and adjectives before a summit's body:
// "the fifth BRICS summit" → "BRICS summit".
func summitBase(name string) string {
	f := strings.Fields(name)
	for len(f) > 1 {
		w := strings.ToLower(f[0])
		if w == "the" || w == "a" || w == "annual" || isOrdinal(w) {
			f = f[1:]
			continue
		}
		break
	}
	return strings.Join(f, " ")
}

var ordinals = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}

func isOrdinal(w string) bool {
	if slices.Contains(ordinals, w) {
		return true
	}
	n := strings.TrimRight(w, "stndrh")
	_, err := strconv.Atoi(n)
	return err == nil && n != w
}

// firstSummit returns the first summit of the article, title included.
func (d *doc) firstSummit() int {
	for si := range d.sents {
		for mi := range d.ments[si] {
			m := &d.ments[si][mi]
			if m.label == schema.Summit {
				return d.summitEntity(si, m)
			}
		}
	}
	return -1
}

func yearOf(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return ""
}

// byGroupTitle resolves a group noun that names an office ("the
// presidents", "the foreign ministers") to the article's persons so far
// with a title of that office, if there are two or more.
func (d *doc) byGroupTitle(si, mi int) []int {
	m := &d.ments[si][mi]
	ts := d.sents[si].tokens
	head := strings.TrimSuffix(ts[m.end-1].key, "s")
	if m.end-m.start < 2 || head == "" {
		return nil
	}
	var out []int
	for s := si; s >= 0; s-- {
		for i, x := range d.ments[s] {
			if s == si && i >= mi || x.kind == mGroup || x.kind == mPronoun {
				continue
			}
			for _, e := range x.ents {
				p := &d.ents[e]
				if p.label == schema.Person && p.role != "" && slices.Contains(strings.Fields(roleKey(p.role)), head) {
					out = appendUnique(out, e)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// pluralBefore returns what "they" or "their" refers to within its own
// sentence: a list of two or more actors before it ("Turkey and Libya
// agreed on ... their border"), or a country or organisation subject
// ("Turkey justified ... their long shoreline").
func (d *doc) pluralBefore(si, mi int) []int {
	ms := d.ments[si][:mi]
	ts := d.sents[si].tokens
	for i := len(ms) - 1; i > 0; i-- {
		a, b := &ms[i-1], &ms[i]
		if a.inner || b.inner || len(a.ents) == 0 || len(b.ents) == 0 || a.label != b.label || a.label == "" {
			continue
		}
		inPP := a.start > 0 && prepositions[ts[a.start-1].key]
		if b.start-a.end == 1 && (ts[a.end].key == "and" || ts[a.end].key == ",") && !inPP {
			out := []int{a.ents[0], b.ents[0]}
			slices.Sort(out)
			return out
		}
	}
	for _, m := range ms {
		if m.inner || !m.actor || len(m.ents) == 0 {
			continue
		}
		if l := d.ents[m.ents[0]].label; l == schema.Country || l == schema.Organization {
			return []int{m.ents[0]}
		}
		return nil
	}
	return nil
}

// postAuthors finds quoted posts: the line before an attribution line
// "— Secretary Antony Blinken (@SecBlinken) March 2, 2023" is the post of
// that person, whom "I" and "my" in it refer to.
func (d *doc) postAuthors() {
	for si := range d.sents {
		s := &d.sents[si]
		ts := s.tokens
		if d.boiler[si] || s.title || len(ts) < 4 || ts[0].norm != "-" || !slices.ContainsFunc(ts, func(t token) bool { return t.text == "@" }) {
			continue
		}
		author := -1
		for mi := range d.ments[si] {
			if m := &d.ments[si][mi]; m.label == schema.Person && m.kind == mName {
				d.resolveMention(si, mi, &salience{person: -1, thing: -1, country: -1})
				if len(m.ents) > 0 {
					author = m.ents[0]
				}
				break
			}
		}
		if author < 0 {
			continue
		}
		for p := si - 1; p >= 0 && d.sents[p].line == s.line-1 && !d.sents[p].title; p-- {
			if d.posted == nil {
				d.posted = make(map[int]int)
			}
			d.posted[p] = author
		}
	}
}
