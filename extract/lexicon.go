package extract

import "strings"

// lexicon holds the word classes of the rule files that the stages use,
// compiled for matching tokens.
type lexicon struct {
	honorific, title, titleModifier     *phraseSet
	nameParticle                        map[string]bool
	orgHead, placeHead, treatyHead      map[string]bool
	placeLead, summitHead               *phraseSet
	functionWord                        map[string]bool
	actorHead                           *phraseSet
	pronounPerson, pronounPersonPoss    map[string]bool
	pronounThingPoss, pronounGroup      map[string]bool
	pronounThing                        map[string]bool
	pronounGroupPoss, pronounAuthor     map[string]bool
	groupPerson, groupCountry           *phraseSet
	pronoun                             *phraseSet // every pronoun of the classes above
	speechVerb, locative, modalVerb     map[string]bool
	authored                            *phraseSet
	meetingRef                          map[string]bool
	appositionNoun, stanceNoun, notName map[string]bool
	givenName, passiveAux, stateVerb    map[string]bool
	notOffice, treatyRef                map[string]bool
	withdrawalRef, attackRef            map[string]bool
	notSameTreaty, informVerb, nonState map[string]bool
	orgRef, collective, summitNamed     map[string]bool
	membershipHead, modifierSuffix      map[string]bool
	decisionVerb, clauseVerb            map[string]bool
	ministry, region, futureAfter       *phraseSet
	regionName                          map[string]string // the words of a region's name or alias → its name
	treatyHead2                         *phraseSet        // two-word treaty heads: "Peace Plan"
	boilerplate                         *phraseSet
	negation, modal                     *phraseSet
	conditional                         map[string]bool
}

// Bits of a token's vocabulary flags that are not phrase sets.
const (
	bitName   uint64 = 1 << 63 // a name of the gazetteer starts with the word
	bitRole   uint64 = 1 << 62 // a title of a role starts with it
	bitAnchor uint64 = 1 << 61 // a rule is anchored on it
	maxSets          = 61      // phrase sets have the bits below
)

// newLexicon compiles the classes of rs that the stages need. A class that
// no rule file defines is empty.
func newLexicon(rs *ruleSet) *lexicon {
	keys := func(name string) map[string]bool {
		set := make(map[string]bool)
		for _, p := range rs.classes[name] {
			if len(p) == 1 {
				set[matchKey(p[0])] = true
			}
		}
		return set
	}
	sets := 0
	phrasesOf := func(names ...string) *phraseSet {
		var all [][]string
		for _, n := range names {
			all = append(all, rs.classes[n]...)
		}
		ps := newPhraseSet(all)
		ps.bit = 1 << (sets % maxSets)
		sets++
		return ps
	}
	phrases := func(name string) *phraseSet { return phrasesOf(name) }
	phrasesFrom := func(all [][]string) *phraseSet {
		ps := newPhraseSet(all)
		ps.bit = 1 << (sets % maxSets)
		sets++
		return ps
	}
	return &lexicon{
		honorific:         phrases("@honorific"),
		title:             phrases("@title"),
		titleModifier:     phrases("@title_modifier"),
		nameParticle:      keys("@name_particle"),
		orgHead:           keys("@org_head"),
		placeHead:         keys("@place_head"),
		treatyHead:        keys("@treaty_head"),
		placeLead:         phrases("@place_lead"),
		summitHead:        phrases("@summit_head"),
		functionWord:      keys("@function_word"),
		actorHead:         phrases("@actor_head"),
		pronounPerson:     keys("@pronoun_person"),
		pronounPersonPoss: keys("@pronoun_person_poss"),
		pronounThingPoss:  keys("@pronoun_thing_poss"),
		pronounThing:      keys("@pronoun_thing"),
		pronounGroup:      keys("@pronoun_group"),
		pronounGroupPoss:  keys("@pronoun_group_poss"),
		pronounAuthor:     keys("@pronoun_author"),
		groupPerson:       phrases("@group_person"),
		pronoun:           phrasesOf("@pronoun_person", "@pronoun_person_poss", "@pronoun_thing_poss", "@pronoun_thing", "@pronoun_group", "@pronoun_group_poss", "@pronoun_author"),
		groupCountry:      phrases("@group_country"),
		speechVerb:        keys("@speech_verb"),
		locative:          keys("@locative"),
		modalVerb:         keys("@modal_verb"),
		stanceNoun:        keys("@stance_noun"),
		notName:           keys("@not_name"),
		givenName:         keys("@given_name"),
		passiveAux:        keys("@passive_aux"),
		stateVerb:         keys("@state_verb"),
		notOffice:         keys("@not_office"),
		treatyRef:         keys("@treaty_ref"),
		withdrawalRef:     keys("@withdrawal_ref"),
		attackRef:         keys("@attack_ref"),
		notSameTreaty:     keys("@not_same_treaty"),
		informVerb:        keys("@inform_verb"),
		nonState:          keys("@non_state"),
		orgRef:            keys("@org_ref"),
		collective:        keys("@collective"),
		summitNamed:       keys("@summit_named"),
		membershipHead:    keys("@membership_head"),
		modifierSuffix:    keys("@modifier_suffix"),
		decisionVerb:      keys("@decision_verb"),
		clauseVerb:        keys("@clause_verb"),
		ministry:          phrases("@ministry"),
		futureAfter:       phrases("@future_after"),
		region:            phrasesFrom(regionPhrases(rs)),
		regionName:        regionNames(rs),
		authored:          phrases("@authored"),
		meetingRef:        keys("@meeting_ref"),
		appositionNoun:    keys("@apposition_noun"),
		treatyHead2:       phrases("@treaty_head"),
		boilerplate:       phrases("@boilerplate"),
		negation:          phrases("@negation"),
		modal:             phrases("@modality"),
		conditional:       keys("@conditional"),
	}
}

// regionPhrases returns the names and aliases of @region, where an entry
// "Mideast: Middle East" is an alias and the name it stands for.
func regionPhrases(rs *ruleSet) [][]string {
	var all [][]string
	for _, r := range rs.raw["@region"] {
		alias, _, _ := strings.Cut(r, ":")
		if w := phraseWords(alias); len(w) > 0 {
			all = append(all, w)
		}
	}
	return all
}

// regionNames maps the words of each @region entry to the region's name.
func regionNames(rs *ruleSet) map[string]string {
	out := make(map[string]string)
	for _, r := range rs.raw["@region"] {
		alias, name, ok := strings.Cut(r, ":")
		if !ok {
			name = alias
		}
		name = strings.TrimSpace(name)
		name = strings.TrimPrefix(name, "the ")
		out[strings.Join(keysOf(phraseWords(alias)), " ")] = name
	}
	return out
}

// phraseSet matches phrases of words against tokens by match key.
type phraseSet struct {
	first map[string][][]string // first word → phrases
	bit   uint64                // the flag of tokens that start a phrase
}

func newPhraseSet(phrases [][]string) *phraseSet {
	ps := &phraseSet{first: make(map[string][][]string)}
	for _, p := range phrases {
		ks := make([]string, 0, len(p))
		for _, w := range p {
			if k := matchKey(w); k != "" {
				ks = append(ks, k)
			}
		}
		if len(ks) > 0 {
			ps.first[ks[0]] = append(ps.first[ks[0]], ks)
		}
	}
	return ps
}

// match returns the length in tokens of the longest phrase at ts[i:], or 0.
func (ps *phraseSet) match(ts []token, i int) int {
	if ts[i].flags&ps.bit == 0 {
		return 0 // the one map look-up per token was done in annotate
	}
	best := 0
	for _, p := range ps.first[ts[i].key] {
		if len(p) <= best || i+len(p) > len(ts) {
			continue
		}
		ok := true
		for j := 1; j < len(p); j++ {
			if ts[i+j].key != p[j] {
				ok = false
				break
			}
		}
		if ok {
			best = len(p)
		}
	}
	return best
}

// has reports whether a phrase starts at ts[i:].
func (ps *phraseSet) has(ts []token, i int) bool { return i < len(ts) && ps.match(ts, i) > 0 }

// within reports whether a phrase occurs in ts[from:to].
func (ps *phraseSet) within(ts []token, from, to int) bool {
	for i := max(from, 0); i < to && i < len(ts); i++ {
		if n := ps.match(ts, i); n > 0 && i+n <= to {
			return true
		}
	}
	return false
}

// phraseSets returns every phrase set of the lexicon.
func (l *lexicon) phraseSets() []*phraseSet {
	return []*phraseSet{l.honorific, l.title, l.titleModifier, l.placeLead, l.summitHead, l.actorHead,
		l.groupPerson, l.groupCountry, l.pronoun, l.authored, l.treatyHead2, l.boilerplate, l.negation, l.modal, l.ministry, l.region, l.futureAfter}
}

// buildVocab records, for every word that starts a phrase, a name, a
// title or a rule's anchor, the flags that say so, so that each token
// needs one map look-up.
func (x *Extractor) buildVocab() {
	x.vocab = make(map[string]uint64)
	for _, ps := range x.lex.phraseSets() {
		for k := range ps.first {
			x.vocab[k] |= ps.bit
		}
	}
	for k := range x.names.first {
		x.vocab[k] |= bitName
	}
	for k := range x.roles.first {
		x.vocab[k] |= bitRole
	}
	for k := range x.anchored {
		x.vocab[k] |= bitAnchor
	}
	for k := range x.required {
		x.vocab[k] |= bitAnchor
	}
}

// annotate sets the vocabulary flags of tokens.
func (x *Extractor) annotate(ts []token) {
	for i := range ts {
		ts[i].flags = x.vocab[ts[i].key]
	}
}
