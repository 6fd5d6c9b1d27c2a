package export

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

// splitStatements splits a Cypher script on the semicolons that end its
// statements, those outside strings, quoted names and comments, as
// cypher-shell and Neo4j Browser do, and drops the comment lines before
// each statement.
func splitStatements(t *testing.T, script string) []string {
	t.Helper()
	var stmts []string
	start := 0
	for i := 0; i < len(script); i++ {
		switch c := script[i]; {
		case c == '\'' || c == '"' || c == '`':
			for i++; i < len(script) && script[i] != c; i++ {
				if script[i] == '\\' && c != '`' {
					i++
				}
			}
			if i >= len(script) {
				t.Fatalf("unterminated %c at the end of the script", c)
			}
		case strings.HasPrefix(script[i:], "//"):
			for i < len(script) && script[i] != '\n' {
				i++
			}
		case strings.HasPrefix(script[i:], "/*"):
			end := strings.Index(script[i+2:], "*/")
			if end < 0 {
				t.Fatalf("unterminated comment at %d", i)
			}
			i += end + 3
		case c == ';':
			stmt := strings.TrimSpace(script[start:i])
			for strings.HasPrefix(stmt, "//") {
				_, stmt, _ = strings.Cut(stmt, "\n")
				stmt = strings.TrimSpace(stmt)
			}
			stmts = append(stmts, stmt)
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(script[start:]); rest != "" {
		t.Fatalf("script ends without a semicolon: %q", rest)
	}
	return stmts
}

func TestCypher_Statements(t *testing.T) {
	g := testGraphs()["nasty"]
	for _, batch := range []int{1, 2, CypherBatch} {
		var buf bytes.Buffer
		if err := writeCypher(&buf, g, batch); err != nil {
			t.Fatal(err)
		}
		stmts := splitStatements(t, buf.String())
		merges := 0
		for _, s := range stmts {
			if !strings.HasPrefix(s, "CREATE ") && !strings.HasPrefix(s, "CALL ") && !strings.HasPrefix(s, "UNWIND [\n") {
				t.Errorf("batch %d: statement starts oddly (a literal was cut?):\n%s", batch, s)
			}
			if strings.HasPrefix(s, "UNWIND") {
				merges++
			}
		}
		// Rows per statement at most batch: count the row lines.
		for _, s := range stmts {
			body, _, _ := strings.Cut(s, "] AS row")
			if rows := strings.Count(body, "\n  {"); rows > batch {
				t.Errorf("batch %d: statement with %d rows", batch, rows)
			}
		}
		if batch == 1 && merges != len(g.Nodes)+len(g.Edges) {
			t.Errorf("batch 1: %d UNWIND statements, want one per node and edge (%d)", merges, len(g.Nodes)+len(g.Edges))
		}
	}
}

// unquote reads a Cypher string literal as Neo4j does.
func unquote(t *testing.T, lit string) string {
	t.Helper()
	if len(lit) < 2 || lit[0] != '\'' || lit[len(lit)-1] != '\'' {
		t.Fatalf("not a single-quoted literal: %q", lit)
	}
	var b strings.Builder
	s := lit[1 : len(lit)-1]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '\n' || c == '\r':
			t.Fatalf("unescaped %q inside %q", c, lit)
		case c != '\\':
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case '\\', '\'', '"':
			b.WriteByte(s[i])
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			var r rune
			fmt.Sscanf(s[i+1:i+5], "%04X", &r)
			b.WriteRune(r)
			i += 4
		default:
			t.Fatalf("unknown escape \\%c in %q", s[i], lit)
		}
	}
	return b.String()
}

func TestCypher_StringLiterals(t *testing.T) {
	for _, s := range nasty {
		lit := string(appendString(nil, s))
		if strings.ContainsAny(lit, "\n\r\u2028\u2029") {
			t.Errorf("literal of %q spans lines: %s", s, lit)
		}
		if got, want := unquote(t, lit), validUTF8(s); got != want {
			t.Errorf("literal %s reads as %q, want %q", lit, got, want)
		}
	}
	names := map[string]string{"role": "role", "end": "end", "iso3": "iso3", "x y": "`x y`", "we`ird": "`we``ird`", "3d": "`3d`", "é": "`é`"}
	for name, want := range names {
		if got := string(appendName(nil, name)); got != want {
			t.Errorf("name %q written as %s, want %s", name, got, want)
		}
	}
	for f, want := range map[float64]string{1: "1.0", 0.875: "0.875", 1e-7: "1e-07", 0: "0.0"} {
		if got := string(appendFloat(nil, f)); got != want {
			t.Errorf("float %v written as %s, want %s", f, got, want)
		}
	}
}

// neo4jConfig reads the test server's address from the environment, as the
// other Neo4j tests do.
func neo4jConfig(t *testing.T) (uri, user, password, database string) {
	t.Helper()
	uri = os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI not set in CI")
		}
		t.Skip("NEO4J_URI not set; start a test server with `scripts/neo4j start` and `eval $(scripts/neo4j env)`")
	}
	return uri, os.Getenv("NEO4J_USERNAME"), os.Getenv("NEO4J_PASSWORD"), os.Getenv("NEO4J_DATABASE")
}

// TestCypher_RecreatesGraphInNeo4j runs the script of the nasty and small
// graphs, in small batches, against the test server and reads the graph
// back. The constraints are created for real (as every kg store does); the
// rest runs in one transaction that is rolled back, under ids of its own, so
// the test leaves nothing behind and neither sees nor disturbs the tests
// that share the server.
func TestCypher_RecreatesGraphInNeo4j(t *testing.T) {
	uri, user, password, database := neo4jConfig(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)

	prefix := fmt.Sprintf("kg-export-test-%d/", time.Now().UnixNano())
	var in graph.Graph
	for _, g := range []*graph.Graph{testGraphs()["nasty"], testGraphs()["small"]} {
		for _, n := range g.Nodes {
			n.ID = prefix + n.ID
			in.Nodes = append(in.Nodes, n)
		}
		for _, e := range g.Edges {
			e.Source, e.Target = prefix+e.Source, prefix+e.Target
			in.Edges = append(in.Edges, e)
		}
	}
	in.Sort()
	var script bytes.Buffer
	if err := writeCypher(&script, &in, 2); err != nil {
		t.Fatal(err)
	}

	sess := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database})
	defer sess.Close(ctx)
	var data []string
	for _, s := range splitStatements(t, script.String()) {
		if strings.HasPrefix(s, "CREATE CONSTRAINT") || strings.HasPrefix(s, "CREATE INDEX") || strings.HasPrefix(s, "CREATE FULLTEXT INDEX") || strings.HasPrefix(s, "CALL db.awaitIndexes") {
			// Schema statements cannot share a transaction with writes.
			if _, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
				r, err := tx.Run(ctx, s, nil)
				if err != nil {
					return nil, err
				}
				return r.Consume(ctx)
			}); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
			continue
		}
		data = append(data, s)
	}
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	run := func(tx neo4j.ExplicitTransaction) {
		for _, s := range data {
			r, err := tx.Run(ctx, s, nil)
			if err == nil {
				_, err = r.Consume(ctx)
			}
			if err != nil {
				t.Fatalf("statement failed: %v\n%s", err, s)
			}
		}
	}
	run(tx)
	got := readBack(ctx, t, tx, prefix)
	want := renamed(mapStrings(&in, validUTF8, validUTF8), entityFields, articleFields, edgeFields)
	compareGraphs(t, want, got)

	// A second run changes nothing.
	run(tx)
	compareGraphs(t, want, readBack(ctx, t, tx, prefix))
}

// readBack reads the nodes whose id starts with prefix, and their
// relationships, in the stores' model.
func readBack(ctx context.Context, t *testing.T, tx neo4j.ExplicitTransaction, prefix string) *graph.Graph {
	t.Helper()
	collect := func(q string) []*neo4j.Record {
		r, err := tx.Run(ctx, q, map[string]any{"prefix": prefix})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		recs, err := r.Collect(ctx)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return recs
	}
	strs := func(v any) []string {
		l, ok := v.([]any)
		if !ok {
			t.Fatalf("%v (%T) is not a list", v, v)
		}
		if len(l) == 0 {
			return nil
		}
		out := make([]string, len(l))
		for i, x := range l {
			out[i] = x.(string)
		}
		return out
	}
	g := &graph.Graph{}
	for _, r := range collect("MATCH (n) WHERE n.id STARTS WITH $prefix RETURN labels(n), properties(n)") {
		labels, p := r.Values[0].([]any), r.Values[1].(map[string]any)
		if len(labels) != 1 {
			t.Errorf("node %v has labels %v", p["id"], labels)
			continue
		}
		n := graph.Node{ID: p["id"].(string), Label: labels[0].(string), Props: map[string]string{}}
		if p["uuid"] != schema.UUID(n.ID) {
			t.Errorf("node %s: uuid %v, want %s", n.ID, p["uuid"], schema.UUID(n.ID))
		}
		fixed := entityFields
		if n.Label == schema.Article {
			fixed = articleFields
			n.Name, _ = p["title"].(string)
		} else {
			n.Name = p["name"].(string)
			n.Aliases = strs(p["aliases"])
			// kg's Lookup finds entities through name_keys.
			if keys, want := strs(p["name_keys"]), graph.NameKeys(n.Name, n.Aliases); !slices.Equal(keys, want) {
				t.Errorf("node %s: name_keys %q, want %q", n.ID, keys, want)
			}
		}
		for k, v := range p {
			if !slices.Contains(fixed, k) && k != "name_keys" {
				n.Props[k] = v.(string)
			}
		}
		if len(n.Props) == 0 {
			n.Props = nil
		}
		g.Nodes = append(g.Nodes, n)
	}
	for _, r := range collect("MATCH (s)-[r]->(t) WHERE s.id STARTS WITH $prefix RETURN type(r), s.id, t.id, properties(r)") {
		e := graph.Edge{Type: r.Values[0].(string), Source: r.Values[1].(string), Target: r.Values[2].(string), Props: map[string]string{}}
		p := r.Values[3].(map[string]any)
		if e.Type != schema.Mentions {
			e.Date = p["date"].(string)
			e.Articles, e.Rules = strs(p["articles"]), strs(p["rules"])
			e.Confidence = p["confidence"].(float64)
			sent, arts := strs(p["evidence"]), strs(p["evidence_articles"])
			starts, ends := p["evidence_starts"].([]any), p["evidence_ends"].([]any)
			if len(arts) != len(sent) || len(starts) != len(sent) || len(ends) != len(sent) {
				t.Errorf("%s edge: evidence lists of lengths %d, %d, %d, %d", e.Type, len(sent), len(arts), len(starts), len(ends))
				continue
			}
			for i := range sent {
				e.Evidence = append(e.Evidence, graph.Evidence{Article: arts[i], Sentence: sent[i],
					Start: int(starts[i].(int64)), End: int(ends[i].(int64))})
			}
		}
		for k, v := range p {
			if !slices.Contains(edgeFields, k) {
				e.Props[k] = v.(string)
			}
		}
		if len(e.Props) == 0 {
			e.Props = nil
		}
		g.Edges = append(g.Edges, e)
	}
	return g
}
