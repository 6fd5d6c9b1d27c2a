// Package export writes a whole graph.Graph in formats that other tools read:
//
//   - GraphML, for Gephi, yEd, Cytoscape and networkx (GraphML);
//   - JSON nodes and links, for d3 and networkx's node_link_graph (JSON);
//   - a Cypher script that recreates the graph in any Neo4j 5 (Cypher).
//
// Every format writes the nodes in the graph's order, then the edges, and
// nothing else: the same graph gives the same bytes. A node or edge whose
// props use the name of one of the format's own fields keeps that prop as
// prop_NAME.
package export

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

// Formats lists the names that Write accepts.
var Formats = []string{"graphml", "json", "cypher"}

// ErrFormat is returned by Write for a format it does not know.
var ErrFormat = errors.New("unknown export format")

// Write writes g to w in the named format.
func Write(w io.Writer, format string, g *graph.Graph) error {
	switch format {
	case "graphml":
		return GraphML(w, g)
	case "json":
		return JSON(w, g)
	case "cypher":
		return Cypher(w, g)
	}
	return fmt.Errorf("%w %q: use graphml, json or cypher", ErrFormat, format)
}

// index maps the node ids of g to their labels. It refuses a graph with two
// nodes of one id or an edge between nodes it lacks, since every format
// refers to nodes by id, and a confidence that is not a number.
func index(g *graph.Graph) (map[string]string, error) {
	labels := make(map[string]string, len(g.Nodes))
	for _, n := range g.Nodes {
		if n.ID == "" {
			return nil, fmt.Errorf("%s node without id", n.Label)
		}
		if l, dup := labels[n.ID]; dup {
			return nil, fmt.Errorf("two nodes with id %q (%s and %s)", n.ID, l, n.Label)
		}
		labels[n.ID] = n.Label
	}
	for _, e := range g.Edges {
		if math.IsNaN(e.Confidence) || math.IsInf(e.Confidence, 0) {
			return nil, fmt.Errorf("%s edge %s -> %s: confidence %v", e.Type, e.Source, e.Target, e.Confidence)
		}
		for _, id := range []string{e.Source, e.Target} {
			if _, ok := labels[id]; !ok {
				return nil, fmt.Errorf("%s edge %s -> %s: no node %q", e.Type, e.Source, e.Target, id)
			}
		}
	}
	return labels, nil
}

// prop is one property of a node or edge under the name a format writes it.
type prop struct{ name, value string }

// props lists m sorted by key, renaming the keys that reserved holds to
// prop_KEY (and so on, until the name is free).
func props(m map[string]string, reserved []string) []prop {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]prop, 0, len(keys))
	for _, k := range keys {
		name := k
		if name == "" {
			name = "prop_"
		}
		for slices.Contains(reserved, name) || name != k && taken(m, name) {
			name = "prop_" + name
		}
		out = append(out, prop{name, m[k]})
	}
	return out
}

func taken(m map[string]string, k string) bool { _, ok := m[k]; return ok }

// caption is the text a viewer should draw for a node: its name, or for an
// Article without a title its id.
func caption(n graph.Node) string {
	if n.Name != "" {
		return n.Name
	}
	return n.ID
}

// isRelation reports whether an edge carries the properties of a relation
// edge (date, articles, evidence, ...), that is, whether it is not MENTIONS.
func isRelation(e graph.Edge) bool { return e.Type != schema.Mentions }
