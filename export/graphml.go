package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/kg/graph"
)

// GraphML writes g as GraphML 1.0, which Gephi, yEd, Cytoscape and networkx
// read.
//
// A node's data are labels (its schema label, such as Person: named as in
// Neo4j because Gephi draws an attribute called label), label (the text to
// draw: the entity's name or the article's title, which Gephi shows as the
// node's label), name, aliases and one attribute per prop (iso3 on
// countries; url, published, source, hash and extractor on articles).
//
// An edge's data are type (MET_WITH, MENTIONS, ...), label (the type again,
// which Gephi draws on the edge) and, except on MENTIONS, date, confidence,
// articles, evidence, rules and one attribute per prop (role on
// REPRESENTS). Edges are directed; MET_WITH is symmetric and stored once,
// from the smaller id to the larger.
//
// Lists (aliases, articles, rules, evidence) are JSON arrays in a string,
// since GraphML has no list type: json.loads in Python or JSON.parse in a
// script reads them back exactly, whatever the text holds. evidence is an
// array of objects with the fields article, sentence, start and end (the
// sentence's code-point offsets in the article). Empty values are left out.
func GraphML(w io.Writer, g *graph.Graph) error {
	if _, err := index(g); err != nil {
		return fmt.Errorf("graphml: %w", err)
	}
	nodeKeys := newKeys("n_", "labels", "label", "name", "aliases")
	for _, n := range g.Nodes {
		for _, p := range props(n.Props, nodeKeys.fixed) {
			nodeKeys.add(p.name)
		}
	}
	edgeKeys := newKeys("e_", "type", "label", "date", "confidence", "articles", "evidence", "rules")
	for _, e := range g.Edges {
		for _, p := range props(e.Props, edgeKeys.fixed) {
			edgeKeys.add(p.name)
		}
	}

	bw := bufio.NewWriter(w)
	x := &xmlWriter{w: bw}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>
<!-- kg graph export. Lists are JSON arrays in a string; labels is the node's schema label, label the text to draw. -->
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	for _, k := range nodeKeys.names {
		x.key(nodeKeys.ids[k], "node", k, "string")
	}
	for _, k := range edgeKeys.names {
		typ := "string"
		if k == "confidence" {
			typ = "double"
		}
		x.key(edgeKeys.ids[k], "edge", k, typ)
	}
	x.raw("  <graph id=\"kg\" edgedefault=\"directed\">\n")
	for _, n := range g.Nodes {
		x.raw(`    <node id="`)
		x.attr(n.ID)
		x.raw("\">\n")
		x.data(nodeKeys.ids["labels"], n.Label)
		x.data(nodeKeys.ids["label"], caption(n))
		x.data(nodeKeys.ids["name"], n.Name)
		x.data(nodeKeys.ids["aliases"], jsonList(n.Aliases))
		for _, p := range props(n.Props, nodeKeys.fixed) {
			x.data(nodeKeys.ids[p.name], p.value)
		}
		x.raw("    </node>\n")
	}
	for i, e := range g.Edges {
		x.raw(`    <edge id="e` + strconv.Itoa(i) + `" source="`)
		x.attr(e.Source)
		x.raw(`" target="`)
		x.attr(e.Target)
		x.raw("\">\n")
		x.data(edgeKeys.ids["type"], e.Type)
		x.data(edgeKeys.ids["label"], e.Type)
		if isRelation(e) {
			x.data(edgeKeys.ids["date"], e.Date)
			x.data(edgeKeys.ids["confidence"], strconv.FormatFloat(e.Confidence, 'g', -1, 64))
			x.data(edgeKeys.ids["articles"], jsonList(e.Articles))
			if len(e.Evidence) > 0 {
				x.data(edgeKeys.ids["evidence"], mustJSON(e.Evidence))
			}
			x.data(edgeKeys.ids["rules"], jsonList(e.Rules))
		}
		for _, p := range props(e.Props, edgeKeys.fixed) {
			x.data(edgeKeys.ids[p.name], p.value)
		}
		x.raw("    </edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	if x.err != nil {
		return fmt.Errorf("graphml: %w", x.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("graphml: %w", err)
	}
	return nil
}

// keys are the GraphML keys of nodes or of edges: the attribute names in
// order, each with a key id that is a valid NMTOKEN, unique in the document
// (by the prefix) and none of the ids that Gephi maps to its own properties
// (d3, d7, x, size, ...).
type keys struct {
	prefix string
	fixed  []string
	names  []string
	ids    map[string]string
	used   map[string]bool
}

func newKeys(prefix string, fixed ...string) *keys {
	k := &keys{prefix: prefix, fixed: fixed, ids: map[string]string{}, used: map[string]bool{}}
	for _, name := range fixed {
		k.add(name)
	}
	return k
}

func (k *keys) add(name string) {
	if _, ok := k.ids[name]; ok {
		return
	}
	id := k.prefix + nmtoken(name)
	for n := 2; k.used[id]; n++ {
		id = k.prefix + nmtoken(name) + "_" + strconv.Itoa(n)
	}
	k.used[id] = true
	k.ids[name] = id
	if !slices.Contains(k.fixed, name) {
		// Props come after the fixed keys, sorted.
		i, _ := slices.BinarySearch(k.names[len(k.fixed):], name)
		k.names = slices.Insert(k.names, len(k.fixed)+i, name)
		return
	}
	k.names = append(k.names, name)
}

// nmtoken replaces the characters that an XML NMTOKEN may not hold.
func nmtoken(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
			return r
		}
		return '_'
	}, s)
}

// xmlWriter writes XML and keeps the first error.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// text writes s escaped for element content; attr for a double-quoted
// attribute.
func (x *xmlWriter) text(s string) { x.escape(s, false) }
func (x *xmlWriter) attr(s string) { x.escape(s, true) }

// escape writes s with the markup characters as entities, carriage returns
// (and in attributes quotes, tabs and line feeds) as character references,
// since parsers would normalise them away, and the characters that XML 1.0
// cannot hold at all (most control characters, invalid UTF-8) as U+FFFD.
func (x *xmlWriter) escape(s string, attr bool) {
	if x.err != nil {
		return
	}
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '\r':
			esc = "&#xD;"
		case attr && r == '"':
			esc = "&quot;"
		case attr && r == '\n':
			esc = "&#xA;"
		case attr && r == '\t':
			esc = "&#x9;"
		case r == utf8.RuneError && size == 1, !xmlChar(r):
			esc = "\uFFFD"
		}
		if esc != "" {
			x.w.WriteString(s[last:i])
			x.w.WriteString(esc)
			last = i + size
		}
		i += size
	}
	_, x.err = x.w.WriteString(s[last:])
}

// xmlChar reports whether r is in XML 1.0's Char production.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func (x *xmlWriter) key(id, kind, name, typ string) {
	x.raw(`  <key id="` + id + `" for="` + kind + `" attr.name="`)
	x.attr(name)
	x.raw(`" attr.type="` + typ + "\"/>\n")
}

// data writes one data element; empty values are left out.
func (x *xmlWriter) data(key, value string) {
	if value == "" {
		return
	}
	x.raw(`      <data key="` + key + `">`)
	x.text(value)
	x.raw("</data>\n")
}

// jsonList is a list as a JSON array, or "" when it is empty.
func jsonList(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return mustJSON(l)
}

func mustJSON(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, numbers and lists of them come here
	}
	return strings.TrimSuffix(b.String(), "\n")
}
