package storetest

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
)

// canonical returns a copy of g in canonical order with empty lists and maps
// set to nil, so that a store need not tell "none" from "empty".
func canonical(g *graph.Graph) *graph.Graph {
	c := normal(g)
	c.Sort()
	return c
}

// normal returns a copy of g in its own order with empty lists and maps set
// to nil.
func normal(g *graph.Graph) *graph.Graph {
	c := &graph.Graph{}
	for _, n := range g.Nodes {
		n.Aliases = nilIfEmpty(slices.Clone(n.Aliases))
		n.Props = nilIfEmptyMap(maps.Clone(n.Props))
		c.Nodes = append(c.Nodes, n)
	}
	for _, e := range g.Edges {
		e.Articles = nilIfEmpty(slices.Clone(e.Articles))
		e.Rules = nilIfEmpty(slices.Clone(e.Rules))
		e.Evidence = slices.Clone(e.Evidence)
		if len(e.Evidence) == 0 {
			e.Evidence = nil
		}
		e.Props = nilIfEmptyMap(maps.Clone(e.Props))
		c.Edges = append(c.Edges, e)
	}
	return c
}

// orderDiff describes the first place where got, a normal graph, is not in
// the order of want, the same graph in canonical order; "" if none.
func orderDiff(want, got *graph.Graph) string {
	if len(want.Nodes) != len(got.Nodes) || len(want.Edges) != len(got.Edges) {
		return fmt.Sprintf("%d nodes and %d edges, canonically %d and %d", len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges))
	}
	for i := range want.Nodes {
		if !reflect.DeepEqual(want.Nodes[i], got.Nodes[i]) {
			return fmt.Sprintf("node %d is\n  %+v\nwant\n  %+v", i, got.Nodes[i], want.Nodes[i])
		}
	}
	for i := range want.Edges {
		if !reflect.DeepEqual(want.Edges[i], got.Edges[i]) {
			return fmt.Sprintf("edge %d is\n  %+v\nwant\n  %+v", i, got.Edges[i], want.Edges[i])
		}
	}
	return ""
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func nilIfEmptyMap(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// lines renders each node and edge of a canonical graph as one JSON line.
func lines(g *graph.Graph) []string {
	var ls []string
	for _, n := range g.Nodes {
		b, _ := json.Marshal(n)
		ls = append(ls, "node "+string(b))
	}
	for _, e := range g.Edges {
		b, _ := json.Marshal(e)
		ls = append(ls, "edge "+string(b))
	}
	return ls
}

// Diff describes how snapshot got differs from want, one line per node or
// edge that only one of them has; "" when they are equal once canonical
// (sorted, empty lists and maps taken as absent). Stores' own tests use it.
func Diff(want, got *graph.Graph) string {
	w, g := canonical(want), canonical(got)
	if reflect.DeepEqual(w, g) {
		return ""
	}
	wl, gl := lines(w), lines(g)
	inW, inG := map[string]int{}, map[string]int{}
	for _, l := range wl {
		inW[l]++
	}
	for _, l := range gl {
		inG[l]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "want %d nodes and %d edges, got %d and %d\n", len(w.Nodes), len(w.Edges), len(g.Nodes), len(g.Edges))
	for _, l := range wl {
		if inG[l] < inW[l] {
			fmt.Fprintf(&b, "  want %s\n", l)
			inG[l]++
		}
	}
	for _, l := range gl {
		if inW[l] == 0 {
			fmt.Fprintf(&b, "  got  %s\n", l)
		} else {
			inW[l]--
		}
	}
	return b.String()
}

func checkGraph(t *testing.T, what string, want, got *graph.Graph) {
	t.Helper()
	if d := Diff(want, got); d != "" {
		t.Errorf("%s: snapshot differs\n%s", what, d)
	}
}

// nonZero drops zero counts: a store may report a label or type it holds
// none of, or leave it out.
func nonZero(m map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

func diffStats(want, got graph.Stats) string {
	var b strings.Builder
	for _, part := range []struct {
		name      string
		want, got map[string]int64
	}{{"nodes", want.Nodes, got.Nodes}, {"relationships", want.Relationships, got.Relationships}} {
		w, g := nonZero(part.want), nonZero(part.got)
		keys := slices.Collect(maps.Keys(w))
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if w[k] != g[k] {
				fmt.Fprintf(&b, "  %s %s: want %d, got %d\n", part.name, k, w[k], g[k])
			}
		}
	}
	return b.String()
}

func checkStats(t *testing.T, what string, want, got graph.Stats) {
	t.Helper()
	if d := diffStats(want, got); d != "" {
		t.Errorf("%s: stats differ\n%s", what, d)
	}
}

// countSnapshot counts a snapshot's nodes by label and edges by type.
func countSnapshot(g *graph.Graph) graph.Stats {
	st := graph.Stats{Nodes: map[string]int64{}, Relationships: map[string]int64{}}
	for _, n := range g.Nodes {
		st.Nodes[n.Label]++
	}
	for _, e := range g.Edges {
		st.Relationships[e.Type]++
	}
	return st
}

// union returns the nodes and edges of several graphs together.
func union(gs ...*graph.Graph) *graph.Graph {
	u := &graph.Graph{}
	for _, g := range gs {
		u.Nodes = append(u.Nodes, g.Nodes...)
		u.Edges = append(u.Edges, g.Edges...)
	}
	return u
}
