package graph

import (
	"fmt"
	"maps"
	"slices"

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
// article has no id, whose entities have a label outside the schema, or
// whose relations name an unknown type, an entity the record lacks, or labels
// the type does not connect.
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
