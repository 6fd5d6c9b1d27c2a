package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
	"github.com/newsgraph/kg/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// nasty are strings that break naive escaping in XML, JSON or Cypher.
var nasty = []string{
	`O'Brien said "no" \ maybe`,
	"line one\nline two\r\nline three\tafter a tab",
	`back\slash \' \\' \u0041 \n written out`,
	"Ségolène Royal, Владимир Путин, 習近平, محمد بن سلمان, 🇺🇦🕊️",
	"</data><![CDATA[ ]]> &amp; <script>alert(1)</script> -- not a comment end",
	"semi; colon // not a comment /* nor this */",
	"back`tick `` `",
	"controls \x00\x01\x08\x0b\x0c\x1f\x7f \u0085 \u2028 \u2029 \ufeff end",
	"bad utf-8 \xff\xfe end",
	"'}] AS row MATCH (n) DETACH DELETE n; //",
	"  leading and trailing spaces  ",
}

// testGraphs are the cases of the golden and round-trip tests.
func testGraphs() map[string]*graph.Graph {
	small := &graph.Graph{
		Nodes: []graph.Node{
			{ID: "country:RUS", Label: schema.Country, Name: "Russia", Aliases: []string{"Moscow", "Russian Federation"}, Props: map[string]string{"iso3": "RUS"}},
			{ID: "country:USA", Label: schema.Country, Name: "United States", Aliases: []string{"Washington"}, Props: map[string]string{"iso3": "USA"}},
			{ID: "person:antony-blinken", Label: schema.Person, Name: "Antony Blinken", Aliases: []string{"Blinken"}},
			{ID: "person:sergey-lavrov", Label: schema.Person, Name: "Sergey Lavrov", Aliases: []string{"Lavrov", "Sergei Lavrov"}},
			{ID: "treaty:new-start", Label: schema.Treaty, Name: "New START"},
			{ID: "wire-2024-02-17-munich-talks", Label: schema.Article, Name: "Blinken and Lavrov meet in Munich",
				Props: map[string]string{"published": "2024-02-17", "source": "wire", "hash": "abc123", "extractor": "rules/1"}},
			{ID: "untitled", Label: schema.Article},
		},
		Edges: []graph.Edge{
			{Type: schema.Condemned, Source: "country:USA", Target: "country:RUS", Articles: []string{"wire-2024-02-17-munich-talks"},
				Evidence:   []graph.Evidence{{Article: "wire-2024-02-17-munich-talks", Sentence: "Washington condemned Moscow.", Start: 120, End: 148}},
				Confidence: 0.75, Rules: []string{"condemned/verb"}},
			{Type: schema.MetWith, Source: "person:antony-blinken", Target: "person:sergey-lavrov", Date: "2024-02-17",
				Articles: []string{"wire-2024-02-17-munich-talks"},
				Evidence: []graph.Evidence{
					{Article: "wire-2024-02-17-munich-talks", Sentence: "Blinken met Lavrov in Munich on Saturday.", Start: 0, End: 41},
					{Article: "wire-2024-02-17-munich-talks", Sentence: "The two men spoke for an hour.", Start: 42, End: 72},
				},
				Confidence: 1, Rules: []string{"met/verb", "met/talks"}},
			{Type: schema.Mentions, Source: "wire-2024-02-17-munich-talks", Target: "country:RUS"},
			{Type: schema.Mentions, Source: "wire-2024-02-17-munich-talks", Target: "person:antony-blinken"},
			{Type: schema.Mentions, Source: "wire-2024-02-17-munich-talks", Target: "person:sergey-lavrov"},
			{Type: schema.Represents, Source: "person:sergey-lavrov", Target: "country:RUS", Articles: []string{"wire-2024-02-17-munich-talks"},
				Confidence: 0.9, Rules: []string{"represents/title"}, Props: map[string]string{"role": "Foreign Minister"}},
			{Type: schema.WithdrewFrom, Source: "country:RUS", Target: "treaty:new-start", Date: "2023-02",
				Articles: []string{"wire-2024-02-17-munich-talks"}, Confidence: 0.8},
		},
	}

	odd := `person:o'brien "the <boss>" & co` + "\n"
	n := &graph.Graph{
		Nodes: []graph.Node{
			{ID: "country:XYZ", Label: schema.Country, Name: nasty[4], Aliases: slices.Clone(nasty),
				Props: map[string]string{"iso3": "XYZ", "label": "a prop called label", "id": "a prop called id",
					"we`ird key": nasty[6], "x y": nasty[0], "": "empty key"}},
			{ID: "person:a", Label: schema.Person, Name: nasty[0], Aliases: slices.Clone(nasty[1:4])},
			{ID: "person:b", Label: schema.Person, Name: nasty[7]},
			{ID: odd, Label: schema.Person, Name: nasty[8]},
			{ID: "nasty-article", Label: schema.Article, Name: nasty[9],
				Props: map[string]string{"url": "https://example.org/a?b=1&c='2'#x", "source": nasty[5]}},
		},
		Edges: []graph.Edge{
			{Type: schema.MetWith, Source: "person:a", Target: "person:b", Date: "2024",
				Articles: []string{"nasty-article", nasty[0]},
				Evidence: []graph.Evidence{
					{Article: "nasty-article", Sentence: nasty[1], Start: 0, End: 10},
					{Article: "nasty-article", Sentence: nasty[3], Start: 11, End: 20},
					{Article: nasty[0], Sentence: nasty[7], Start: 21, End: 30},
				},
				Confidence: 0.875, Rules: []string{"rule'1", nasty[2]}, Props: map[string]string{"date": "a prop called date", "via": nasty[10]}},
			{Type: schema.Represents, Source: odd, Target: "country:XYZ", Confidence: 1e-7,
				Props: map[string]string{"role": nasty[9]}},
			{Type: schema.Mentions, Source: "nasty-article", Target: odd},
			{Type: schema.Mentions, Source: "nasty-article", Target: "person:a"},
		},
	}
	small.Sort()
	n.Sort()
	return map[string]*graph.Graph{"empty": {}, "small": small, "nasty": n}
}

var extensions = map[string]string{"graphml": ".graphml", "json": ".json", "cypher": ".cypher"}

func TestWrite_Golden(t *testing.T) {
	for name, g := range testGraphs() {
		for _, format := range Formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, g); err != nil {
					t.Fatalf("Write: %v", err)
				}
				golden := filepath.Join("testdata", name+extensions[format])
				if *update {
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./export -update to write it)", err)
				}
				if got := buf.String(); got != string(want) {
					t.Errorf("%s differs from %s (go test ./export -update rewrites it):\n%s", format, golden, diff(string(want), got))
				}
			})
		}
	}
}

// diff shows the first lines where want and got differ.
func diff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(wl), len(gl)) && shown < 5; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, w, g)
			shown++
		}
	}
	return b.String()
}

func TestWrite_UnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "gexf", &graph.Graph{})
	if !errors.Is(err, ErrFormat) {
		t.Errorf("Write gexf: error %v, want ErrFormat", err)
	}
}

func TestWrite_RefusesBadGraphs(t *testing.T) {
	tests := []struct {
		name    string
		g       *graph.Graph
		formats []string
		want    string
	}{
		{"dangling edge", &graph.Graph{Nodes: []graph.Node{{ID: "person:a", Label: schema.Person}},
			Edges: []graph.Edge{{Type: schema.MetWith, Source: "person:a", Target: "person:b"}}}, Formats, `no node "person:b"`},
		{"duplicate id", &graph.Graph{Nodes: []graph.Node{{ID: "x", Label: schema.Person}, {ID: "x", Label: schema.Place}}}, Formats, `two nodes with id "x"`},
		{"label outside the schema", &graph.Graph{Nodes: []graph.Node{{ID: "x", Label: "Person:Admin"}}}, []string{"cypher"}, "not in the schema"},
		{"type outside the schema", &graph.Graph{Nodes: []graph.Node{{ID: "a", Label: schema.Person}, {ID: "b", Label: schema.Person}},
			Edges: []graph.Edge{{Type: "KNOWS]->() DETACH DELETE s //", Source: "a", Target: "b"}}}, []string{"cypher"}, "not in the schema"},
		{"mentions between entities", &graph.Graph{Nodes: []graph.Node{{ID: "a", Label: schema.Person}, {ID: "b", Label: schema.Person}},
			Edges: []graph.Edge{{Type: schema.Mentions, Source: "a", Target: "b"}}}, []string{"cypher"}, "want from Article"},
	}
	for _, tt := range tests {
		for _, format := range tt.formats {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				err := Write(&bytes.Buffer{}, format, tt.g)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %v, want one saying %q", err, tt.want)
				}
			})
		}
	}
}

func TestProps_RenamesReservedNames(t *testing.T) {
	got := props(map[string]string{"name": "1", "prop_name": "2", "role": "3", "": "4"}, []string{"id", "name"})
	want := []prop{{"prop_", "4"}, {"prop_name", "2"}, {"prop_prop_name", "1"}, {"role", "3"}}
	slices.SortFunc(got, func(a, b prop) int { return strings.Compare(a.name, b.name) })
	if !slices.Equal(got, want) {
		t.Errorf("props = %v, want %v", got, want)
	}
}

// mapStrings returns a copy of g with f applied to every string value (not
// to prop names) and fl to the strings inside lists (aliases, articles,
// rules and evidence).
func mapStrings(g *graph.Graph, f, fl func(string) string) *graph.Graph {
	each := func(l []string) []string {
		if l == nil {
			return nil
		}
		out := make([]string, len(l))
		for i, s := range l {
			out[i] = fl(s)
		}
		return out
	}
	eachMap := func(m map[string]string) map[string]string {
		if m == nil {
			return nil
		}
		out := map[string]string{}
		for k, v := range m {
			out[k] = f(v)
		}
		return out
	}
	c := &graph.Graph{}
	for _, n := range g.Nodes {
		c.Nodes = append(c.Nodes, graph.Node{ID: f(n.ID), Label: n.Label, Name: f(n.Name), Aliases: each(n.Aliases), Props: eachMap(n.Props)})
	}
	for _, e := range g.Edges {
		x := e
		x.Source, x.Target, x.Date = f(e.Source), f(e.Target), f(e.Date)
		x.Articles, x.Rules, x.Props = each(e.Articles), each(e.Rules), eachMap(e.Props)
		x.Evidence = nil
		for _, ev := range e.Evidence {
			x.Evidence = append(x.Evidence, graph.Evidence{Article: fl(ev.Article), Sentence: fl(ev.Sentence), Start: ev.Start, End: ev.End})
		}
		c.Edges = append(c.Edges, x)
	}
	return c
}

// renamed returns a copy of g whose props carry the names that a format
// writes them under (see props).
func renamed(g *graph.Graph, nodeFields, articleFields, edgeFields []string) *graph.Graph {
	rename := func(m map[string]string, reserved []string) map[string]string {
		if m == nil {
			return nil
		}
		out := map[string]string{}
		for _, p := range props(m, reserved) {
			out[p.name] = p.value
		}
		return out
	}
	same := func(s string) string { return s }
	c := mapStrings(g, same, same)
	for i := range c.Nodes {
		fields := nodeFields
		if c.Nodes[i].Label == schema.Article {
			fields = articleFields
		}
		c.Nodes[i].Props = rename(c.Nodes[i].Props, fields)
	}
	for i := range c.Edges {
		c.Edges[i].Props = rename(c.Edges[i].Props, edgeFields)
	}
	return c
}

// validUTF8 is what JSON and Neo4j hold of a string: invalid UTF-8 becomes
// U+FFFD.
func validUTF8(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		b.WriteRune(r) // utf8.RuneError for each invalid byte
	}
	return b.String()
}

// xmlChars is what XML 1.0 can hold of a string: characters outside its
// Char production become U+FFFD.
func xmlChars(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		ok := r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
		if !ok || r == utf8.RuneError && size == 1 {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// compareGraphs reports how got differs from want, as the stores' tests do.
func compareGraphs(t *testing.T, want, got *graph.Graph) {
	t.Helper()
	if d := storetest.Diff(want, got); d != "" {
		t.Errorf("graphs differ:\n%s", d)
	}
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type gmlDoc struct {
	XMLName xml.Name `xml:"graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		ID          string `xml:"id,attr"`
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string    `xml:"id,attr"`
			Data []gmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string    `xml:"id,attr"`
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []gmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

// readGraphML reads GraphML written by GraphML back into a graph.
func readGraphML(t *testing.T, b []byte) *graph.Graph {
	t.Helper()
	var doc gmlDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("GraphML is not well-formed XML: %v", err)
	}
	if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" || doc.Graph.EdgeDefault != "directed" {
		t.Errorf("graphml namespace %q, edgedefault %q", doc.XMLName.Space, doc.Graph.EdgeDefault)
	}
	keys := map[string]string{} // id -> for/name
	for _, k := range doc.Keys {
		if _, dup := keys[k.ID]; dup {
			t.Errorf("key id %q declared twice", k.ID)
		}
		if slices.Contains([]string{"d3", "d7", "x", "y", "size", "color", "weight"}, k.ID) {
			t.Errorf("key id %q is one Gephi maps to its own properties", k.ID)
		}
		keys[k.ID] = k.For + "/" + k.Name
	}
	decode := func(s string, v any) {
		if s == "" {
			return
		}
		if err := json.Unmarshal([]byte(s), v); err != nil {
			t.Errorf("list %q is not JSON: %v", s, err)
		}
	}
	g := &graph.Graph{}
	for _, xn := range doc.Graph.Nodes {
		n := graph.Node{ID: xn.ID, Props: map[string]string{}}
		var label string
		for _, d := range xn.Data {
			kind, name, _ := strings.Cut(keys[d.Key], "/")
			if kind != "node" {
				t.Errorf("node %q: data key %q is not declared for nodes", xn.ID, d.Key)
			}
			switch name {
			case "labels":
				n.Label = d.Value
			case "label":
				label = d.Value
			case "name":
				n.Name = d.Value
			case "aliases":
				decode(d.Value, &n.Aliases)
			default:
				n.Props[name] = d.Value
			}
		}
		if want := caption(n); label != want {
			t.Errorf("node %q: label %q, want %q", n.ID, label, want)
		}
		if len(n.Props) == 0 {
			n.Props = nil
		}
		g.Nodes = append(g.Nodes, n)
	}
	for _, xe := range doc.Graph.Edges {
		e := graph.Edge{Source: xe.Source, Target: xe.Target, Props: map[string]string{}}
		var label string
		for _, d := range xe.Data {
			kind, name, _ := strings.Cut(keys[d.Key], "/")
			if kind != "edge" {
				t.Errorf("edge %q: data key %q is not declared for edges", xe.ID, d.Key)
			}
			switch name {
			case "type":
				e.Type = d.Value
			case "label":
				label = d.Value
			case "date":
				e.Date = d.Value
			case "confidence":
				decode(d.Value, &e.Confidence)
			case "articles":
				decode(d.Value, &e.Articles)
			case "evidence":
				decode(d.Value, &e.Evidence)
			case "rules":
				decode(d.Value, &e.Rules)
			default:
				e.Props[name] = d.Value
			}
		}
		if label != e.Type {
			t.Errorf("edge %q: label %q, want its type %q", xe.ID, label, e.Type)
		}
		if len(e.Props) == 0 {
			e.Props = nil
		}
		g.Edges = append(g.Edges, e)
	}
	return g
}

func TestGraphML_RoundTrip(t *testing.T) {
	for name, g := range testGraphs() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := GraphML(&buf, g); err != nil {
				t.Fatal(err)
			}
			want := renamed(mapStrings(g, xmlChars, validUTF8), []string{"labels", "label", "name", "aliases"},
				[]string{"labels", "label", "name", "aliases"}, []string{"type", "label", "date", "confidence", "articles", "evidence", "rules"})
			compareGraphs(t, want, readGraphML(t, buf.Bytes()))
		})
	}
}

func TestJSON_RoundTrip(t *testing.T) {
	for name, g := range testGraphs() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := JSON(&buf, g); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Directed   bool             `json:"directed"`
				Multigraph bool             `json:"multigraph"`
				Nodes      []map[string]any `json:"nodes"`
				Links      []map[string]any `json:"links"`
			}
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, buf.String())
			}
			if !doc.Directed || !doc.Multigraph {
				t.Errorf("directed %v, multigraph %v; want both true", doc.Directed, doc.Multigraph)
			}
			got := &graph.Graph{}
			rest := func(o map[string]any, fixed ...string) map[string]string {
				m := map[string]string{}
				for k, v := range o {
					if !slices.Contains(fixed, k) {
						m[k] = v.(string)
					}
				}
				if len(m) == 0 {
					return nil
				}
				return m
			}
			// Decoding through JSON again gives the typed lists.
			var typed struct {
				Nodes []graph.Node `json:"nodes"`
				Links []struct {
					graph.Edge
					Date *string `json:"date"`
				} `json:"links"`
			}
			json.Unmarshal(buf.Bytes(), &typed)
			for i, o := range doc.Nodes {
				n := typed.Nodes[i]
				n.Props = rest(o, "id", "label", "name", "aliases")
				got.Nodes = append(got.Nodes, n)
			}
			for i, o := range doc.Links {
				e := typed.Links[i].Edge
				if date := typed.Links[i].Date; (date != nil) != isRelation(e) {
					t.Errorf("link %d (%s): has a date field: %v", i, e.Type, date != nil)
				} else if date != nil {
					e.Date = *date
				}
				e.Props = rest(o, "source", "target", "type", "date", "confidence", "articles", "evidence", "rules")
				got.Edges = append(got.Edges, e)
			}
			want := renamed(mapStrings(g, validUTF8, validUTF8), []string{"id", "label", "name", "aliases"}, []string{"id", "label", "name", "aliases"},
				[]string{"source", "target", "type", "key", "date", "confidence", "articles", "evidence", "rules"})
			compareGraphs(t, want, got)
		})
	}
}
