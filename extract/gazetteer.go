package extract

import (
	"slices"
	"strings"

	"github.com/newsgraph/kg/kb"
	"github.com/newsgraph/kg/schema"
)

// The gazetteer finds the knowledge base's names in token sequences.

// nameKind says how a name names its entry.
type nameKind uint8

const (
	kindName      nameKind = iota // a name or alias
	kindDemonym                   // "Russian": the state only as an actor
	kindCapital                   // "Moscow", "the Kremlin": the state, or the city as a place
	kindAmbiguous                 // "Georgia", "Jordan": needs supporting context
	kindRole                      // a role title: "Foreign Minister"
)

// ref points at an entry of the knowledge base: a label and the index in
// the slice of that label (Countries, Organizations, ...; Roles for titles).
type ref struct {
	label string
	idx   int
}

// gazEntry is one name of the gazetteer.
type gazEntry struct {
	words []string // match keys of its tokens
	caps  []uint8  // per word: 0 any case, 1 capitalised, 2 all capitals
	ref   ref
	kind  nameKind
}

// gazetteer indexes names by their first word.
type gazetteer struct {
	entries []gazEntry
	first   map[string][]int32 // first word → entries, longest first
	bit     uint64             // the flag of tokens that start an entry
}

// matchKey is the key a token or name word is matched by: folded, without
// dots ("U.S." and "US" are both "us").
func matchKey(norm string) string {
	if strings.IndexByte(norm, '.') < 0 {
		return norm
	}
	return strings.ReplaceAll(norm, ".", "")
}

func (g *gazetteer) add(name string, r ref, kind nameKind) {
	toks := tokenize(strings.TrimSpace(name))
	if len(toks) > 0 && toks[0].norm == "the" {
		toks = toks[1:] // "the" is matched around names, never in them
	}
	if len(toks) == 0 {
		return
	}
	e := gazEntry{ref: r, kind: kind}
	for _, t := range toks {
		k := matchKey(t.norm)
		if k == "" {
			continue
		}
		e.words = append(e.words, k)
		var c uint8
		switch {
		case kind == kindRole:
		case t.caps:
			c = 2
		case t.upper:
			c = 1
		}
		e.caps = append(e.caps, c)
	}
	if len(e.words) == 0 {
		return
	}
	for _, i := range g.first[e.words[0]] {
		if x := &g.entries[i]; x.ref == e.ref && x.kind == e.kind && slices.Equal(x.words, e.words) {
			// The same name in another case: either case matches
			// ("Paris Accord", "Paris accord").
			for j, c := range e.caps {
				x.caps[j] = min(x.caps[j], c)
			}
			return
		}
	}
	if g.first == nil {
		g.first = make(map[string][]int32)
	}
	g.entries = append(g.entries, e)
	g.first[e.words[0]] = append(g.first[e.words[0]], int32(len(g.entries)-1))
}

// finish sorts each bucket longest first, then by insertion order.
func (g *gazetteer) finish() {
	for _, b := range g.first {
		slices.SortStableFunc(b, func(x, y int32) int { return len(g.entries[y].words) - len(g.entries[x].words) })
	}
}

// match returns the entries that match the tokens from i, longest first.
// Dots are not tokens of their own in names, so a matched name may not
// end at a dot and may not cross a URL.
func (g *gazetteer) match(ts []token, i int, out []int32) []int32 {
	out = out[:0]
	if ts[i].flags&g.bit == 0 {
		return out
	}
	best := 0
	for _, ei := range g.first[ts[i].key] {
		e := &g.entries[ei]
		n := len(e.words)
		if n < best || i+n > len(ts) {
			continue
		}
		ok := true
		for j, w := range e.words {
			t := &ts[i+j]
			if t.key != w || t.url || !capsOK(t, e.caps[j]) {
				ok = false
				break
			}
		}
		if ok {
			best = n
			out = append(out, ei)
		}
	}
	return out
}

func capsOK(t *token, c uint8) bool {
	switch c {
	case 1:
		return t.upper || t.caps || t.kind == tokNum
	case 2:
		return t.caps || t.kind == tokNum
	}
	return true
}

// buildGazetteers indexes the names of k, and the titles of its roles.
func buildGazetteers(k *kb.KB) (names, roles *gazetteer) {
	names, roles = &gazetteer{bit: bitName}, &gazetteer{bit: bitRole}
	for i, c := range k.Countries {
		r := ref{schema.Country, i}
		// A name listed as ambiguous ("Chad", "Jordan") is only that.
		unambiguous := func(a string) bool {
			return !slices.ContainsFunc(c.Ambiguous, func(x string) bool { return strings.EqualFold(x, a) })
		}
		if unambiguous(c.Name) {
			names.add(c.Name, r, kindName)
		}
		for _, a := range c.Aliases {
			if unambiguous(a) {
				names.add(a, r, kindName)
			}
		}
		for _, a := range c.Demonyms {
			names.add(a, r, kindDemonym)
		}
		for _, a := range c.Capitals {
			names.add(a, r, kindCapital)
		}
		for _, a := range c.Ambiguous {
			names.add(a, r, kindAmbiguous)
		}
	}
	for i, o := range k.Organizations {
		r := ref{schema.Organization, i}
		names.add(o.Name, r, kindName)
		for _, a := range o.Aliases {
			names.add(a, r, kindName)
		}
	}
	for i, t := range k.Treaties {
		r := ref{schema.Treaty, i}
		names.add(t.Name, r, kindName)
		for _, a := range t.Aliases {
			names.add(a, r, kindName)
		}
	}
	for i, p := range k.Places {
		r := ref{schema.Place, i}
		names.add(p.Name, r, kindName)
		for _, a := range p.Aliases {
			names.add(a, r, kindName)
		}
	}
	for i, p := range k.People {
		r := ref{schema.Person, i}
		names.add(p.Name, r, kindName)
		for _, a := range p.Aliases {
			names.add(a, r, kindName)
		}
	}
	for i, r := range k.Roles {
		rr := ref{"Role", i}
		roles.add(r.Name, rr, kindRole)
		for _, t := range r.Titles {
			roles.add(t, rr, kindRole)
		}
	}
	names.finish()
	roles.finish()
	return names, roles
}
