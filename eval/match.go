package eval

import (
	"slices"
	"strings"
	"unicode"

	kg "github.com/newsgraph/kg"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// normalize folds a name for comparison as the gold README says: Unicode
// case folding with accents dropped, punctuation and symbols to spaces,
// spaces collapsed, and a leading "the " dropped ("The Kremlin" → "kremlin",
// "U.S." → "u s").
func normalize(s string) string {
	s = norm.NFKD.String(cases.Fold().String(s))
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			// An accent: "Zelenskyy" and "Zelénskyy" are one name.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// match is how a predicted entity matched the gold of its article.
type match struct {
	gold int    // index into Gold.Entities, or -1
	why  string // why it matched nothing
}

// matcher matches predicted entities to the entities of one gold file.
type matcher struct {
	g      *Gold
	byName map[string][]int // normalised name or alias → gold entities
	byISO3 map[string][]int
}

func newMatcher(g *Gold) *matcher {
	m := &matcher{g: g, byName: make(map[string][]int), byISO3: make(map[string][]int)}
	add := func(idx map[string][]int, k string, i int) {
		if k != "" && !slices.Contains(idx[k], i) {
			idx[k] = append(idx[k], i)
		}
	}
	for i, e := range g.Entities {
		add(m.byName, normalize(e.Name), i)
		for _, a := range e.Aliases {
			add(m.byName, normalize(a), i)
		}
		add(m.byISO3, strings.ToUpper(strings.TrimSpace(e.ISO3)), i)
	}
	return m
}

// match applies the three steps of the gold README in order: the predicted
// name equals a gold name or alias; else props["iso3"] equals a gold iso3;
// else the predicted aliases point to gold entities. The first step that
// yields exactly one gold entity decides. A step that yields several is
// narrowed to those with the predicted label; if that still leaves several
// (or none), the step is ambiguous and the next step is tried, so a later
// step can settle what an earlier one left open. An entity that no step
// settles matches nothing.
func (m *matcher) match(e kg.Entity) match {
	var alias []int
	for _, a := range e.Aliases {
		for _, i := range m.byName[normalize(a)] {
			if !slices.Contains(alias, i) {
				alias = append(alias, i)
			}
		}
	}
	steps := [][]int{
		m.byName[normalize(e.Name)],
		m.byISO3[strings.ToUpper(strings.TrimSpace(e.Props["iso3"]))],
		alias,
	}
	var ambiguous []int
	for _, cands := range steps {
		if len(cands) > 1 {
			var same []int
			for _, i := range cands {
				if m.g.Entities[i].Label == e.Label {
					same = append(same, i)
				}
			}
			if len(same) != 1 {
				if ambiguous == nil {
					ambiguous = cands
				}
				continue
			}
			cands = same
		}
		if len(cands) == 1 {
			return match{gold: cands[0]}
		}
	}
	if ambiguous != nil {
		names := make([]string, len(ambiguous))
		for i, g := range ambiguous {
			names[i] = m.g.Entities[g].Name
		}
		return match{gold: -1, why: "ambiguous: " + strings.Join(names, ", ")}
	}
	return match{gold: -1, why: "no gold entity"}
}
