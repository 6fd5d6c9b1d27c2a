package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/newsgraph/kg/graph"
)

// JSON writes g as one JSON object in the node-link form that d3's force
// layout and networkx's node_link_graph(data, edges="links") read:
//
//	{"directed": true, "multigraph": true, "graph": {"name": "kg"},
//	 "nodes": [{"id": "country:RUS", "label": "Country", "name": "Russia", "aliases": [...], "iso3": "RUS"}, ...],
//	 "links": [{"source": "...", "target": "...", "type": "MET_WITH", "date": "2024-02-17", ...}, ...]}
//
// A node has id, label (its schema label), name (for an Article its title),
// aliases when it has some, and its props as fields of their own. A link has
// source, target and type; links other than MENTIONS add date ("" when the
// text gives none), confidence, articles, evidence (objects with article,
// sentence, start and end), rules and their props (role on REPRESENTS).
// There is one node or link per line, so the file diffs and greps well.
func JSON(w io.Writer, g *graph.Graph) error {
	if _, err := index(g); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"directed": true, "multigraph": true, "graph": {"name": "kg"},` + "\n" + `"nodes": [`)
	nodeFields := []string{"id", "label", "name", "aliases"}
	for i, n := range g.Nodes {
		if i > 0 {
			bw.WriteByte(',')
		}
		o := object{}
		o.field("id", n.ID)
		o.field("label", n.Label)
		o.field("name", n.Name)
		if len(n.Aliases) > 0 {
			o.field("aliases", n.Aliases)
		}
		for _, p := range props(n.Props, nodeFields) {
			o.field(p.name, p.value)
		}
		bw.WriteString("\n")
		bw.Write(o.close())
	}
	bw.WriteString("\n],\n" + `"links": [`)
	linkFields := []string{"source", "target", "type", "key", "date", "confidence", "articles", "evidence", "rules"}
	for i, e := range g.Edges {
		if i > 0 {
			bw.WriteByte(',')
		}
		o := object{}
		o.field("source", e.Source)
		o.field("target", e.Target)
		o.field("type", e.Type)
		if isRelation(e) {
			o.field("date", e.Date)
			o.raw("confidence", strconv.FormatFloat(e.Confidence, 'g', -1, 64))
			o.field("articles", orEmpty(e.Articles))
			ev := e.Evidence
			if ev == nil {
				ev = []graph.Evidence{}
			}
			o.field("evidence", ev)
			o.field("rules", orEmpty(e.Rules))
		}
		for _, p := range props(e.Props, linkFields) {
			o.field(p.name, p.value)
		}
		bw.WriteString("\n")
		bw.Write(o.close())
	}
	bw.WriteString("\n]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	return nil
}

// object writes a JSON object with its fields in the order they are added
// (encoding/json sorts the keys of a map).
type object struct{ b []byte }

func (o *object) raw(k, v string) {
	if o.b == nil {
		o.b = append(o.b, '{')
	} else {
		o.b = append(o.b, ", "...)
	}
	o.b = append(o.b, mustJSON(k)...)
	o.b = append(o.b, ": "...)
	o.b = append(o.b, v...)
}

func (o *object) field(k string, v any) { o.raw(k, mustJSON(v)) }

func (o *object) close() []byte {
	if o.b == nil {
		return []byte("{}")
	}
	return append(o.b, '}')
}

func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
