package graph

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/schema"
)

// Contribution is what one article adds to the graph: its Article node, the
// entities it mentions and its relation edges, each edge carrying only this
// article's support. Stores merge contributions into the graph.
type Contribution struct {
	Article  kg.Article
	Entities []Node
	Edges    []Edge
}

// Flatten checks a record against the schema and turns it into the article's
// contribution: symmetric edges are oriented from the smaller id to the
// larger, and edges with the same key are merged. It refuses a record whose
// article has no id; whose entities have a label outside the schema or an
// id that does not name their label (see EntityLabel); whose relations name
// an unknown type, an entity the record lacks, or labels the type does not
// connect; or whose entities or relations have a prop that ReservedProp
// refuses.
func Flatten(rec kg.Record) (Contribution, error) {
	a := rec.Article
	if a.ID == "" {
		return Contribution{}, fmt.Errorf("record without article id")
	}
	if a.Hash == "" {
		a.Hash = kg.ContentHash(a.Title, a.Text)
	}
	a.Text = ""
	c := Contribution{Article: a}
	labels := make(map[string]string, len(rec.Entities))
	for _, e := range rec.Entities {
		if e.ID == "" || !schema.IsLabel(e.Label) || e.Label == schema.Article {
			return Contribution{}, fmt.Errorf("article %s: entity %q: bad id or label %q", a.ID, e.ID, e.Label)
		}
		if l, _ := EntityLabel(e.ID); l != e.Label {
			return Contribution{}, fmt.Errorf("article %s: entity %q: a %s's id starts with %q", a.ID, e.ID, e.Label, strings.ToLower(e.Label)+":")
		}
		if k, bad := reservedIn(e.Props); bad {
			return Contribution{}, fmt.Errorf("article %s: entity %s: prop %q is reserved for the graph model", a.ID, e.ID, k)
		}
		if _, dup := labels[e.ID]; dup {
			continue
		}
		labels[e.ID] = e.Label
		c.Entities = append(c.Entities, Node{ID: e.ID, Label: e.Label, Name: e.Name,
			Aliases: slices.Sorted(slices.Values(dedupe(e.Aliases))), Props: maps.Clone(e.Props)})
	}
	index := map[[4]string]int{}
	for _, r := range rec.Relations {
		from, to := labels[r.Source], labels[r.Target]
		if from == "" || to == "" {
			return Contribution{}, fmt.Errorf("article %s: %s %s→%s: endpoint not among the entities", a.ID, r.Type, r.Source, r.Target)
		}
		if err := schema.Validate(r.Type, from, to); err != nil {
			return Contribution{}, fmt.Errorf("article %s: %w", a.ID, err)
		}
		if k, bad := reservedIn(r.Props); bad {
			return Contribution{}, fmt.Errorf("article %s: %s %s→%s: prop %q is reserved for the graph model", a.ID, r.Type, r.Source, r.Target, k)
		}
		src, tgt := r.Source, r.Target
		if rt, _ := schema.Relation(r.Type); rt.Symmetric && tgt < src {
			src, tgt = tgt, src
		}
		key := [4]string{r.Type, src, tgt, r.Date}
		i, ok := index[key]
		if !ok {
			i = len(c.Edges)
			index[key] = i
			c.Edges = append(c.Edges, Edge{Type: r.Type, Source: src, Target: tgt, Date: r.Date,
				Articles: []string{a.ID}, Props: map[string]string{}})
		}
		e := &c.Edges[i]
		e.Confidence = max(e.Confidence, r.Confidence)
		if r.Rule != "" && !slices.Contains(e.Rules, r.Rule) {
			e.Rules = append(e.Rules, r.Rule)
		}
		maps.Copy(e.Props, r.Props)
		for _, ev := range r.Evidence {
			x := Evidence{Article: a.ID, Sentence: ev.Sentence, Start: ev.Start, End: ev.End}
			if !slices.Contains(e.Evidence, x) {
				e.Evidence = append(e.Evidence, x)
			}
		}
	}
	return c, nil
}

// ReservedProp reports whether a prop may not be called name: the names of
// the graph model's own properties (see the package doc: id, uuid, name,
// aliases, label, date, articles, evidence and its parallel lists,
// confidence, rules), those of the bookkeeping that stores keep beside it
// (name_keys, name_article and every name starting with support_), and
// the empty name. A prop so called would overwrite the model's property in
// one store and sit beside it in another.
func ReservedProp(name string) bool {
	switch name {
	case "", "id", "uuid", "name", "aliases", "name_keys", "name_article", "label", "date", "articles",
		"evidence", "evidence_articles", "evidence_starts", "evidence_ends", "confidence", "rules":
		return true
	}
	return strings.HasPrefix(name, "support_")
}

// reservedIn returns the first prop name, in order, that ReservedProp
// refuses, if there is one.
func reservedIn(props map[string]string) (string, bool) {
	for _, k := range slices.Sorted(maps.Keys(props)) {
		if ReservedProp(k) {
			return k, true
		}
	}
	return "", false
}

func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// EntityLabel returns the label that an entity id names by its prefix, the
// label in lower case ("person:sergey-lavrov" is a Person, "country:RUS" a
// Country, as schema.EntityID makes them), and whether it names one. Flatten
// refuses an entity whose id does not name its label, so that one id is one
// node in every store, and a store can find an entity by id under one label.
func EntityLabel(id string) (string, bool) {
	prefix, key, ok := strings.Cut(id, ":")
	if !ok || key == "" {
		return "", false
	}
	for _, l := range schema.EntityLabels {
		if strings.ToLower(l) == prefix {
			return l, true
		}
	}
	return "", false
}
