package neo4j

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

// The answers of kg's query commands, the same as the embedded store's (the
// conformance suite checks both). Each method is one statement in one read
// transaction. An entity is found by id with one unique-index seek under
// the label that its id names (graph.EntityLabel), and by name with one
// look-up in the full-text index over name_keys that Init creates
// (schema.NameKeysIndex), never by scanning a label.

var _ graph.Reader = (*Store)(nil)

// Lookup returns the entities whose name or an alias has the graph.NameKey
// of name. A name whose key is empty (punctuation only) finds nothing.
func (s *Store) Lookup(ctx context.Context, name string) ([]graph.Node, error) {
	key := graph.NameKey(name)
	if key == "" {
		return nil, nil
	}
	// The index's keyword analyzer keeps each key whole, so the query finds
	// the nodes holding the key; the WHERE keeps the answer exact whatever
	// Lucene makes of a query.
	nodes, err := s.nodes(ctx, `CALL db.index.fulltext.queryNodes($index, $query) YIELD node
WITH node AS n WHERE $key IN n.name_keys
RETURN labels(n), properties(n)`, map[string]any{"index": schema.NameKeysIndex, "query": luceneTerm(key), "key": key})
	if err != nil {
		return nil, wrap(fmt.Sprintf("look up %q", name), err)
	}
	return nodes, nil
}

// luceneTerm escapes the characters of Lucene's query syntax in a key, so
// that the query is the key as one term.
func luceneTerm(key string) string {
	var b strings.Builder
	for _, r := range key {
		if strings.ContainsRune(`\+-!():^[]"{}~*?|&/`, r) || unicode.IsSpace(r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Nodes returns the entities with the given ids that the graph holds; ids
// that name no entity label are held by none.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]graph.Node, error) {
	byLabel := map[string][]string{}
	for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
		if l, ok := graph.EntityLabel(id); ok {
			byLabel[l] = append(byLabel[l], id)
		}
	}
	if len(byLabel) == 0 {
		return nil, nil
	}
	var parts []string
	params := map[string]any{}
	for _, l := range schema.EntityLabels {
		if ids := byLabel[l]; len(ids) > 0 {
			parts = append(parts, fmt.Sprintf("UNWIND $%[1]s AS id MATCH (n:%[1]s {id: id}) RETURN n", l))
			params[l] = ids
		}
	}
	nodes, err := s.nodes(ctx, "CALL {\n"+strings.Join(parts, "\nUNION ALL\n")+"\n}\nRETURN labels(n), properties(n)", params)
	if err != nil {
		return nil, wrap("nodes", err)
	}
	return nodes, nil
}

// nodes runs a statement that returns the labels and properties of entity
// nodes, and returns the nodes sorted by label and id.
func (s *Store) nodes(ctx context.Context, cypher string, params map[string]any) ([]graph.Node, error) {
	out, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, cypher, params)
	})
	if err != nil {
		return nil, err
	}
	g := &graph.Graph{}
	for _, r := range out.([]*neo4j.Record) {
		for _, l := range strs(r.Values[0]) {
			if slices.Contains(schema.EntityLabels, l) {
				g.Nodes = append(g.Nodes, toNode(l, r.Values[1].(map[string]any)))
				break
			}
		}
	}
	g.Sort()
	return g.Nodes, nil
}

// Mentions returns the number of articles that mention the entity id. It
// reads the node's degree rather than walking its MENTIONS: only Article
// nodes start one, one per article (Load MERGEs it), so the two agree, and
// the count costs the same for a hub as for anyone.
func (s *Store) Mentions(ctx context.Context, id string) (int, error) {
	label, ok := graph.EntityLabel(id)
	if !ok {
		return 0, nil
	}
	out, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, fmt.Sprintf("MATCH (n:%s {id: $id}) RETURN COUNT { (n)<-[:%s]-() }", label, schema.Mentions),
			map[string]any{"id": id})
	})
	if err != nil {
		return 0, wrap("mentions of "+id, err)
	}
	recs := out.([]*neo4j.Record)
	if len(recs) == 0 { // no such entity
		return 0, nil
	}
	n, _ := recs[0].Values[0].(int64)
	return int(n), nil
}

// inPeriod is graph.InPeriod over r.date in Cypher, for $since and $until
// not both empty: it narrows what Relations reads, and Filter.Match then
// has the last word.
const inPeriod = `coalesce(r.date, '') <> ''
  AND ($since = '' OR CASE size(r.date) WHEN 4 THEN r.date + '-12-31' WHEN 7 THEN r.date + '-31' ELSE r.date END
       >= CASE size($since) WHEN 4 THEN $since + '-01-01' WHEN 7 THEN $since + '-01' ELSE $since END)
  AND ($until = '' OR CASE size(r.date) WHEN 4 THEN r.date + '-01-01' WHEN 7 THEN r.date + '-01' ELSE r.date END
       <= CASE size($until) WHEN 4 THEN $until + '-12-31' WHEN 7 THEN $until + '-31' ELSE $until END)`

// edgeColumns returns an edge's type, ends and properties, leaving out the
// per-article bookkeeping (support_*) that a hub's edges carry in bulk and
// that no answer shows.
const edgeColumns = `RETURN type(r), startNode(r).id, endNode(r).id,
       [k IN keys(r) WHERE NOT k STARTS WITH 'support_' | [k, r[k]]]`

// Relations returns the relation edges that f selects. With an entity in f
// (source, target or either end) it expands from that node over f's
// relation types only, so a hub's MENTIONS are never walked; without one it
// reads the edges of those types. A period narrows the read in Cypher; f's
// Match gives the exact answer.
func (s *Store) Relations(ctx context.Context, f graph.Filter) ([]graph.Edge, error) {
	types := relationTypesOf(f.Types)
	if len(types) == 0 {
		return nil, nil
	}
	pattern := strings.Join(types, "|") // schema names only: relationTypesOf
	params := map[string]any{"since": f.Since, "until": f.Until}
	var cypher string
	if id := cmp.Or(f.Source, f.Target, f.Entity); id != "" {
		label, ok := graph.EntityLabel(id)
		if !ok {
			return nil, nil
		}
		params["id"] = id
		// DISTINCT: a self-loop is matched from both of its ends.
		cypher = fmt.Sprintf("MATCH (n:%s {id: $id})-[r:%s]-()\nWITH DISTINCT r\n", label, pattern)
	} else {
		cypher = fmt.Sprintf("MATCH ()-[r:%s]->()\nWITH r\n", pattern)
	}
	if f.Since != "" || f.Until != "" {
		cypher += "WHERE " + inPeriod + "\n"
	}
	cypher += edgeColumns
	out, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, cypher, params)
	})
	if err != nil {
		return nil, wrap("relations", err)
	}
	g := &graph.Graph{}
	for _, r := range out.([]*neo4j.Record) {
		props := map[string]any{}
		for _, kv := range r.Values[3].([]any) {
			kv := kv.([]any)
			props[str(kv[0])] = kv[1]
		}
		if e := toEdge(str(r.Values[0]), str(r.Values[1]), str(r.Values[2]), props); f.Match(e) {
			g.Edges = append(g.Edges, e)
		}
	}
	g.Sort() // the lists inside each edge
	graph.SortEdges(g.Edges)
	return g.Edges, nil
}

// relationTypesOf returns the relation types of the schema among types, or
// all of them if types is empty. MENTIONS and unknown names select no
// relation edge and are dropped.
func relationTypesOf(types []string) []string {
	var out []string
	for _, rt := range schema.RelationTypes {
		if len(types) == 0 || slices.Contains(types, rt.Name) {
			out = append(out, rt.Name)
		}
	}
	return out
}
