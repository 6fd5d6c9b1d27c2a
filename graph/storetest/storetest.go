// Package storetest is the conformance suite that every graph.Store passes,
// so that the embedded store and Neo4j give the same graph for the same
// records. A store's test calls Run with a function that opens an empty
// store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) graph.Store {
//			s := open(t) // empty, closed by a t.Cleanup of its own
//			return s
//		})
//	}
//
// The suite calls Init itself and never Close. Expected graphs are written
// out by hand in expect.go; where a property is checked by comparing two
// stores (order independence, forgetting), one side is a fresh store.
//
// What the suite holds a Snapshot to, beyond graph.go's model:
//   - an Article node has the title as Name and url, published, source, hash
//     and extractor as Props;
//   - an entity's aliases are the sorted union of the aliases that the
//     articles holding it give (forgetting an article drops the aliases only
//     it gave); its name is the one the article of the greatest id gives;
//     its props are merged key by key, the article of the greatest id
//     winning a conflict; all of that is recomputed when an article is
//     forgotten or re-extracted, and none of it depends on the order of
//     loading;
//   - an edge's confidence is the highest that its articles give, its rules
//     the union of theirs, its props merged key by key with the article of
//     the greatest id winning a conflict; all of that is recomputed when an
//     article is forgotten or re-extracted;
//   - the records of one Load are applied in order, as if loaded one by one;
//   - empty lists and maps are the same as absent ones, zero counts in Stats
//     the same as missing ones.
package storetest

import (
	"context"
	"reflect"
	"strings"
	"testing"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/graph"
)

// Run runs the conformance suite. open returns a new, empty store each time
// it is called; subtests run one after the other.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	fresh := func(t *testing.T) *harness {
		t.Helper()
		h := &harness{t: t, s: open(t), ctx: context.Background()}
		h.init()
		return h
	}
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, fresh func(*testing.T) *harness)
	}{
		{"EmptyStore", testEmptyStore},
		{"InitIsIdempotent", testInitIsIdempotent},
		{"LoadBuildsTheModel", testLoadBuildsTheModel},
		{"LoadTwiceChangesNothing", testLoadTwiceChangesNothing},
		{"EntityInTwoArticlesIsOneNode", testEntityInTwoArticlesIsOneNode},
		{"EdgeStatedByTwoArticlesIsOneEdge", testEdgeStatedByTwoArticles},
		{"SymmetricEdgeStoredOnce", testSymmetricEdgeStoredOnce},
		{"ArticleNodesMentionTheirEntities", testArticleNodes},
		{"RelationEdgesCarryProvenance", testRelationEdges},
		{"ReextractionReplacesContribution", testReextraction},
		{"Forget", testForget},
		{"ForgetEqualsNeverLoaded", testForgetEqualsNeverLoaded},
		{"OrderIndependence", testOrderIndependence},
		{"DuplicatesInOneBatch", testDuplicatesInOneBatch},
		{"StatsAgreeWithSnapshot", testStatsAgreeWithSnapshot},
		{"CypherLookingValuesAreData", testCypherLookingValues},
		{"InvalidRecordsAreRefused", testInvalidRecords},
		{"UnicodeRoundTrips", testUnicode},
		{"SnapshotIsCanonical", testSnapshotIsCanonical},
		{"Queries", testQueries},
		{"ReaderAgreesWithSnapshot", testReaderAgrees},
		{"EntityAliasesMergeAsSets", testAliasesMerge},
		{"EntityPropsMergeByKey", testPropsMerge},
		{"EntityNameOfGreatestArticle", testNameOfGreatestArticle},
		{"ManyArticlesInPieces", testManyArticles},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, fresh) })
	}
}

// harness wraps a store with calls that fail the test on error.
type harness struct {
	t   *testing.T
	s   graph.Store
	ctx context.Context
}

func (h *harness) init() {
	h.t.Helper()
	if err := h.s.Init(h.ctx); err != nil {
		h.t.Fatalf("Init: %v", err)
	}
}

func (h *harness) load(recs ...kg.Record) graph.LoadResult {
	h.t.Helper()
	res, err := h.s.Load(h.ctx, recs)
	if err != nil {
		h.t.Fatalf("Load: %v", err)
	}
	return res
}

// loadWant loads recs and checks the LoadResult.
func (h *harness) loadWant(want graph.LoadResult, recs ...kg.Record) {
	h.t.Helper()
	if got := h.load(recs...); got != want {
		h.t.Errorf("Load %s: got %+v, want %+v", ids(recs), got, want)
	}
}

func (h *harness) forget(ids ...string) int {
	h.t.Helper()
	n, err := h.s.Forget(h.ctx, ids)
	if err != nil {
		h.t.Fatalf("Forget %q: %v", ids, err)
	}
	return n
}

func (h *harness) snapshot() *graph.Graph {
	h.t.Helper()
	g, err := h.s.Snapshot(h.ctx)
	if err != nil {
		h.t.Fatalf("Snapshot: %v", err)
	}
	if g == nil {
		h.t.Fatalf("Snapshot returned nil")
	}
	return g
}

func (h *harness) stats() graph.Stats {
	h.t.Helper()
	st, err := h.s.Stats(h.ctx)
	if err != nil {
		h.t.Fatalf("Stats: %v", err)
	}
	return st
}

func ids(recs []kg.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Article.ID)
	}
	return out
}

func abc() []kg.Record { return []kg.Record{recA1(), recB2(), recC3()} }

var empty = graph.Stats{}

func testEmptyStore(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.init()
	checkStats(t, "empty store", empty, h.stats())
	checkGraph(t, "empty store", &graph.Graph{}, h.snapshot())
	h.loadWant(graph.LoadResult{})
	if n := h.forget(); n != 0 {
		t.Errorf("Forget() = %d, want 0", n)
	}
	if n := h.forget(a1); n != 0 {
		t.Errorf("Forget(%q) on an empty store = %d, want 0", a1, n)
	}
}

func testInitIsIdempotent(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.init()
	h.init()
	h.loadWant(graph.LoadResult{Loaded: 3}, abc()...)
	h.init()
	checkGraph(t, "Init after Load", wantABC(), h.snapshot())
	h.loadWant(graph.LoadResult{Skipped: 3}, abc()...)
}

func testLoadBuildsTheModel(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.loadWant(graph.LoadResult{Loaded: 3}, abc()...)
	checkGraph(t, "a1+b2+c3", wantABC(), h.snapshot())
	checkStats(t, "a1+b2+c3", statsABC, h.stats())
}

func testLoadTwiceChangesNothing(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.loadWant(graph.LoadResult{Loaded: 3}, abc()...)
	st1, g1 := h.stats(), h.snapshot()
	h.loadWant(graph.LoadResult{Skipped: 3}, abc()...)
	st2, g2 := h.stats(), h.snapshot()
	checkStats(t, "second load", st1, st2)
	if !reflect.DeepEqual(g1, g2) {
		t.Errorf("second load changed the snapshot\n%s", Diff(g1, g2))
	}
	// One at a time, and in another order: still nothing new.
	h.loadWant(graph.LoadResult{Skipped: 1}, recC3())
	h.loadWant(graph.LoadResult{Skipped: 2}, recB2(), recA1())
	checkGraph(t, "after reloads", wantABC(), h.snapshot())
	checkStats(t, "after reloads", statsABC, h.stats())
}

func findNodes(g *graph.Graph, id string) []graph.Node {
	var ns []graph.Node
	for _, n := range g.Nodes {
		if n.ID == id {
			ns = append(ns, n)
		}
	}
	return ns
}

func findEdges(g *graph.Graph, typ, a, b string, eitherWay bool) []graph.Edge {
	var es []graph.Edge
	for _, e := range g.Edges {
		if e.Type == typ && (e.Source == a && e.Target == b || eitherWay && e.Source == b && e.Target == a) {
			es = append(es, e)
		}
	}
	return es
}

func mentioners(g *graph.Graph, id string) []string {
	var arts []string
	for _, e := range g.Edges {
		if e.Type == "MENTIONS" && e.Target == id {
			arts = append(arts, e.Source)
		}
	}
	return arts
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

func testEntityInTwoArticlesIsOneNode(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.load(abc()...)
	g := h.snapshot()
	for _, c := range []struct {
		id   string
		arts []string
	}{{rus, strs(a1, b2, c3)}, {lavrov, strs(a1, b2)}, {usa, strs(a1, b2)}, {ind, strs(a1)}} {
		if ns := findNodes(g, c.id); len(ns) != 1 {
			t.Errorf("%s: %d nodes, want 1: %+v", c.id, len(ns), ns)
		}
		if got := mentioners(g, c.id); !sameSet(got, c.arts) {
			t.Errorf("%s: mentioned by %q, want %q", c.id, got, c.arts)
		}
	}
}

func testEdgeStatedByTwoArticles(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.load(recA1(), recB2())
	h.load(recA1(), recB2())
	es := findEdges(h.snapshot(), "WITHDREW_FROM", rus, newStart, false)
	if len(es) != 1 {
		t.Fatalf("WITHDREW_FROM Russia→New START: %d edges, want 1: %+v", len(es), es)
	}
	e := canonical(&graph.Graph{Edges: es}).Edges[0]
	if !reflect.DeepEqual(e.Articles, strs(a1, b2)) {
		t.Errorf("articles = %q, want [a1 b2]", e.Articles)
	}
	want := []graph.Evidence{ev(a1, a1s4, 308, 351), ev(b2, b2s1, 0, 73)}
	if !reflect.DeepEqual(e.Evidence, want) {
		t.Errorf("evidence = %+v, want %+v", e.Evidence, want)
	}
	if e.Confidence != 0.95 || !reflect.DeepEqual(e.Rules, strs("suspended-participation", "withdrew-from")) {
		t.Errorf("confidence %v rules %q, want 0.95 [suspended-participation withdrew-from]", e.Confidence, e.Rules)
	}
}

func testSymmetricEdgeStoredOnce(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	// a1 gives MET_WITH both ways, b2 and c3 only from the larger id.
	h.load(abc()...)
	g := h.snapshot()
	for _, c := range []struct{ from, to string }{{blinken, lavrov}, {erdogan, putin}} {
		es := findEdges(g, "MET_WITH", c.from, c.to, true)
		if len(es) != 1 {
			t.Errorf("MET_WITH %s–%s: %d edges, want 1: %+v", c.from, c.to, len(es), es)
			continue
		}
		if es[0].Source != c.from || es[0].Target != c.to {
			t.Errorf("MET_WITH stored %s→%s, want %s→%s (smaller id first)", es[0].Source, es[0].Target, c.from, c.to)
		}
	}
}

func testArticleNodes(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.load(abc()...)
	g := h.snapshot()
	for _, c := range []struct {
		want     graph.Node
		mentions []string
	}{
		{nodeA1, strs(blinken, lavrov, usa, rus, newStart, g20, delhi, ind)},
		{nodeB2, strs(rus, usa, newStart, lavrov, blinken, stateDep)},
		{nodeC3, strs(erdogan, putin, tur, rus, sochi)},
	} {
		ns := findNodes(g, c.want.ID)
		if len(ns) != 1 || !reflect.DeepEqual(canonical(&graph.Graph{Nodes: ns}).Nodes[0], c.want) {
			t.Errorf("article node %s = %+v, want %+v", c.want.ID, ns, c.want)
		}
		var got []string
		for _, e := range g.Edges {
			if e.Type == "MENTIONS" && e.Source == c.want.ID {
				got = append(got, e.Target)
			}
		}
		if !sameSet(got, c.mentions) {
			t.Errorf("%s MENTIONS %q, want %q", c.want.ID, got, c.mentions)
		}
	}
}

func testRelationEdges(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.load(abc()...)
	g := canonical(h.snapshot())
	for _, want := range []graph.Edge{
		{Type: "REPRESENTS", Source: blinken, Target: usa, Articles: strs(a1),
			Evidence: []graph.Evidence{ev(a1, a1s1, 0, 141)}, Confidence: 0.7, Rules: strs("appositive-role"),
			Props: role("Secretary of State")},
		{Type: "CONDEMNED", Source: usa, Target: rus, Articles: strs(a1),
			Evidence: []graph.Evidence{ev(a1, a1s3, 215, 307)}, Confidence: 0.8, Rules: strs("condemned")},
		{Type: "CONDEMNED", Source: usa, Target: rus, Date: "2023-02-28", Articles: strs(b2),
			Evidence: []graph.Evidence{ev(b2, b2s3, 136, 177)}, Confidence: 0.8, Rules: strs("condemned")},
		{Type: "LOCATED_IN", Source: sochi, Target: rus, Articles: strs(c3), Confidence: 0.9, Rules: strs("gazetteer")},
	} {
		var found bool
		for _, e := range findEdges(g, want.Type, want.Source, want.Target, false) {
			if e.Date == want.Date {
				found = true
				if !reflect.DeepEqual(e, want) {
					t.Errorf("%s %s→%s %q:\n got  %+v\n want %+v", want.Type, want.Source, want.Target, want.Date, e, want)
				}
			}
		}
		if !found {
			t.Errorf("no %s %s→%s dated %q", want.Type, want.Source, want.Target, want.Date)
		}
	}
	if es := findEdges(g, "CONDEMNED", usa, rus, false); len(es) != 2 {
		t.Errorf("CONDEMNED USA→RUS: %d edges, want 2 (one undated, one dated 2023-02-28)", len(es))
	}
}

func testReextraction(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.loadWant(graph.LoadResult{Loaded: 3}, abc()...)
	// b2v2: another extractor version; c3v2: another content hash.
	h.loadWant(graph.LoadResult{Skipped: 1, Replaced: 2}, recA1(), recB2v2(), recC3v2())
	checkGraph(t, "re-extracted", wantReextracted(), h.snapshot())
	checkStats(t, "re-extracted", statsReextracted, h.stats())
	h.loadWant(graph.LoadResult{Skipped: 3}, recA1(), recB2v2(), recC3v2())
	// "Another" version, not "a newer" one: going back restores the graph.
	h.loadWant(graph.LoadResult{Replaced: 2}, recB2(), recC3())
	checkGraph(t, "back to the first versions", wantABC(), h.snapshot())
	checkStats(t, "back to the first versions", statsABC, h.stats())
}

func testForget(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.load(abc()...)
	if n := h.forget(b2); n != 1 {
		t.Errorf("Forget(b2) = %d, want 1", n)
	}
	checkGraph(t, "b2 forgotten", wantAC(), h.snapshot())
	checkStats(t, "b2 forgotten", statsAC, h.stats())
	if n := h.forget(b2); n != 0 {
		t.Errorf("Forget(b2) again = %d, want 0", n)
	}
	if n := h.forget("no-such-article"); n != 0 {
		t.Errorf("Forget(unknown) = %d, want 0", n)
	}
	checkGraph(t, "after forgetting nothing", wantAC(), h.snapshot())
	if n := h.forget(c3, "no-such-article", a1); n != 2 {
		t.Errorf("Forget(c3, unknown, a1) = %d, want 2", n)
	}
	checkGraph(t, "everything forgotten", &graph.Graph{}, h.snapshot())
	checkStats(t, "everything forgotten", empty, h.stats())
	h.loadWant(graph.LoadResult{Loaded: 3}, abc()...)
	checkGraph(t, "loaded again after forgetting", wantABC(), h.snapshot())
}

func testForgetEqualsNeverLoaded(t *testing.T, fresh func(*testing.T) *harness) {
	for _, c := range []struct {
		forget []string
		keep   []kg.Record
	}{
		{strs(a1), []kg.Record{recB2(), recC3()}},
		{strs(c3), []kg.Record{recA1(), recB2()}},
		{strs(a1, b2), []kg.Record{recC3()}},
	} {
		h := fresh(t)
		h.load(abc()...)
		h.forget(c.forget...)
		ref := fresh(t)
		ref.load(c.keep...)
		checkGraph(t, "forgot "+c.forget[0]+"… vs never loaded it", ref.snapshot(), h.snapshot())
		checkStats(t, "forgot "+c.forget[0]+"… vs never loaded it", ref.stats(), h.stats())
	}
}

func testOrderIndependence(t *testing.T, fresh func(*testing.T) *harness) {
	for _, batches := range [][][]kg.Record{
		{{recA1(), recB2(), recC3()}},
		{{recC3(), recB2(), recA1()}},
		{{recA1()}, {recB2()}, {recC3()}},
		{{recC3()}, {recB2()}, {recA1()}},
		{{recB2(), recA1()}, {recC3()}},
	} {
		h := fresh(t)
		var order [][]string
		for _, b := range batches {
			h.load(b...)
			order = append(order, ids(b))
		}
		t.Logf("batches %q", order)
		checkGraph(t, "loaded as batches", wantABC(), h.snapshot())
	}
}

func testDuplicatesInOneBatch(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.loadWant(graph.LoadResult{Loaded: 1, Skipped: 1}, recA1(), recA1())
	h.loadWant(graph.LoadResult{Skipped: 1, Loaded: 1, Replaced: 1}, recA1(), recB2(), recB2v2())
	ref := fresh(t)
	ref.load(recA1(), recB2v2())
	checkGraph(t, "[a1 a1] [a1 b2 b2v2] vs [a1 b2v2]", ref.snapshot(), h.snapshot())

	h2 := fresh(t)
	h2.loadWant(graph.LoadResult{Loaded: 1, Replaced: 2}, recB2v2(), recB2(), recB2v2())
	ref2 := fresh(t)
	ref2.load(recB2v2())
	checkGraph(t, "[b2v2 b2 b2v2] vs [b2v2]", ref2.snapshot(), h2.snapshot())
}

func testStatsAgreeWithSnapshot(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	check := func(what string) {
		t.Helper()
		checkStats(t, what, countSnapshot(h.snapshot()), h.stats())
	}
	check("empty")
	h.load(abc()...)
	check("a1+b2+c3")
	h.load(recX())
	check("with x9")
	h.load(recB2v2(), recC3v2())
	check("re-extracted")
	h.forget(a1)
	check("a1 forgotten")
	h.load(Batch(30)...)
	check("with 30 synthetic articles")
}

func testCypherLookingValues(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.load(abc()...)
	h.loadWant(graph.LoadResult{Loaded: 1}, recX())
	checkGraph(t, "with x9", union(wantABC(), wantX()), h.snapshot())
	h.loadWant(graph.LoadResult{Skipped: 1}, recX())
	if n := h.forget(xID); n != 1 {
		t.Errorf("Forget(%q) = %d, want 1", xID, n)
	}
	checkGraph(t, "x9 forgotten", wantABC(), h.snapshot())

	alone := fresh(t)
	alone.load(recX())
	checkGraph(t, "x9 alone", wantX(), alone.snapshot())
}

func testInvalidRecords(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.load(abc()...)
	edit := func(id string, change func(r *kg.Record)) kg.Record {
		r := recA1()
		r.Article.ID = id
		change(&r)
		return r
	}
	entityProp := func(k string) func(r *kg.Record) {
		return func(r *kg.Record) { r.Entities[0].Props = map[string]string{"rank": "minister", k: "x"} }
	}
	relationProp := func(k string) func(r *kg.Record) {
		return func(r *kg.Record) { r.Relations[2].Props = map[string]string{"role": "envoy", k: "x"} }
	}
	for _, c := range []struct {
		name string
		recs []kg.Record
		says string // what the error names
	}{
		{"label outside the schema", []kg.Record{edit("bad-label", func(r *kg.Record) {
			r.Entities[1].Label = "Organization`) DETACH DELETE n //"
		})}, "DETACH"},
		{"unknown relation type", []kg.Record{edit("bad-type", func(r *kg.Record) {
			r.Relations[0].Type = "MET_WITH]->() DETACH DELETE n //"
		})}, "DETACH"},
		{"endpoint not among the entities", []kg.Record{edit("bad-endpoint", func(r *kg.Record) {
			r.Relations[0].Target = "person:nobody"
		})}, "person:nobody"},
		{"labels the type does not connect", []kg.Record{edit("bad-schema", func(r *kg.Record) {
			r.Relations[0].Type = "WITHDREW_FROM" // Person → Person is not allowed
		})}, "WITHDREW_FROM"},
		{"no article id", []kg.Record{edit("", func(*kg.Record) {})}, "id"},
		// An entity's id names its label, so that one id is one node in
		// every store: Russia is a Country, never also an Organization.
		{"id of another label", []kg.Record{edit("bad-id-label", func(r *kg.Record) {
			r.Entities[3].Label = "Organization"
		})}, rus},
		{"id without a label", []kg.Record{edit("bad-id", func(r *kg.Record) { r.Entities[4].ID = "new-start" })}, "new-start"},
		{"id without a key", []kg.Record{edit("bad-id-key", func(r *kg.Record) { r.Entities[4].ID = "treaty:" })}, "treaty:"},
		// Props may not take the names of the model's properties or of the
		// stores' bookkeeping.
		{"entity prop id", []kg.Record{edit("bad-prop-1", entityProp("id"))}, `"id"`},
		{"entity prop name", []kg.Record{edit("bad-prop-2", entityProp("name"))}, `"name"`},
		{"entity prop aliases", []kg.Record{edit("bad-prop-3", entityProp("aliases"))}, `"aliases"`},
		{"entity prop name_keys", []kg.Record{edit("bad-prop-4", entityProp("name_keys"))}, `"name_keys"`},
		{"entity prop label", []kg.Record{edit("bad-prop-5", entityProp("label"))}, `"label"`},
		{"entity prop support_", []kg.Record{edit("bad-prop-6", entityProp("support_name"))}, `"support_name"`},
		{"entity prop empty", []kg.Record{edit("bad-prop-7", entityProp(""))}, `""`},
		{"relation prop articles", []kg.Record{edit("bad-prop-8", relationProp("articles"))}, `"articles"`},
		{"relation prop evidence_starts", []kg.Record{edit("bad-prop-9", relationProp("evidence_starts"))}, `"evidence_starts"`},
		{"relation prop confidence", []kg.Record{edit("bad-prop-10", relationProp("confidence"))}, `"confidence"`},
		{"relation prop date", []kg.Record{edit("bad-prop-11", relationProp("date"))}, `"date"`},
		{"relation prop uuid", []kg.Record{edit("bad-prop-12", relationProp("uuid"))}, `"uuid"`},
		{"relation prop support_props", []kg.Record{edit("bad-prop-13", relationProp("support_props"))}, `"support_props"`},
		// One bad record refuses its whole batch.
		{"good and bad in one batch", []kg.Record{recX(), edit("bad-prop-14", relationProp("rules"))}, `"rules"`},
	} {
		res, err := h.s.Load(h.ctx, c.recs)
		if err == nil {
			t.Errorf("%s: Load of %q: no error (result %+v)", c.name, ids(c.recs), res)
		} else if !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: error %q does not name %s", c.name, err, c.says)
		}
	}
	checkGraph(t, "after refused records", wantABC(), h.snapshot())
	checkStats(t, "after refused records", statsABC, h.stats())
	// Props of other names are data.
	ok := edit("ok-props", func(r *kg.Record) {
		r.Entities[0].Props = map[string]string{"rank": "minister", "title": "x", "ID": "y", "names": "z"}
		r.Relations[2].Props = map[string]string{"role": "envoy", "type": "x", "supports": "y"}
	})
	h.loadWant(graph.LoadResult{Loaded: 1}, ok)
	g := canonical(h.snapshot())
	if ns := findNodes(g, blinken); len(ns) != 1 || ns[0].Props["ID"] != "y" || ns[0].Props["title"] != "x" || ns[0].Props["names"] != "z" {
		t.Errorf("Blinken = %+v, want props ID, title and names", ns)
	}
	if es := findEdges(g, "REPRESENTS", blinken, usa, false); len(es) != 1 || es[0].Props["supports"] != "y" || es[0].Props["type"] != "x" {
		t.Errorf("REPRESENTS Blinken→USA = %+v, want props type and supports", es)
	}
}

func testUnicode(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.load(recC3())
	g := canonical(h.snapshot())
	want := map[string]graph.Node{
		c3:      nodeC3,
		erdogan: entity("Person", erdogan, "Recep Tayyip Erdoğan", strs("Erdoğan", "Эрдоган"), nil),
		sochi:   entity("Place", sochi, "Sochi", strs("Soçi", "Сочи"), map[string]string{"country": "RUS"}),
		tur:     entity("Country", tur, "Türkiye", nil, iso3("TUR")),
	}
	for id, w := range want {
		ns := findNodes(g, id)
		if len(ns) != 1 || !reflect.DeepEqual(ns[0], w) {
			t.Errorf("node %s = %+v, want %+v", id, ns, w)
		}
	}
	es := findEdges(g, "MET_WITH", erdogan, putin, false)
	wantEv := []graph.Evidence{ev(c3, c3s1, 0, 71), ev(c3, c3s3, 78, 118)}
	if len(es) != 1 || !reflect.DeepEqual(es[0].Evidence, wantEv) || !reflect.DeepEqual(es[0].Rules, strs("görüştü", "принял")) {
		t.Errorf("MET_WITH Erdoğan–Putin = %+v, want evidence %+v and rules [görüştü принял]", es, wantEv)
	}
	if es := findEdges(g, "REPRESENTS", erdogan, tur, false); len(es) != 1 || es[0].Props["role"] != "Cumhurbaşkanı" {
		t.Errorf("REPRESENTS Erdoğan→Türkiye = %+v, want role Cumhurbaşkanı", es)
	}
	// The hash was computed from the exact bytes of title and text.
	if ns := findNodes(g, c3); len(ns) == 1 && ns[0].Props["hash"] != hashC3 {
		t.Errorf("c3 hash = %q, want %q", ns[0].Props["hash"], hashC3)
	}
}

// Snapshot returns the graph in canonical order (graph.Graph.Sort) as it is,
// whatever order the records gave lists in.
func testSnapshotIsCanonical(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	h.load(abc()...)
	h.load(recD4(), recX(), france("m2", strs("the Élysée", "Paris", "French"), iso3("FRA")))
	h.load(Batch(20)...)
	g := h.snapshot()
	if d := orderDiff(canonical(g), normal(g)); d != "" {
		t.Errorf("snapshot not in canonical order: %s", d)
	}
}

func france(art string, aliases []string, props map[string]string) kg.Record {
	return kg.Record{
		Article:  kg.Article{ID: art, Title: "France " + art, Text: "Paris said so. " + art, Extractor: "rules/1"},
		Entities: []kg.Entity{{ID: "country:FRA", Label: "Country", Name: "France", Aliases: aliases, Props: props}},
	}
}

func testAliasesMerge(t *testing.T, fresh func(*testing.T) *harness) {
	m1 := func() kg.Record { return france("m1", strs("Paris"), iso3("FRA")) }
	m2 := func() kg.Record { return france("m2", strs("the Élysée", "Paris", "French"), iso3("FRA")) }
	want := entity("Country", "country:FRA", "France", strs("French", "Paris", "the Élysée"), iso3("FRA"))
	for _, batches := range [][][]kg.Record{{{m1(), m2()}}, {{m2(), m1()}}, {{m2()}, {m1()}}} {
		h := fresh(t)
		for _, b := range batches {
			h.load(b...)
		}
		ns := findNodes(canonical(h.snapshot()), "country:FRA")
		if len(ns) != 1 || !reflect.DeepEqual(ns[0], want) {
			t.Errorf("France = %+v, want %+v", ns, want)
		}
		h.forget("m2")
		ns = findNodes(canonical(h.snapshot()), "country:FRA")
		if w := entity("Country", "country:FRA", "France", strs("Paris"), iso3("FRA")); len(ns) != 1 || !reflect.DeepEqual(ns[0], w) {
			t.Errorf("France once m2 is forgotten = %+v, want %+v", ns, w)
		}
	}
}

func testPropsMerge(t *testing.T, fresh func(*testing.T) *harness) {
	m1 := func() kg.Record { return france("m1", nil, map[string]string{"iso3": "FRA", "capital": "Paris"}) }
	m2 := func() kg.Record {
		return france("m2", nil, map[string]string{"capital": "Lutèce", "motto": "Liberté"})
	}
	m3 := func() kg.Record { return france("m3", nil, nil) }
	want := entity("Country", "country:FRA", "France", nil, map[string]string{"iso3": "FRA", "capital": "Lutèce", "motto": "Liberté"})
	for _, batches := range [][][]kg.Record{{{m1(), m2(), m3()}}, {{m2(), m3(), m1()}}, {{m2()}, {m1()}, {m3()}}, {{m3()}, {m1()}, {m2()}}} {
		h := fresh(t)
		for _, b := range batches {
			h.load(b...)
		}
		check := func(what string, want graph.Node) {
			t.Helper()
			ns := findNodes(canonical(h.snapshot()), "country:FRA")
			if len(ns) != 1 || !reflect.DeepEqual(ns[0], want) {
				t.Errorf("%s: France = %+v, want %+v", what, ns, want)
			}
		}
		// Keys of both are kept; on a conflict the greatest article id wins.
		check("m1, m2 and m3", want)
		h.forget("m2")
		check("m2 forgotten", entity("Country", "country:FRA", "France", nil, map[string]string{"iso3": "FRA", "capital": "Paris"}))
		h.load(m2())
		h.forget("m1")
		check("m1 forgotten", entity("Country", "country:FRA", "France", nil, map[string]string{"capital": "Lutèce", "motto": "Liberté"}))
	}
}

func testNameOfGreatestArticle(t *testing.T, fresh func(*testing.T) *harness) {
	named := func(art, name string) kg.Record {
		r := france(art, strs("Paris"), iso3("FRA"))
		r.Entities[0].Name = name
		return r
	}
	m1 := func() kg.Record { return named("m1", "France") }
	m2 := func() kg.Record { return named("m2", "French Republic") }
	m3 := func() kg.Record { return named("m3", "République française") }
	for _, batches := range [][][]kg.Record{
		{{m1(), m2(), m3()}}, {{m3(), m2(), m1()}}, {{m2()}, {m3()}, {m1()}}, {{m3()}, {m1()}, {m2()}}, {{m1(), m3()}, {m2()}},
	} {
		h := fresh(t)
		var order [][]string
		for _, b := range batches {
			h.load(b...)
			order = append(order, ids(b))
		}
		check := func(what, want string) {
			t.Helper()
			ns := findNodes(h.snapshot(), "country:FRA")
			if len(ns) != 1 || ns[0].Name != want {
				t.Errorf("batches %q, %s: France = %+v, want the name %q", order, what, ns, want)
			}
		}
		check("loaded", "République française")
		h.forget("m3")
		check("m3 forgotten", "French Republic")
		h.load(m3())
		renamed := named("m2", "Frankreich")
		renamed.Article.Extractor = "rules/2"
		h.loadWant(graph.LoadResult{Replaced: 1}, renamed)
		check("m2 renamed it", "République française")
		h.loadWant(graph.LoadResult{Replaced: 1}, kg.Record{Article: kg.Article{ID: "m3", Title: "no France", Text: "none", Extractor: "rules/1"}})
		check("m3 re-extracted without it", "Frankreich")
		h.forget("m2")
		check("m2 forgotten", "France")
	}
}

func testManyArticles(t *testing.T, fresh func(*testing.T) *harness) {
	recs := Batch(150)
	whole := fresh(t)
	whole.loadWant(graph.LoadResult{Loaded: len(recs)}, recs...)
	pieces := fresh(t)
	for i := len(recs); i > 0; i -= 17 {
		pieces.load(recs[max(0, i-17):i]...) // backwards, 17 at a time
	}
	checkGraph(t, "150 articles at once vs in pieces of 17", whole.snapshot(), pieces.snapshot())
	whole.loadWant(graph.LoadResult{Skipped: len(recs)}, recs...)
	checkStats(t, "150 articles", countSnapshot(whole.snapshot()), whole.stats())
	// Forgetting every third article equals never loading it.
	var forget []string
	var keep []kg.Record
	for i, r := range recs {
		if i%3 == 0 {
			forget = append(forget, r.Article.ID)
		} else {
			keep = append(keep, r)
		}
	}
	if n := whole.forget(forget...); n != len(forget) {
		t.Errorf("Forget(%d articles) = %d", len(forget), n)
	}
	ref := fresh(t)
	ref.load(keep...)
	checkGraph(t, "forgot every third article vs never loaded it", ref.snapshot(), whole.snapshot())
}
