package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
)

// testQueries checks the answers of graph.Reader over a1, b2 and c3.
func testQueries(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	r, ok := h.s.(graph.Reader)
	if !ok {
		t.Fatalf("%T does not implement graph.Reader", h.s)
	}
	h.load(abc()...)

	t.Run("Lookup", func(t *testing.T) {
		for _, tt := range []struct{ name, want string }{
			{"Sergey Lavrov", lavrov},
			{"lavrov", lavrov},                  // alias, case
			{"Kremlin", rus},                    // alias "the Kremlin" without "the"
			{"ERDOGAN", erdogan},                // accents do not count
			{"Сочи", sochi},                     // Cyrillic alias
			{"U.S. State Department", stateDep}, // punctuation does not count
			{"Atlantis", ""},
		} {
			nodes, err := r.Lookup(h.ctx, tt.name)
			if err != nil {
				t.Fatalf("Lookup(%q): %v", tt.name, err)
			}
			var got []string
			for _, n := range nodes {
				got = append(got, n.ID)
			}
			if strings.Join(got, ",") != tt.want {
				t.Errorf("Lookup(%q) = %v, want %q", tt.name, got, tt.want)
			}
		}
		for _, name := range []string{"", "—", "...", "The"} { // names whose key is empty
			if nodes, err := r.Lookup(h.ctx, name); err != nil || len(nodes) > 0 {
				t.Errorf("Lookup(%q) = %v, %v; want nothing", name, nodes, err)
			}
		}
		nodes, _ := r.Lookup(h.ctx, "Russia")
		if len(nodes) != 1 || !slices.Contains(nodes[0].Aliases, "the Kremlin") || nodes[0].Props["iso3"] != "RUS" {
			t.Errorf("Lookup(Russia) = %+v, want the node with its aliases and props", nodes)
		}
	})

	t.Run("Relations", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			f    graph.Filter
			want []string // "TYPE source target date"
		}{
			{"by type", graph.Filter{Types: []string{"CONDEMNED"}}, []string{
				"CONDEMNED country:USA country:RUS ", "CONDEMNED country:USA country:RUS 2023-02-28"}},
			{"symmetric from either end", graph.Filter{Types: []string{"MET_WITH"}, Source: blinken}, []string{
				"MET_WITH person:antony-blinken person:sergey-lavrov 2023-03-02"}},
			{"directed from the wrong end", graph.Filter{Types: []string{"WITHDREW_FROM"}, Source: newStart}, nil},
			{"source and target", graph.Filter{Source: usa, Target: rus}, []string{
				"CONDEMNED country:USA country:RUS ", "CONDEMNED country:USA country:RUS 2023-02-28"}},
			{"entity and period", graph.Filter{Entity: rus, Since: "2023-02", Until: "2023-02-28"}, []string{
				"WITHDREW_FROM country:RUS treaty:new-start 2023-02", "CONDEMNED country:USA country:RUS 2023-02-28"}},
			{"partial date overlaps", graph.Filter{Types: []string{"WITHDREW_FROM"}, Since: "2023-02-15", Until: "2023"}, []string{
				"WITHDREW_FROM country:RUS treaty:new-start 2023-02"}},
			{"period leaves out undated", graph.Filter{Entity: sochi, Since: "2000"}, []string{
				"VISITED person:recep-tayyip-erdogan place:sochi 2023-09-04"}},
			{"no mentions", graph.Filter{Entity: delhi}, []string{
				"HELD_IN summit:g20-new-delhi-2023 place:new-delhi ", "LOCATED_IN place:new-delhi country:IND "}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				es, err := r.Relations(h.ctx, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, e := range es {
					got = append(got, fmt.Sprintf("%s %s %s %s", e.Type, e.Source, e.Target, e.Date))
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("got  %q\nwant %q", got, tt.want)
				}
			})
		}
		es, _ := r.Relations(h.ctx, graph.Filter{Types: []string{"WITHDREW_FROM"}})
		if len(es) != 1 || len(es[0].Evidence) != 2 || !slices.Equal(es[0].Articles, []string{a1, b2}) || es[0].Confidence != 0.95 {
			t.Errorf("WITHDREW_FROM = %+v, want both articles' evidence and the highest confidence", es)
		}
	})

	t.Run("Mentions", func(t *testing.T) {
		for id, want := range map[string]int{rus: 3, blinken: 2, stateDep: 1, "person:nobody": 0} {
			if n, err := r.Mentions(h.ctx, id); err != nil || n != want {
				t.Errorf("Mentions(%s) = %d, %v; want %d", id, n, err, want)
			}
		}
	})

	t.Run("NeighborsAndPath", func(t *testing.T) {
		hops, err := graph.Neighbors(h.ctx, r, blinken, 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, hp := range hops {
			got = append(got, fmt.Sprintf("%d %s %s", hp.Depth, hp.To, hp.Edge.Type))
		}
		// Russia is reached from the United States first, so Lavrov's
		// REPRESENTS does not repeat it; the State Department is three away.
		want := []string{"1 country:USA REPRESENTS", "1 person:sergey-lavrov MET_WITH",
			"2 country:RUS CONDEMNED", "2 summit:g20-new-delhi-2023 ATTENDED"}
		if !slices.Equal(got, want) {
			t.Errorf("Neighbors(blinken, 2):\ngot  %q\nwant %q", got, want)
		}
		path, err := graph.Path(h.ctx, r, blinken, newStart, 4, nil)
		if err != nil {
			t.Fatal(err)
		}
		got = nil
		for _, e := range path {
			got = append(got, e.Type+" "+e.Source+" "+e.Target)
		}
		want = []string{"REPRESENTS person:antony-blinken country:USA", "CONDEMNED country:USA country:RUS",
			"WITHDREW_FROM country:RUS treaty:new-start"}
		if !slices.Equal(got, want) {
			t.Errorf("Path(blinken, New START):\ngot  %q\nwant %q", got, want)
		}
		if path, _ := graph.Path(h.ctx, r, blinken, sochi, 2, nil); path != nil {
			t.Errorf("Path beyond maxDepth = %v, want none", path)
		}
	})
}

// testReaderAgrees checks that every answer of graph.Reader is what the
// Snapshot holds, in every detail: the Reader's order, and inside each node
// and edge the order of graph.Graph.Sort.
func testReaderAgrees(t *testing.T, fresh func(*testing.T) *harness) {
	h := fresh(t)
	r, ok := h.s.(graph.Reader)
	if !ok {
		t.Fatalf("%T does not implement graph.Reader", h.s)
	}
	h.load(abc()...)
	h.load(recD4(), recX())
	h.load(Batch(40)...)
	g := canonical(h.snapshot())
	var entities []graph.Node
	for _, n := range g.Nodes {
		if n.Label != "Article" {
			entities = append(entities, n)
		}
	}
	same := func(what string, want, got *graph.Graph) {
		t.Helper()
		w, g := normal(want), normal(got)
		if reflect.DeepEqual(w, g) {
			return
		}
		if d := Diff(w, g); d != "" {
			t.Errorf("%s differs from the snapshot:\n%s", what, d)
		} else {
			t.Errorf("%s is out of order: %s", what, orderDiff(w, g))
		}
	}

	for _, f := range []graph.Filter{
		{}, {Types: []string{"MET_WITH"}}, {Types: []string{"MENTIONS"}}, {Types: []string{"NO_SUCH_TYPE"}},
		{Entity: rus}, {Entity: usa, Since: "2023-03"}, {Source: usa}, {Target: rus}, {Source: lavrov, Target: blinken},
		{Entity: zeta}, {Entity: eta, Until: "2024"}, {Entity: "person:official-03"},
		{Entity: "country:CHN", Since: "2024-02", Until: "2024-05"}, {Types: []string{"CONDEMNED", "REPRESENTS"}, Since: "2024"},
		{Until: "2023-12-31"}, {Since: "2024-11-15"}, {Entity: "person:nobody"}, {Entity: "nobody"},
	} {
		var want []graph.Edge
		for _, e := range g.Edges {
			if f.Match(e) {
				want = append(want, e)
			}
		}
		graph.SortEdges(want)
		got, err := r.Relations(h.ctx, f)
		if err != nil {
			t.Fatalf("Relations(%+v): %v", f, err)
		}
		same(fmt.Sprintf("Relations(%+v)", f), &graph.Graph{Edges: want}, &graph.Graph{Edges: got})
	}

	var ids []string
	for _, n := range entities {
		ids = append(ids, n.ID)
	}
	got, err := r.Nodes(h.ctx, append(ids, "person:nobody", "nobody", rus))
	if err != nil {
		t.Fatal(err)
	}
	same("Nodes(every entity)", &graph.Graph{Nodes: entities}, &graph.Graph{Nodes: got})

	asked := map[string]bool{}
	for _, n := range entities {
		for _, name := range append([]string{n.Name}, n.Aliases...) {
			key := graph.NameKey(name)
			if asked[key] {
				continue
			}
			asked[key] = true
			var want []graph.Node
			for _, m := range entities {
				if key != "" && slices.ContainsFunc(append([]string{m.Name}, m.Aliases...), func(x string) bool { return graph.NameKey(x) == key }) {
					want = append(want, m)
				}
			}
			got, err := r.Lookup(h.ctx, name)
			if err != nil {
				t.Fatalf("Lookup(%q): %v", name, err)
			}
			same(fmt.Sprintf("Lookup(%q)", name), &graph.Graph{Nodes: want}, &graph.Graph{Nodes: got})
		}
	}

	for _, n := range append(entities, graph.Node{ID: "person:nobody"}) {
		want := len(mentioners(g, n.ID))
		if got, err := r.Mentions(h.ctx, n.ID); err != nil || got != want {
			t.Errorf("Mentions(%s) = %d, %v; want %d", n.ID, got, err, want)
		}
	}
}
