package graph

import (
	"context"
	"slices"
	"strings"

	"github.com/newsgraph/kg/schema"
)

// Reader answers the questions of kg's query commands. Every store
// implements it with the same answers; the conformance suite checks that.
type Reader interface {
	// Lookup returns the entities whose name or one of whose aliases has the
	// NameKey of name, sorted by label and id.
	Lookup(ctx context.Context, name string) ([]Node, error)
	// Relations returns the relation edges (never MENTIONS) that f selects,
	// sorted by date, type, source and target.
	Relations(ctx context.Context, f Filter) ([]Edge, error)
	// Mentions returns the number of articles that mention the entity id.
	Mentions(ctx context.Context, id string) (int, error)
	// Nodes returns the entities with the given ids that the graph holds,
	// sorted by label and id.
	Nodes(ctx context.Context, ids []string) ([]Node, error)
}

// Filter selects relation edges. Empty fields select everything.
type Filter struct {
	Types  []string // relation types
	Source string   // entity id at the source end (either end of a symmetric type)
	Target string   // entity id at the target end (either end of a symmetric type)
	Entity string   // entity id at either end
	Since  string   // YYYY, YYYY-MM or YYYY-MM-DD: edges dated in or after it
	Until  string   // edges dated in or before it
}

// Match reports whether f selects e. Stores may narrow their queries with
// the filter's fields and then use Match for the exact answer.
func (f Filter) Match(e Edge) bool {
	if e.Type == schema.Mentions || len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
		return false
	}
	if f.Entity != "" && e.Source != f.Entity && e.Target != f.Entity {
		return false
	}
	rt, _ := schema.Relation(e.Type)
	ends := func(src, tgt string) bool {
		return (f.Source == "" || src == f.Source) && (f.Target == "" || tgt == f.Target)
	}
	if !ends(e.Source, e.Target) && !(rt.Symmetric && ends(e.Target, e.Source)) {
		return false
	}
	return InPeriod(e.Date, f.Since, f.Until)
}

// InPeriod reports whether a date, possibly partial ("2023", "2023-03"),
// overlaps the period from since to until (either may be empty, for an open
// end). An undated edge is in no bounded period.
func InPeriod(date, since, until string) bool {
	if since == "" && until == "" {
		return true
	}
	if date == "" {
		return false
	}
	lo, hi := bounds(date)
	if since != "" {
		if slo, _ := bounds(since); hi < slo {
			return false
		}
	}
	if until != "" {
		if _, uhi := bounds(until); lo > uhi {
			return false
		}
	}
	return true
}

// bounds returns the first and last day of a partial date.
func bounds(d string) (lo, hi string) {
	switch len(d) {
	case 4:
		return d + "-01-01", d + "-12-31"
	case 7:
		return d + "-01", d + "-31"
	}
	return d, d
}

// SortEdges orders edges by date, type, source and target: the order of
// Reader.Relations.
func SortEdges(es []Edge) {
	slices.SortFunc(es, func(a, b Edge) int {
		return strings.Compare(a.Date+"\x00"+a.Type+"\x00"+a.Source+"\x00"+a.Target,
			b.Date+"\x00"+b.Type+"\x00"+b.Source+"\x00"+b.Target)
	})
}

// NameKey folds a name for look-ups: case, accents and punctuation do not
// count ("U.S." is "US"), nor does a leading "the" ("The Kremlin",
// "kremlin").
func NameKey(name string) string {
	return strings.TrimPrefix(schema.Slug(strings.ReplaceAll(name, ".", "")), "the-")
}

// NameKeys returns the sorted, distinct, non-empty NameKeys of a name and
// its aliases: what a store matches Lookup against.
func NameKeys(name string, aliases []string) []string {
	keys := []string{}
	for _, x := range append([]string{name}, aliases...) {
		if k := NameKey(x); k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
