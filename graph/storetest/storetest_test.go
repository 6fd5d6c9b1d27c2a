package storetest

import (
	"context"
	"maps"
	"slices"
	"testing"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/graph"
)

// memStore is the suite's reference: it keeps each article's contribution
// and computes the graph from them, the semantics the package doc states.
// Running the suite against it checks the hand-written expectations.
type memStore struct {
	arts map[string]graph.Contribution
}

func (m *memStore) Init(context.Context) error {
	if m.arts == nil {
		m.arts = map[string]graph.Contribution{}
	}
	return nil
}

func (m *memStore) Load(_ context.Context, recs []kg.Record) (graph.LoadResult, error) {
	var res graph.LoadResult
	var cs []graph.Contribution
	for _, r := range recs {
		c, err := graph.Flatten(r)
		if err != nil {
			return res, err
		}
		cs = append(cs, c)
	}
	for _, c := range cs {
		old, ok := m.arts[c.Article.ID]
		switch {
		case !ok:
			res.Loaded++
		case old.Article.Hash == c.Article.Hash && old.Article.Extractor == c.Article.Extractor:
			res.Skipped++
			continue
		default:
			res.Replaced++
		}
		m.arts[c.Article.ID] = c
	}
	return res, nil
}

func (m *memStore) Forget(_ context.Context, ids []string) (int, error) {
	n := 0
	for _, id := range ids {
		if _, ok := m.arts[id]; ok {
			delete(m.arts, id)
			n++
		}
	}
	return n, nil
}

func (m *memStore) Stats(ctx context.Context) (graph.Stats, error) {
	g, _ := m.Snapshot(ctx)
	return countSnapshot(g), nil
}

func (m *memStore) Snapshot(context.Context) (*graph.Graph, error) {
	ids := slices.Sorted(maps.Keys(m.arts))
	nodes := map[string]*graph.Node{}
	edges := map[[4]string]*graph.Edge{}
	g := &graph.Graph{}
	for _, id := range ids { // names and props: the greatest article id wins
		c := m.arts[id]
		a := c.Article
		props := map[string]string{}
		for k, v := range map[string]string{"url": a.URL, "published": a.Published, "source": a.Source, "hash": a.Hash, "extractor": a.Extractor} {
			if v != "" {
				props[k] = v
			}
		}
		g.Nodes = append(g.Nodes, graph.Node{ID: a.ID, Label: "Article", Name: a.Title, Props: props})
		for _, n := range c.Entities {
			x := nodes[n.ID]
			if x == nil {
				x = &graph.Node{ID: n.ID, Label: n.Label, Props: map[string]string{}}
				nodes[n.ID] = x
			}
			x.Name = n.Name
			x.Aliases = append(x.Aliases, n.Aliases...)
			maps.Copy(x.Props, n.Props)
			g.Edges = append(g.Edges, graph.Edge{Type: "MENTIONS", Source: a.ID, Target: n.ID})
		}
		for _, e := range c.Edges {
			k := [4]string{e.Type, e.Source, e.Target, e.Date}
			x := edges[k]
			if x == nil {
				x = &graph.Edge{Type: e.Type, Source: e.Source, Target: e.Target, Date: e.Date, Props: map[string]string{}}
				edges[k] = x
			}
			x.Articles = append(x.Articles, a.ID)
			x.Evidence = append(x.Evidence, e.Evidence...)
			x.Confidence = max(x.Confidence, e.Confidence)
			for _, r := range e.Rules {
				if !slices.Contains(x.Rules, r) {
					x.Rules = append(x.Rules, r)
				}
			}
			maps.Copy(x.Props, e.Props)
		}
	}
	for _, n := range nodes {
		n.Aliases = slices.Compact(slices.Sorted(slices.Values(n.Aliases)))
		g.Nodes = append(g.Nodes, *n)
	}
	for _, e := range edges {
		g.Edges = append(g.Edges, *e)
	}
	g.Sort()
	return g, nil
}

func (m *memStore) Close() error { return nil }

func (m *memStore) Lookup(ctx context.Context, name string) ([]graph.Node, error) {
	if graph.NameKey(name) == "" {
		return nil, nil
	}
	g, _ := m.Snapshot(ctx)
	var out []graph.Node
	for _, n := range g.Nodes {
		if n.Label == "Article" {
			continue
		}
		for _, x := range append([]string{n.Name}, n.Aliases...) {
			if graph.NameKey(x) == graph.NameKey(name) {
				out = append(out, n)
				break
			}
		}
	}
	return out, nil
}

func (m *memStore) Relations(ctx context.Context, f graph.Filter) ([]graph.Edge, error) {
	g, _ := m.Snapshot(ctx)
	var out []graph.Edge
	for _, e := range g.Edges {
		if f.Match(e) {
			out = append(out, e)
		}
	}
	graph.SortEdges(out)
	return out, nil
}

func (m *memStore) Mentions(_ context.Context, id string) (int, error) {
	n := 0
	for _, c := range m.arts {
		for _, e := range c.Entities {
			if e.ID == id {
				n++
			}
		}
	}
	return n, nil
}

func (m *memStore) Nodes(ctx context.Context, ids []string) ([]graph.Node, error) {
	g, _ := m.Snapshot(ctx)
	var out []graph.Node
	for _, n := range g.Nodes {
		if n.Label != "Article" && slices.Contains(ids, n.ID) {
			out = append(out, n)
		}
	}
	return out, nil
}

func TestRun_ReferenceStore(t *testing.T) {
	Run(t, func(t *testing.T) graph.Store { return &memStore{} })
}

func TestBatch_IsDeterministicAndValid(t *testing.T) {
	a, b := Batch(50), Batch(50)
	for i := range a {
		if a[i].Article.ID != b[i].Article.ID || a[i].Article.Text != b[i].Article.Text {
			t.Fatalf("Batch(50)[%d] differs between calls", i)
		}
		if _, err := graph.Flatten(a[i]); err != nil {
			t.Fatalf("Batch(50)[%d]: %v", i, err)
		}
		text := []rune(a[i].Article.Text)
		for _, r := range a[i].Relations {
			for _, e := range r.Evidence {
				if got := string(text[e.Start:e.End]); got != e.Sentence {
					t.Errorf("%s: text[%d:%d] = %q, want %q", a[i].Article.ID, e.Start, e.End, got, e.Sentence)
				}
			}
		}
	}
}

// The fixtures' offsets are code points into their texts.
func TestFixtures_EvidenceOffsets(t *testing.T) {
	for _, rec := range []kg.Record{recA1(), recB2(), recB2v2(), recC3(), recC3v2(), recX(), recD4()} {
		text := []rune(rec.Article.Text)
		for _, r := range rec.Relations {
			for _, e := range r.Evidence {
				if e.End > len(text) || string(text[e.Start:e.End]) != e.Sentence {
					t.Errorf("%s %s: [%d:%d] is not %q", rec.Article.ID, r.Type, e.Start, e.End, e.Sentence)
				}
			}
		}
	}
}
