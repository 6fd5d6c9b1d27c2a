package graph

import (
	"context"
)

// Hop is an entity reached from another through one edge.
type Hop struct {
	Depth int    // edges from the start
	From  string // the entity it was reached from
	To    string // the entity reached
	Edge  Edge   // the edge between them (the first, by Relations' order)
	Edges int    // how many edges join From and To
}

// Neighbors returns the entities within depth edges of the entity id,
// breadth first, each once at its smallest depth, in the order found.
// Types, if given, restricts the relation types followed.
func Neighbors(ctx context.Context, r Reader, id string, depth int, types []string) ([]Hop, error) {
	return walk(ctx, r, id, depth, types, "")
}

// walk is Neighbors that stops once it reaches the entity goal.
func walk(ctx context.Context, r Reader, id string, depth int, types []string, goal string) ([]Hop, error) {
	seen := map[string]bool{id: true}
	frontier := []string{id}
	var hops []Hop
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, from := range frontier {
			es, err := r.Relations(ctx, Filter{Entity: from, Types: types})
			if err != nil {
				return nil, err
			}
			index := map[string]int{}
			for _, e := range es {
				to := e.Target
				if to == from {
					to = e.Source
				}
				if i, ok := index[to]; ok {
					hops[i].Edges++
					continue
				}
				if seen[to] {
					continue
				}
				seen[to] = true
				index[to] = len(hops)
				hops = append(hops, Hop{Depth: d, From: from, To: to, Edge: e, Edges: 1})
				next = append(next, to)
			}
			if seen[goal] {
				return hops, nil
			}
		}
		frontier = next
	}
	return hops, nil
}

// Path returns a shortest chain of edges from the entity a to the entity b,
// following edges in either direction, at most maxDepth long; nil if there
// is none.
func Path(ctx context.Context, r Reader, a, b string, maxDepth int, types []string) ([]Edge, error) {
	if a == b {
		return nil, nil
	}
	hops, err := walk(ctx, r, a, maxDepth, types, b)
	if err != nil {
		return nil, err
	}
	via := map[string]Hop{}
	for _, h := range hops {
		via[h.To] = h
	}
	h, ok := via[b]
	if !ok {
		return nil, nil
	}
	path := make([]Edge, h.Depth)
	for at := b; at != a; at = via[at].From {
		path[via[at].Depth-1] = via[at].Edge
	}
	return path, nil
}
