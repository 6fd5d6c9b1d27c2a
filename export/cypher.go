package export

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

// CypherBatch is the number of rows that one statement of the Cypher script
// writes: large enough that a big graph loads in few round trips, small
// enough that no statement grows unwieldy.
const CypherBatch = 500

// Cypher writes a script that recreates g in any Neo4j 5 as kg's Neo4j store
// holds it: the constraints and indexes of schema.Constraints(), then the
// entity nodes, the Article nodes, the MENTIONS edges and the relation
// edges, each as UNWIND statements over CypherBatch literal maps that MERGE
// by id (relations by type, ends and date), so running the script twice
// changes nothing. Run it with
//
//	cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p PASSWORD -f kg.cypher
//
// or paste it into Neo4j Browser. Every statement ends with a semicolon.
//
// Every value is a Cypher literal, escaped so that no text can end a string
// or a statement; labels and relationship types come only from the schema,
// and a graph with others is refused. The script leaves out what only kg's
// loader needs to remove or re-extract articles later (the per-article
// support lists on relation edges and the aliases on MENTIONS edges): to
// keep loading articles into a graph, build it with kg rather than from a
// script.
func Cypher(w io.Writer, g *graph.Graph) error {
	if err := writeCypher(w, g, CypherBatch); err != nil {
		return fmt.Errorf("cypher: %w", err)
	}
	return nil
}

// Reserved property names of the stores' model: a prop by one of these
// names is written as prop_NAME.
var (
	entityFields  = []string{"id", "uuid", "name", "aliases"}
	articleFields = []string{"id", "uuid", "title"}
	edgeFields    = []string{"date", "articles", "evidence", "evidence_articles", "evidence_starts", "evidence_ends",
		"confidence", "rules", "support_confidence", "support_rules", "support_props"}
)

type edgeGroup struct{ typ, from, to string }

func writeCypher(w io.Writer, g *graph.Graph, batch int) error {
	labels, err := index(g)
	if err != nil {
		return err
	}
	nodes := map[string][]graph.Node{}
	for _, n := range g.Nodes {
		if !schema.IsLabel(n.Label) {
			return fmt.Errorf("node %s: label %q is not in the schema", n.ID, n.Label)
		}
		nodes[n.Label] = append(nodes[n.Label], n)
	}
	edges := map[edgeGroup][]graph.Edge{}
	counts := map[string]int{}
	for _, e := range g.Edges {
		k := edgeGroup{e.Type, labels[e.Source], labels[e.Target]}
		if e.Type == schema.Mentions {
			if k.from != schema.Article || k.to == schema.Article {
				return fmt.Errorf("MENTIONS edge %s -> %s: from %s to %s, want from Article to an entity", e.Source, e.Target, k.from, k.to)
			}
		} else if _, ok := schema.Relation(e.Type); !ok {
			return fmt.Errorf("edge %s -> %s: type %q is not in the schema", e.Source, e.Target, e.Type)
		}
		edges[k] = append(edges[k], e)
		counts[e.Type]++
	}
	groups := slices.SortedFunc(maps.Keys(edges), func(a, b edgeGroup) int {
		// MENTIONS first, so that the relations come last, as in the stores.
		am, bm := a.typ != schema.Mentions, b.typ != schema.Mentions
		if am != bm {
			if am {
				return 1
			}
			return -1
		}
		return strings.Compare(a.typ+"\x00"+a.from+"\x00"+a.to, b.typ+"\x00"+b.from+"\x00"+b.to)
	})

	bw := bufio.NewWriter(w)
	c := &cypherWriter{w: bw}
	c.header(nodes, counts)
	for _, cs := range schema.Constraints() {
		c.line(cs.Statement + ";")
	}
	c.line("CALL db.awaitIndexes(300);")
	for _, l := range schema.Labels {
		for rows := range slices.Chunk(nodes[l], batch) {
			if l == schema.Article {
				c.articles(rows)
			} else {
				c.entities(l, rows)
			}
		}
	}
	for _, k := range groups {
		for rows := range slices.Chunk(edges[k], batch) {
			c.edges(k, rows)
		}
	}
	return bw.Flush()
}

// cypherWriter writes the script; bufio.Writer keeps the first error.
type cypherWriter struct {
	w *bufio.Writer
	b []byte
}

func (c *cypherWriter) line(s string) {
	c.w.WriteString(s)
	c.w.WriteByte('\n')
}

func (c *cypherWriter) header(nodes map[string][]graph.Node, counts map[string]int) {
	var ns, rs []string
	total := 0
	for _, l := range schema.Labels {
		if n := len(nodes[l]); n > 0 {
			ns = append(ns, fmt.Sprintf("%d %s", n, l))
			total += n
		}
	}
	types := schema.Types()
	rels := 0
	for _, t := range types {
		if n := counts[t]; n > 0 {
			rs = append(rs, fmt.Sprintf("%d %s", n, t))
			rels += n
		}
	}
	c.line("// kg graph export: a Cypher script that recreates the graph in Neo4j 5.")
	c.line(fmt.Sprintf("// Nodes (%d): %s.", total, orNone(ns)))
	c.line(fmt.Sprintf("// Relationships (%d): %s.", rels, orNone(rs)))
	c.line("// Run it with: cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p PASSWORD -f FILE")
	c.line("// or paste it into Neo4j Browser. It MERGEs: a second run changes nothing.")
}

func orNone(l []string) string {
	if len(l) == 0 {
		return "none"
	}
	return strings.Join(l, ", ")
}

// rows writes `UNWIND [...] AS row` with one row per line; each row is
// written by fn into c.b.
func (c *cypherWriter) rows(n int, fn func(i int)) {
	c.w.WriteString("UNWIND [\n")
	for i := range n {
		c.b = append(c.b[:0], "  "...)
		fn(i)
		if i < n-1 {
			c.b = append(c.b, ',')
		}
		c.b = append(c.b, '\n')
		c.w.Write(c.b)
	}
	c.w.WriteString("] AS row\n")
}

func (c *cypherWriter) entities(label string, nodes []graph.Node) {
	c.rows(len(nodes), func(i int) {
		n := nodes[i]
		c.b = append(c.b, "{id: "...)
		c.b = appendString(c.b, n.ID)
		c.b = append(c.b, ", uuid: "...)
		c.b = appendString(c.b, schema.UUID(n.ID))
		c.b = append(c.b, ", name: "...)
		c.b = appendString(c.b, n.Name)
		c.b = append(c.b, ", aliases: "...)
		c.b = appendStrings(c.b, n.Aliases)
		c.b = append(c.b, ", keys: "...)
		c.b = appendStrings(c.b, graph.NameKeys(n.Name, n.Aliases))
		c.b = append(c.b, ", props: "...)
		c.b = appendProps(c.b, props(n.Props, entityFields))
		c.b = append(c.b, '}')
	})
	// label is one of schema.Labels (checked by writeCypher).
	c.line("MERGE (n:" + label + " {id: row.id})")
	c.line("SET n.uuid = row.uuid, n.name = row.name, n.aliases = row.aliases, n.name_keys = row.keys")
	c.line("SET n += row.props;")
}

func (c *cypherWriter) articles(nodes []graph.Node) {
	c.rows(len(nodes), func(i int) {
		n := nodes[i]
		c.b = append(c.b, "{id: "...)
		c.b = appendString(c.b, n.ID)
		c.b = append(c.b, ", uuid: "...)
		c.b = appendString(c.b, schema.UUID(n.ID))
		c.b = append(c.b, ", title: "...)
		if n.Name == "" {
			c.b = append(c.b, "null"...)
		} else {
			c.b = appendString(c.b, n.Name)
		}
		c.b = append(c.b, ", props: "...)
		c.b = appendProps(c.b, props(n.Props, articleFields))
		c.b = append(c.b, '}')
	})
	c.line("MERGE (n:" + schema.Article + " {id: row.id})")
	c.line("SET n.uuid = row.uuid, n.title = row.title")
	c.line("SET n += row.props;")
}

func (c *cypherWriter) edges(k edgeGroup, edges []graph.Edge) {
	rel := k.typ != schema.Mentions
	c.rows(len(edges), func(i int) {
		e := edges[i]
		c.b = append(c.b, "{s: "...)
		c.b = appendString(c.b, e.Source)
		c.b = append(c.b, ", t: "...)
		c.b = appendString(c.b, e.Target)
		if rel {
			c.b = append(c.b, ", date: "...)
			c.b = appendString(c.b, e.Date)
			c.b = append(c.b, ", articles: "...)
			c.b = appendStrings(c.b, e.Articles)
			sent, arts := make([]string, len(e.Evidence)), make([]string, len(e.Evidence))
			starts, ends := make([]int, len(e.Evidence)), make([]int, len(e.Evidence))
			for j, x := range e.Evidence {
				sent[j], arts[j], starts[j], ends[j] = x.Sentence, x.Article, x.Start, x.End
			}
			c.b = append(c.b, ", evidence: "...)
			c.b = appendStrings(c.b, sent)
			c.b = append(c.b, ", evidence_articles: "...)
			c.b = appendStrings(c.b, arts)
			c.b = append(c.b, ", evidence_starts: "...)
			c.b = appendInts(c.b, starts)
			c.b = append(c.b, ", evidence_ends: "...)
			c.b = appendInts(c.b, ends)
			c.b = append(c.b, ", confidence: "...)
			c.b = appendFloat(c.b, e.Confidence)
			c.b = append(c.b, ", rules: "...)
			c.b = appendStrings(c.b, e.Rules)
			c.b = append(c.b, ", props: "...)
			c.b = appendProps(c.b, props(e.Props, edgeFields))
		}
		c.b = append(c.b, '}')
	})
	// The labels and the type are schema names (checked by writeCypher).
	c.line("MATCH (s:" + k.from + " {id: row.s})")
	c.line("MATCH (t:" + k.to + " {id: row.t})")
	if !rel {
		c.line("MERGE (s)-[:" + k.typ + "]->(t);")
		return
	}
	c.line("MERGE (s)-[r:" + k.typ + " {date: row.date}]->(t)")
	c.line("SET r.articles = row.articles, r.evidence = row.evidence, r.evidence_articles = row.evidence_articles,")
	c.line("    r.evidence_starts = row.evidence_starts, r.evidence_ends = row.evidence_ends,")
	c.line("    r.confidence = row.confidence, r.rules = row.rules")
	c.line("SET r += row.props;")
}

// appendString appends s as a single-quoted Cypher string literal. Quotes
// and backslashes are escaped, line breaks, tabs and the other control and
// separator characters become escape sequences (so a literal never spans
// lines and no tool that splits the script on lines or semicolons can cut
// it), and invalid UTF-8 becomes U+FFFD. Other characters, accented letters
// and emoji included, are written as they are: the script is UTF-8.
func appendString(b []byte, s string) []byte {
	b = append(b, '\'')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, "\uFFFD"...)
		case r == '\'':
			b = append(b, `\'`...)
		case r == '\\':
			b = append(b, `\\`...)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			b = append(b, `\u`...)
			b = append(b, fmt.Sprintf("%04X", r)...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '\'')
}

func appendStrings(b []byte, l []string) []byte {
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

func appendInts(b []byte, l []int) []byte {
	b = append(b, '[')
	for i, n := range l {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ']')
}

// appendFloat appends f as a Cypher float literal: always with a point or an
// exponent, since 1 would be an integer.
func appendFloat(b []byte, f float64) []byte {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return append(b, s...)
}

// appendProps appends a map literal. The keys come from records, not from
// kg's code: any that is not a plain identifier is quoted with backticks.
func appendProps(b []byte, ps []prop) []byte {
	b = append(b, '{')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendName(b, p.name)
		b = append(b, ": "...)
		b = appendString(b, p.value)
	}
	return append(b, '}')
}

// appendName appends a map key: as it is when it is a plain identifier
// (keywords are fine as map keys), else quoted with backticks, a backtick in
// it doubled.
func appendName(b []byte, name string) []byte {
	if plainName(name) {
		return append(b, name...)
	}
	b = append(b, '`')
	b = append(b, strings.ReplaceAll(strings.ToValidUTF8(name, "\uFFFD"), "`", "``")...)
	return append(b, '`')
}

func plainName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}
