package neo4j

import (
	"context"
	"fmt"
	"slices"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
	"github.com/newsgraph/kg/schema"
)

// naiveLoad is the baseline of the load benchmark, the way one writes a
// loader at first: one MERGE statement per node and per relationship, each
// in a transaction of its own. It writes the properties that Store.Load
// writes (an entity's name from the greatest article id, name_article,
// MENTIONS' name, aliases, name_keys and props, edges' support lists), so
// it does the same work, and for new articles loaded in order of id it
// builds the same graph (TestNaiveLoad_SameGraph checks it). It does
// none of the loader's bookkeeping: no skipping of articles already held,
// no removal of an older version. It is not product code; it exists to
// measure what batching buys. It returns the number of statements it ran.
func naiveLoad(ctx context.Context, s *Store, recs []kg.Record) (int, error) {
	sess := s.session(ctx, driver.AccessModeWrite)
	defer sess.Close(ctx)
	statements := 0
	run := func(cypher string, params map[string]any) error {
		statements++
		_, err := sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
			return collect(ctx, tx, cypher, params)
		})
		return err
	}
	for _, r := range recs {
		c, err := graph.Flatten(r)
		if err != nil {
			return statements, err
		}
		a := c.Article
		labels := map[string]string{}
		for _, n := range c.Entities {
			labels[n.ID] = n.Label
			aliases := orEmpty(n.Aliases)
			keys := nameKeys(n)
			p := props(n.Props, nodeKeys)
			// n.Label is a schema label: Flatten checked it.
			if err := run(fmt.Sprintf(`MERGE (n:%s {id: $id})
SET n.uuid = $uuid,
    n.name = CASE WHEN n.name_article IS NULL OR $article >= n.name_article THEN $name ELSE n.name END,
    n.name_article = CASE WHEN n.name_article IS NULL OR $article >= n.name_article THEN $article ELSE n.name_article END,
    n.aliases = coalesce(n.aliases, []) + [x IN $aliases WHERE NOT x IN coalesce(n.aliases, [])],
    n.name_keys = coalesce(n.name_keys, []) + [x IN $keys WHERE NOT x IN coalesce(n.name_keys, [])]
SET n += $props`, n.Label), map[string]any{"id": n.ID, "uuid": schema.UUID(n.ID), "name": n.Name, "article": a.ID,
				"aliases": aliases, "keys": keys, "props": p}); err != nil {
				return statements, fmt.Errorf("naive %s node %s: %w", n.Label, n.ID, err)
			}
		}
		if err := run(`MERGE (a:Article {id: $id})
SET a.uuid = $uuid, a.title = $title, a.url = $url, a.published = $published,
    a.source = $source, a.hash = $hash, a.extractor = $extractor`, map[string]any{
			"id": a.ID, "uuid": schema.UUID(a.ID), "title": orNil(a.Title), "url": orNil(a.URL),
			"published": orNil(a.Published), "source": orNil(a.Source), "hash": a.Hash, "extractor": a.Extractor}); err != nil {
			return statements, fmt.Errorf("naive article %s: %w", a.ID, err)
		}
		for _, n := range c.Entities {
			p := props(n.Props, nodeKeys)
			if err := run(fmt.Sprintf(`MATCH (a:Article {id: $article})
MATCH (e:%s {id: $entity})
MERGE (a)-[m:MENTIONS]->(e)
SET m.name = $name, m.aliases = $aliases, m.name_keys = $keys, m.props = $props`, n.Label), map[string]any{
				"article": a.ID, "entity": n.ID, "name": n.Name, "aliases": orEmpty(n.Aliases), "keys": nameKeys(n),
				"props": mustJSON(p)}); err != nil {
				return statements, fmt.Errorf("naive mention %s → %s: %w", a.ID, n.ID, err)
			}
		}
		for _, e := range c.Edges {
			ev := make([]map[string]any, len(e.Evidence))
			for i, x := range e.Evidence {
				ev[i] = map[string]any{"sentence": x.Sentence, "start": x.Start, "end": x.End}
			}
			rules := orEmpty(slices.Sorted(slices.Values(e.Rules)))
			p := props(e.Props, edgeKeys)
			g := edgeGroup{e.Type, labels[e.Source], labels[e.Target]}
			if err := checkGroup(g); err != nil {
				return statements, err
			}
			if err := run(fmt.Sprintf(`MATCH (s:%[1]s {id: $source})
MATCH (t:%[2]s {id: $target})
MERGE (s)-[r:%[3]s {date: $date}]->(t)
SET r.articles = coalesce(r.articles, []) + $article,
    r.support_confidence = coalesce(r.support_confidence, []) + $confidence,
    r.support_rules = coalesce(r.support_rules, []) + $rules,
    r.support_rule_articles = coalesce(r.support_rule_articles, []) + [x IN $rules | $article],
    r.support_props = coalesce(r.support_props, []) + $props_json,
    r.evidence = coalesce(r.evidence, []) + [e IN $evidence | e.sentence],
    r.evidence_articles = coalesce(r.evidence_articles, []) + [e IN $evidence | $article],
    r.evidence_starts = coalesce(r.evidence_starts, []) + [e IN $evidence | e.start],
    r.evidence_ends = coalesce(r.evidence_ends, []) + [e IN $evidence | e.end],
    r.confidence = CASE WHEN r.confidence IS NULL OR $confidence > r.confidence THEN $confidence ELSE r.confidence END,
    r.rules = coalesce(r.rules, []) + [x IN $rules WHERE NOT x IN coalesce(r.rules, [])]
SET r += $props`, g.from, g.to, g.typ), map[string]any{
				"source": e.Source, "target": e.Target, "date": e.Date, "article": a.ID,
				"confidence": e.Confidence, "rules": rules, "evidence": ev, "props": p,
				"props_json": mustJSON(p)}); err != nil {
				return statements, fmt.Errorf("naive %s edge %s → %s: %w", e.Type, e.Source, e.Target, err)
			}
		}
	}
	return statements, nil
}

func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// nameKeys are the graph.NameKey of an entity's name and aliases, as the
// loader stores them for Lookup.
func nameKeys(n graph.Node) []string { return graph.NameKeys(n.Name, n.Aliases) }

// The baseline is only a fair one if it builds what the loader builds.
func TestNaiveLoad_SameGraph(t *testing.T) {
	cfg := testConfig(t)
	ctx := context.Background()
	recs := storetest.Batch(60)
	s := openEmpty(t, cfg)
	if err := s.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := naiveLoad(ctx, s, recs); err != nil {
		t.Fatalf("naiveLoad: %v", err)
	}
	naive, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, recs); err != nil {
		t.Fatalf("Load: %v", err)
	}
	loaded, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := storetest.Diff(loaded, naive); d != "" {
		t.Errorf("the naive load builds another graph than Store.Load (want: Load, got: naive):\n%s", d)
	}
}
