package extract

import (
	"cmp"
	"slices"
	"strings"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/schema"
)

// Stage 7: the record. Relations from the rule matches and from titles
// (REPRESENTS), merged per edge and date with their evidence, and the
// entities they connect, all in a fixed order so that the same article
// always gives the same bytes.

// relations runs the engine over every sentence and returns the edges.
func (d *doc) relations() []kg.Relation {
	var out []kg.Relation
	index := make(map[edgeKey]int)
	var items []item
	var disc discourse
	for si := range d.sents {
		if d.boiler[si] {
			continue
		}
		disc.refer(d, si)
		items = itemsOf(&d.sents[si], d.ments[si], d.x.vocab["'s"], items)
		hits := d.matchSentence(si, items)
		hits = slices.DeleteFunc(hits, func(h hit) bool { return d.blocked(&h, items) != "" })
		disc.within(d, si, hits)
		for _, h := range hits {
			trig := h.bind.trigger
			if trig < 0 {
				trig = h.bind.start
			}
			date := d.eventDate(si, items[trig].tok)
			conf := h.rule.confidence * quality(h.bind.a) * quality(h.bind.b)
			for _, p := range d.pairs(h.rule.typ, h.bind, h.sent) {
				out = d.addEdge(out, index, h.rule.typ.Name, p[0], p[1], date, conf, h.rule.id, si, nil)
				// A meeting told by a noun ("his recent conversation with
				// Trump") is no meeting that "the two leaders" refer to.
				if !h.rule.nominal || h.rule.typ.Name != schema.MetWith {
					disc.note(d, h.rule.typ.Name, p[0], p[1])
				}
			}
		}
		disc.decided(d, si)
		disc.told(si)
		out = d.represents(out, index, si)
	}
	return out
}

// edgeKey identifies an edge of the record: one per event date.
type edgeKey struct{ typ, src, tgt, date string }

// pairs returns the (source, target) entity pairs of a match: every source
// with every target, or for a symmetric type without targets every two
// sources ("Blinken and Lavrov met").
func (d *doc) pairs(rt schema.RelationType, b binding, si int) [][2]int {
	src := entsOf(b.a)
	tgt := entsOf(b.b)
	groupOnly := len(b.b) == 0 && len(src) >= 3 && slices.ContainsFunc(b.a, isGroup)
	var out [][2]int
	add := func(s, t int) {
		if s == t || !rt.Allows(d.ents[s].label, d.ents[t].label) {
			return
		}
		// A government does not meet its own offices: "officials of the
		// State Department and the Pentagon met".
		if rt.Symmetric && d.sameGovernment(s, t) {
			return
		}
		// One withdraws from what one is a member or party of: "Putin
		// left the Gromov Flight Research Institute by helicopter" is no
		// withdrawal.
		if rt.Name == schema.WithdrewFrom && d.ents[t].label == schema.Organization && !d.membership(t) {
			return
		}
		// The condemned is no victim or place: "condemned the attack in
		// Turkey's capital", "condemned attacks on Israel".
		if rt.Name == schema.Condemned && d.victim(si, b, t) {
			return
		}
		// "They discussed ..." of three or more persons may be one side:
		// no meeting between compatriots through a group alone.
		if rt.Symmetric && groupOnly && d.ents[s].label == schema.Person && d.ents[t].label == schema.Person && d.compatriots(s, t) {
			return
		}
		out = append(out, [2]int{s, t})
	}
	if len(tgt) == 0 && rt.Symmetric {
		for i := range src {
			for j := i + 1; j < len(src); j++ {
				add(src[i], src[j])
			}
		}
		return out
	}
	for _, s := range src {
		for _, t := range tgt {
			add(s, t)
		}
	}
	return out
}

// victim reports whether target t of a CONDEMNED match is named only after
// a preposition of place or direction, as a victim or a place.
func (d *doc) victim(si int, b binding, t int) bool {
	for _, m := range b.b {
		if !slices.Contains(m.ents, t) {
			continue
		}
		ts := d.sents[si].tokens
		// "hit out at X", "railed against X": the preposition of the
		// trigger.
		if m.start > 0 && m.start > b.triggerTok && victimPreposition[ts[m.start-1].key] {
			return true
		}
	}
	return false
}

var victimPreposition = map[string]bool{"in": true, "against": true, "on": true, "at": true, "near": true, "to": true,
	"into": true, "across": true, "over": true, "toward": true, "towards": true, "inside": true, "within": true, "throughout": true}

// membership reports whether organisation e is a body one is a member or
// party of: an intergovernmental body, a bloc or a party of the knowledge
// base, or an unknown name with a head of @membership_head ("Union",
// "Alliance", "Community").
func (d *doc) membership(e int) bool {
	x := &d.ents[e]
	if x.ref >= 0 {
		switch d.x.kb.Organizations[x.ref].Kind {
		case "intergovernmental", "bloc", "party", "armed_group":
			return true
		}
		return false
	}
	w := nameWords(x.name)
	return len(w) > 0 && d.x.lex.membershipHead[w[len(w)-1]]
}

// compatriots reports whether persons s and t serve or belong to the same
// country, as far as the text or the knowledge base tells.
func (d *doc) compatriots(s, t int) bool {
	cs, ct := d.personCountry(s), d.personCountry(t)
	return cs != "" && cs == ct
}

// sameGovernment reports whether entities s and t are a state and its own
// body, or two bodies of one state.
func (d *doc) sameGovernment(s, t int) bool {
	home := func(e int) string {
		switch x := &d.ents[e]; x.label {
		case schema.Country:
			return x.props["iso3"]
		case schema.Organization:
			return x.props["country"]
		}
		return ""
	}
	hs, ht := home(s), home(t)
	return hs != "" && hs == ht && (d.ents[s].label == schema.Organization || d.ents[t].label == schema.Organization)
}

// entsOf returns the entities of mentions, each once, in order.
func entsOf(ms []*mention) []int {
	var out []int
	for _, m := range ms {
		for _, e := range m.ents {
			out = appendUnique(out, e)
		}
	}
	return out
}

// quality lowers the confidence of an edge whose ends were resolved
// indirectly: a pronoun, a group noun, a title alone.
func quality(ms []*mention) float64 {
	q := 1.0
	for _, m := range ms {
		switch m.kind {
		case mPronoun, mGroup, mThing, mAuthor, mSummitRef, mTreatyRef, mOrgRef:
			q = min(q, 0.85)
		case mEventRef:
			q = min(q, 0.8)
		case mRole, mDemonym, mCapital:
			q = min(q, 0.95)
		}
	}
	return q
}

// addEdge adds an edge, or its evidence to the same edge found before.
func (d *doc) addEdge(out []kg.Relation, index map[edgeKey]int, typ string, s, t int, date string, conf float64, rule string, si int, props map[string]string) []kg.Relation {
	src, tgt := d.ents[s].id, d.ents[t].id
	if rt, _ := schema.Relation(typ); rt.Symmetric && tgt < src {
		src, tgt = tgt, src
	}
	k := edgeKey{typ, src, tgt, date}
	ev := d.evidence(si)
	conf = float64(int(conf*100+0.5)) / 100
	if i, ok := index[k]; ok {
		r := &out[i]
		if !slices.Contains(r.Evidence, ev) {
			r.Evidence = append(r.Evidence, ev)
		}
		if conf > r.Confidence {
			r.Confidence, r.Rule = conf, rule
		}
		return out
	}
	index[k] = len(out)
	return append(out, kg.Relation{Type: typ, Source: src, Target: tgt, Date: date, Confidence: conf, Rule: rule, Props: props, Evidence: []kg.Evidence{ev}})
}

// evidence returns the evidence of sentence si. A sentence of the title
// has no offsets in the text: its Start and End are both 0.
func (d *doc) evidence(si int) kg.Evidence {
	s := &d.sents[si]
	if s.title {
		return kg.Evidence{Sentence: s.text}
	}
	return kg.Evidence{Sentence: s.text, Start: s.start, End: s.end}
}

// represents adds the REPRESENTS edges that titles state in sentence si:
// "Russian Foreign Minister Sergey Lavrov", "President of Belarus
// Alexander Lukashenko", "the US Secretary of State".
func (d *doc) represents(out []kg.Relation, index map[edgeKey]int, si int) []kg.Relation {
	for mi := range d.ments[si] {
		m := &d.ments[si][mi]
		if m.label != schema.Person || m.role == "" || len(m.ents) != 1 || d.notOffice(si, m) {
			continue
		}
		role := strings.TrimPrefix(strings.TrimPrefix(m.role, "the "), "The ")
		props := map[string]string{"role": role}
		p := m.ents[0]
		n := 0
		for _, a := range m.aff {
			for _, e := range d.ments[si][a].ents {
				switch d.ents[e].label {
				case schema.Organization:
					// An unknown body of no known state is no sure
					// affiliation: "chief of the Presidential Economic
					// Directorate".
					if d.ents[e].ref < 0 && d.ents[e].props["country"] == "" {
						continue
					}
				case schema.Country:
				default:
					continue
				}
				out = d.addEdge(out, index, schema.Represents, p, e, "", 0.9, "title.affiliation", si, props)
				n++
			}
		}
		// "President Biden": the country of the office the knowledge base
		// says the person held then, if the article names it.
		if c := d.officeCountry(p, m.roles); c >= 0 && (n == 0 || d.mentioned(c)) {
			out = d.addEdge(out, index, schema.Represents, p, c, "", 0.8, "title.office", si, props)
		}
	}
	return out
}

// notOffice reports whether a title names no office of its affiliation:
// "opposition leader Svyatlana Tsikhanouskaya of Belarus".
func (d *doc) notOffice(si int, m *mention) bool {
	ts := d.sents[si].tokens
	for i := max(m.start-2, 0); i < m.end; i++ {
		if d.x.lex.notOffice[ts[i].key] {
			return true
		}
	}
	return false
}

// mentioned reports whether entity e is mentioned in the article by name.
func (d *doc) mentioned(e int) bool {
	for si := range d.ments {
		for _, m := range d.ments[si] {
			if !m.hidden && slices.Contains(m.ents, e) && m.kind != mRole && m.kind != mGroup {
				return true
			}
		}
	}
	return false
}

// officeCountry returns the country entity of the office among roles that
// person entity p held on the article's date, or -1.
func (d *doc) officeCountry(p int, roles []int) int {
	e := d.ents[p]
	if e.ref < 0 || len(roles) == 0 {
		return -1
	}
	for _, t := range d.x.kb.People[e.ref].Terms {
		if t.Country == "" || !termCovers(t.From, t.To, d.published) {
			continue
		}
		for _, r := range roles {
			if !strings.EqualFold(d.x.kb.Roles[r].Name, t.Role) {
				continue
			}
			if c, ok := d.byID[schema.EntityID(schema.Country, t.Country)]; ok && d.mentioned(c) {
				return c
			}
			return -1
		}
	}
	return -1
}

// record assembles the record of the article.
func (d *doc) record(rels []kg.Relation) kg.Record {
	used := make([]bool, len(d.ents))
	for si := range d.ments {
		for _, m := range d.ments[si] {
			if m.hidden {
				continue
			}
			if m.kind == mName || m.kind == mDemonym || m.kind == mCapital || m.kind == mAmbiguous || m.kind == mRole {
				for _, e := range m.ents {
					used[e] = true
				}
			}
		}
	}
	for _, r := range rels {
		used[d.byID[r.Source]] = true
		used[d.byID[r.Target]] = true
	}
	rec := kg.Record{Entities: []kg.Entity{}, Relations: rels}
	for i, e := range d.ents {
		if !used[i] {
			continue
		}
		aliases := slices.Clone(e.aliases)
		slices.Sort(aliases)
		rec.Entities = append(rec.Entities, kg.Entity{ID: e.id, Label: e.label, Name: e.name, Aliases: aliases, Props: e.props})
	}
	slices.SortFunc(rec.Entities, func(a, b kg.Entity) int { return strings.Compare(a.ID, b.ID) })
	for i := range rec.Relations {
		ev := rec.Relations[i].Evidence
		slices.SortFunc(ev, func(a, b kg.Evidence) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), strings.Compare(a.Sentence, b.Sentence))
		})
	}
	slices.SortFunc(rec.Relations, func(a, b kg.Relation) int {
		return cmp.Or(cmp.Compare(typeRank(a.Type), typeRank(b.Type)), strings.Compare(a.Source, b.Source),
			strings.Compare(a.Target, b.Target), strings.Compare(a.Date, b.Date))
	})
	if rec.Relations == nil {
		rec.Relations = []kg.Relation{}
	}
	return rec
}

// typeRank orders relation types as the schema lists them, core first.
func typeRank(typ string) int {
	return slices.IndexFunc(schema.RelationTypes, func(rt schema.RelationType) bool { return rt.Name == typ })
}

// discourse remembers the acts the article has told so far, sentence by
// sentence, for the references that depend on them: "the move" and "the
// attack" stand for the actor of the last withdrawal or attack; "they" and
// "the two leaders" for the parties of the last meeting.
type discourse struct {
	meeting, withdrawal, attack []int // entities of the last such act
	meetingAt, withdrawalAt     int   // sentence + 1 of each, 0 if none
	attackAt                    int
	decision                    []int // the subject of the last decision told ("OPEC+ agreed to cut ...")
	decisionAt                  int
	now                         struct{ meeting, withdrawal, attack []int } // of the sentence at hand
}

// discourseReach is how many sentences back a reference looks for its act.
const discourseReach = 5

// refer resolves the references of sentence si that depend on the acts
// told before it.
func (c *discourse) refer(d *doc, si int) {
	recent := func(at int) bool { return at > 0 && si-(at-1) <= discourseReach }
	for mi := range d.ments[si] {
		m := &d.ments[si][mi]
		switch m.kind {
		case mEventRef:
			switch {
			case m.group == eventWithdrawal && recent(c.withdrawalAt):
				m.ents = slices.Clone(c.withdrawal)
			case m.group == eventAttack && recent(c.attackAt):
				m.ents = slices.Clone(c.attack)
			case m.group == eventWithdrawal && recent(c.decisionAt):
				// "OPEC+ agreed to cut output ... The White House
				// criticised the decision."
				m.ents = slices.Clone(c.decision)
			default:
				continue
			}
			m.label = d.ents[m.ents[0]].label
		case mGroup:
			// "The two leaders", "the pair", "both sides" are two: the
			// parties of the last meeting told if they were two, however
			// far back, else no one sure.
			if d.dual(si, m) {
				persons := len(c.meeting) > 0 && d.ents[c.meeting[0]].label == schema.Person
				fitting := m.group == groupAny || m.group == groupPersons && persons || m.group == groupCountries && !persons
				switch {
				case len(c.meeting) == 2 && c.meetingAt > 0 && fitting:
					m.ents = slices.Clone(c.meeting)
				case len(m.ents) != 2:
					m.ents = nil
				}
				continue
			}
			// The parties of the meeting just told, rather than any
			// persons named together: "X met Y. ... They discussed ...".
			if !recent(c.meetingAt) || len(c.meeting) < 2 || len(c.meeting) > maxGroup || slices.Equal(m.ents, c.meeting) {
				continue
			}
			persons := d.ents[c.meeting[0]].label == schema.Person
			if m.group == groupPersons && !persons || m.group == groupCountries && persons {
				continue
			}
			if m.group == groupAny && len(m.ents) > 0 && d.ents[m.ents[0]].label != d.ents[c.meeting[0]].label {
				continue
			}
			m.ents = slices.Clone(c.meeting)
		}
	}
}

// within resolves "they" to the parties of a meeting told earlier in the
// same sentence: "Trump held a call with Putin, where they discussed ...".
func (c *discourse) within(d *doc, si int, hits []hit) {
	var parties []int
	first := -1
	for _, h := range hits {
		if h.rule.typ.Name != "MET_WITH" || slices.ContainsFunc(h.bind.a, isGroup) || slices.ContainsFunc(h.bind.b, isGroup) {
			continue
		}
		for _, p := range d.pairs(h.rule.typ, h.bind, h.sent) {
			if d.ents[p[0]].label == schema.Person && d.ents[p[1]].label == schema.Person {
				parties = appendUnique(appendUnique(parties, p[0]), p[1])
				if first < 0 || h.bind.a[0].start < first {
					first = h.bind.a[0].start
				}
			}
		}
	}
	if len(parties) < 2 || len(parties) > maxGroup {
		return
	}
	for mi := range d.ments[si] {
		m := &d.ments[si][mi]
		if m.kind == mGroup && m.group != groupCountries && m.start > first && len(m.ents) > 0 && d.ents[m.ents[0]].label == schema.Person {
			m.ents = slices.Clone(parties)
		}
	}
}

func isGroup(m *mention) bool { return m.kind == mGroup }

// dual reports whether group mention m names two: "the two leaders", "the
// pair", "both sides".
func (d *doc) dual(si int, m *mention) bool {
	for _, t := range d.sents[si].tokens[m.start:m.end] {
		switch t.key {
		case "two", "both", "pair":
			return true
		}
	}
	return false
}

// note records an edge of the sentence at hand.
func (c *discourse) note(d *doc, typ string, s, t int) {
	switch typ {
	case "MET_WITH":
		if d.ents[s].label == d.ents[t].label {
			c.now.meeting = appendUnique(appendUnique(c.now.meeting, s), t)
		}
	case "WITHDREW_FROM":
		c.now.withdrawal = appendUnique(c.now.withdrawal, s)
	case "ATTACKED":
		c.now.attack = appendUnique(c.now.attack, s)
	}
}

// decided records the subject of a decision told in sentence si: the
// first actor named before a verb of @decision_verb ("Trump ordered",
// "OPEC+ agreed to cut").
func (c *discourse) decided(d *doc, si int) {
	ts := d.sents[si].tokens
	v := slices.IndexFunc(ts, func(t token) bool { return d.x.lex.decisionVerb[t.key] && !t.upper })
	// "It has been recognized by UNESCO": a passive tells no decision of
	// its subject.
	if v < 0 || v > 0 && d.x.lex.passiveAux[ts[v-1].key] {
		return
	}
	for _, m := range d.ments[si] {
		if m.start >= v {
			return
		}
		if m.inner || m.hidden || !m.actor || len(m.ents) == 0 || m.kind == mEventRef || m.start > 0 && prepositions[ts[m.start-1].key] {
			continue
		}
		// A possessor decides only through its government: "Bolivia's
		// interim government announced".
		if m.end < len(ts) && ts[m.end].key == "'s" && !d.x.lex.actorHead.has(ts, m.end+1) && !(m.end+2 < len(ts) && d.x.lex.actorHead.has(ts, m.end+2)) {
			continue
		}
		c.decision, c.decisionAt = slices.Clone(m.ents), si+1
		return
	}
}

// told closes sentence si: its acts become the last ones told.
func (c *discourse) told(si int) {
	if len(c.now.meeting) > 0 {
		c.meeting, c.meetingAt = c.now.meeting, si+1
	}
	if len(c.now.withdrawal) > 0 {
		c.withdrawal, c.withdrawalAt = c.now.withdrawal, si+1
	}
	if len(c.now.attack) > 0 {
		c.attack, c.attackAt = c.now.attack, si+1
	}
	c.now.meeting, c.now.withdrawal, c.now.attack = nil, nil, nil
}
