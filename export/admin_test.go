package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

// adminFiles writes g's admin files into memory.
func adminFiles(t *testing.T, g *graph.Graph) (*AdminImport, map[string][]byte) {
	t.Helper()
	files := map[string][]byte{}
	a, err := writeAdmin(g, func(name string, write func(io.Writer) error) error {
		if _, dup := files[name]; dup {
			t.Errorf("file %s written twice", name)
		}
		var buf bytes.Buffer
		err := write(&buf)
		files[name] = buf.Bytes()
		return err
	})
	if err != nil {
		t.Fatalf("writeAdmin: %v", err)
	}
	a.Dir = "/data/kg-import"
	return a, files
}

// The golden files of a case are its CSV files and command.txt, the command
// that AdminImport gives, in testdata/admin/CASE/.
func TestAdminCSV_Golden(t *testing.T) {
	for name, g := range testGraphs() {
		if len(g.Nodes) == 0 {
			continue // TestAdminCSV_Dir: an error
		}
		t.Run(name, func(t *testing.T) {
			a, files := adminFiles(t, g)
			files["command.txt"] = []byte(a.Command("neo4j") + "\n")
			dir := filepath.Join("testdata", "admin", name)
			if *update {
				os.RemoveAll(dir)
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				for f, b := range files {
					if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatalf("%v (run go test ./export -update to write it)", err)
			}
			var want []string
			for _, e := range entries {
				want = append(want, e.Name())
			}
			if got := slices.Sorted(maps.Keys(files)); !slices.Equal(got, want) {
				t.Errorf("files %v, want %v (go test ./export -update rewrites them)", got, want)
			}
			for f, b := range files {
				w, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil {
					continue // reported above
				}
				if string(w) != string(b) {
					t.Errorf("%s differs from %s (go test ./export -update rewrites it):\n%s", f, filepath.Join(dir, f), diff(string(w), string(b)))
				}
			}
		})
	}
}

// adminTable is one file read back with encoding/csv.
type adminTable struct {
	header []string
	rows   []map[string]string // by header field
}

func readAdminFile(t *testing.T, name string, b []byte) adminTable {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	recs, err := r.ReadAll() // also checks that every row has the header's fields
	if err != nil {
		t.Fatalf("%s is not CSV: %v", name, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s has no header", name)
	}
	tb := adminTable{header: recs[0]}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range tb.header {
			row[h] = rec[i]
		}
		tb.rows = append(tb.rows, row)
	}
	return tb
}

// readAdmin reads the files back into a graph as the importer would build
// it, checking the kg bookkeeping columns on the way.
func readAdmin(t *testing.T, a *AdminImport, files map[string][]byte) *graph.Graph {
	t.Helper()
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, string(a.ArrayDelimiter))
	}
	ints := func(s string) []int {
		var out []int
		for _, f := range split(s) {
			n, err := strconv.Atoi(f)
			if err != nil {
				t.Errorf("long[] element %q: %v", f, err)
			}
			out = append(out, n)
		}
		return out
	}
	props := func(row map[string]string, fixed []string) map[string]string {
		m := map[string]string{}
		for k, v := range row {
			if !slices.Contains(fixed, k) && v != "" {
				m[k] = v
			}
		}
		if len(m) == 0 {
			return nil
		}
		return m
	}
	g := &graph.Graph{}
	names := map[string][]string{}     // entity id → its name_keys
	nameArticle := map[string]string{} // entity id → its name_article
	mentioned := map[string]string{}   // entity id → the greatest article that mentions it
	for _, f := range a.Nodes {
		tb := readAdminFile(t, f.Name, files[f.Name])
		if len(tb.rows) != f.Rows {
			t.Errorf("%s: %d rows, AdminFile says %d", f.Name, len(tb.rows), f.Rows)
		}
		fixed := []string{"id:ID(kg)", ":LABEL", "uuid", "name", "name_article", "aliases:string[]", "name_keys:string[]"}
		if f.Kind == schema.Article {
			fixed = []string{"id:ID(kg)", ":LABEL", "uuid", "title"}
		}
		if !slices.Equal(tb.header[:len(fixed)], fixed) {
			t.Errorf("%s: header %q, want it to start with %q", f.Name, tb.header, fixed)
		}
		for _, row := range tb.rows {
			n := graph.Node{ID: row["id:ID(kg)"], Label: row[":LABEL"], Name: row["name"] + row["title"],
				Aliases: split(row["aliases:string[]"]), Props: props(row, fixed)}
			if n.Label != f.Kind {
				t.Errorf("%s: node %s with label %q", f.Name, n.ID, n.Label)
			}
			if row["uuid"] != schema.UUID(n.ID) {
				t.Errorf("%s: node %s: uuid %q, want %q", f.Name, n.ID, row["uuid"], schema.UUID(n.ID))
			}
			names[n.ID] = split(row["name_keys:string[]"])
			nameArticle[n.ID] = row["name_article"]
			g.Nodes = append(g.Nodes, n)
		}
	}
	for _, f := range a.Relationships {
		tb := readAdminFile(t, f.Name, files[f.Name])
		fixed := []string{":START_ID(kg)", ":END_ID(kg)", ":TYPE", "date", "articles:string[]", "evidence:string[]",
			"evidence_articles:string[]", "evidence_starts:long[]", "evidence_ends:long[]", "confidence:double", "rules:string[]",
			"support_confidence:double[]", "support_rules:string[]", "support_rule_articles:string[]", "support_props:string[]"}
		if f.Kind == schema.Mentions {
			fixed = []string{":START_ID(kg)", ":END_ID(kg)", ":TYPE", "name", "aliases:string[]", "name_keys:string[]", "props"}
		}
		if !slices.Equal(tb.header[:len(fixed)], fixed) {
			t.Errorf("%s: header %q, want it to start with %q", f.Name, tb.header, fixed)
		}
		for _, row := range tb.rows {
			e := graph.Edge{Type: row[":TYPE"], Source: row[":START_ID(kg)"], Target: row[":END_ID(kg)"]}
			if e.Type != f.Kind {
				t.Errorf("%s: edge of type %q", f.Name, e.Type)
			}
			if e.Type == schema.Mentions {
				mentioned[e.Target] = max(mentioned[e.Target], e.Source)
				if got, want := split(row["name_keys:string[]"]), names[e.Target]; !slices.Equal(got, want) {
					t.Errorf("MENTIONS %s -> %s: name_keys %q, want the entity's %q", e.Source, e.Target, got, want)
				}
				var p map[string]string
				if err := json.Unmarshal([]byte(row["props"]), &p); err != nil {
					t.Errorf("MENTIONS %s -> %s: props %q: %v", e.Source, e.Target, row["props"], err)
				}
				g.Edges = append(g.Edges, e)
				continue
			}
			e.Date = row["date"]
			e.Articles = split(row["articles:string[]"])
			e.Rules = split(row["rules:string[]"])
			e.Props = props(row, fixed)
			var err error
			if e.Confidence, err = strconv.ParseFloat(row["confidence:double"], 64); err != nil {
				t.Errorf("confidence %q: %v", row["confidence:double"], err)
			}
			sent, arts := split(row["evidence:string[]"]), split(row["evidence_articles:string[]"])
			starts, ends := ints(row["evidence_starts:long[]"]), ints(row["evidence_ends:long[]"])
			if len(arts) != len(sent) || len(starts) != len(sent) || len(ends) != len(sent) {
				t.Errorf("%s %s -> %s: evidence lists of %d, %d, %d and %d elements", e.Type, e.Source, e.Target, len(sent), len(arts), len(starts), len(ends))
				continue
			}
			for i := range sent {
				e.Evidence = append(e.Evidence, graph.Evidence{Article: arts[i], Sentence: sent[i], Start: starts[i], End: ends[i]})
			}
			// Support: one confidence and props per article, each rule for each article.
			conf, sprops := split(row["support_confidence:double[]"]), split(row["support_props:string[]"])
			srules, sarts := split(row["support_rules:string[]"]), split(row["support_rule_articles:string[]"])
			if len(conf) != len(e.Articles) || len(sprops) != len(e.Articles) || len(srules) != len(sarts) ||
				len(srules) != len(e.Rules)*len(e.Articles) {
				t.Errorf("%s %s -> %s: support lists of %d, %d, %d and %d elements for %d articles and %d rules",
					e.Type, e.Source, e.Target, len(conf), len(sprops), len(srules), len(sarts), len(e.Articles), len(e.Rules))
			}
			for _, c := range conf {
				if c != row["confidence:double"] {
					t.Errorf("%s %s -> %s: support confidence %s, want the edge's %s", e.Type, e.Source, e.Target, c, row["confidence:double"])
				}
			}
			for _, p := range sprops {
				var m map[string]string
				if err := json.Unmarshal([]byte(p), &m); err != nil {
					t.Errorf("support props %q: %v", p, err)
				}
			}
			g.Edges = append(g.Edges, e)
		}
	}
	for id, want := range mentioned {
		if nameArticle[id] != want {
			t.Errorf("entity %s: name_article %q, want %q, the greatest article that mentions it", id, nameArticle[id], want)
		}
	}
	return g
}

func TestAdminCSV_RoundTrip(t *testing.T) {
	for name, g := range testGraphs() {
		if len(g.Nodes) == 0 {
			continue
		}
		t.Run(name, func(t *testing.T) {
			a, files := adminFiles(t, g)
			// encoding/csv reads \r\n inside a quoted field as \n (the
			// importer keeps it, which TestAdminCSV_Neo4jAdmin checks).
			crlf := func(s string) string { return strings.ReplaceAll(validUTF8(s), "\r\n", "\n") }
			want := renamed(mapStrings(g, crlf, crlf), adminEntityFields, adminArticleFields, adminEdgeFields)
			compareGraphs(t, want, readAdmin(t, a, files))
		})
	}
}

func TestAdminCSV_Delimiter(t *testing.T) {
	tests := []struct {
		name  string
		lists [][]string
		want  rune
	}{
		{"nothing", nil, 0x1F},
		{"semicolons and commas", [][]string{{"a;b", "c,d", "e|f"}}, 0x1F},
		{"unit separator", [][]string{{"a\x1fb"}}, 0x1E},
		{"all four separators", [][]string{{"\x1f\x1e"}, {"\x1d", "\x1c"}}, 0xE000},
		{"private use too", [][]string{{"\x1f\x1e\x1d\x1c\uE000\uE001"}}, 0xE002},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := delimiter(tt.lists); got != tt.want {
				t.Errorf("delimiter = %U, want %U", got, tt.want)
			}
		})
	}
	// The nasty graph has U+001F in an alias.
	a, _ := adminFiles(t, testGraphs()["nasty"])
	if a.ArrayDelimiter != 0x1E || !a.Multiline {
		t.Errorf("nasty graph: delimiter %U, multiline %v; want U+001E and true", a.ArrayDelimiter, a.Multiline)
	}
	a, _ = adminFiles(t, testGraphs()["small"])
	if a.ArrayDelimiter != 0x1F || a.Multiline {
		t.Errorf("small graph: delimiter %U, multiline %v; want U+001F and false", a.ArrayDelimiter, a.Multiline)
	}
}

func TestAdminCSV_Command(t *testing.T) {
	a := &AdminImport{Dir: "/tmp/it's here", ArrayDelimiter: 0x1F, Multiline: true,
		Nodes:         []AdminFile{{Name: "nodes-Person.csv"}, {Name: "nodes-Article.csv"}},
		Relationships: []AdminFile{{Name: "relationships-MENTIONS.csv"}}}
	want := `cd '/tmp/it'\''s here' && neo4j-admin database import full neo4j --array-delimiter=U+001F --multiline-fields=true ` +
		`--nodes=nodes-Person.csv --nodes=nodes-Article.csv --relationships=relationships-MENTIONS.csv`
	if got := a.Command("neo4j"); got != want {
		t.Errorf("Command:\n got %s\nwant %s", got, want)
	}
}

func TestAdminCSV_RefusesBadColumns(t *testing.T) {
	for _, name := range []string{"wikidata:id", "x(y)", "a{b}", "[c]", "line\nbreak", "nul\x00"} {
		t.Run(name, func(t *testing.T) {
			g := &graph.Graph{Nodes: []graph.Node{{ID: "person:a", Label: schema.Person, Props: map[string]string{name: "v"}}}}
			_, err := writeAdmin(g, func(string, func(io.Writer) error) error { return nil })
			if err == nil || !strings.Contains(err.Error(), "cannot be a column") || !strings.Contains(err.Error(), "person:a") {
				t.Errorf("node prop %q: error %v, want one naming the node and saying the name cannot be a column", name, err)
			}
			g.Nodes[0].Props = nil
			g.Nodes = append(g.Nodes, graph.Node{ID: "country:X", Label: schema.Country})
			g.Edges = []graph.Edge{{Type: schema.Represents, Source: "person:a", Target: "country:X", Props: map[string]string{name: "v"}}}
			_, err = writeAdmin(g, func(string, func(io.Writer) error) error { return nil })
			if err == nil || !strings.Contains(err.Error(), "cannot be a column") {
				t.Errorf("edge prop %q: error %v, want one saying the name cannot be a column", name, err)
			}
		})
	}
}

func TestAdminCSV_ReadBuffer(t *testing.T) {
	for _, tt := range []struct{ longest, want int }{
		{0, 0}, {2 << 20, 0}, {2<<20 + 1, 5 << 20}, {3 << 20, 6 << 20}, {10<<20 + 5, 21 << 20},
	} {
		a := &AdminImport{LongestLine: tt.longest, ArrayDelimiter: 0x1F}
		if got := a.ReadBuffer(); got != tt.want {
			t.Errorf("longest line %d: ReadBuffer %d, want %d", tt.longest, got, tt.want)
		}
		flag := fmt.Sprintf("--read-buffer-size=%dm", tt.want>>20)
		if has := slices.Contains(a.Args("neo4j"), flag); has != (tt.want > 0) {
			t.Errorf("longest line %d: Args %q, want %s: %v", tt.longest, a.Args("neo4j"), flag, tt.want > 0)
		}
	}
	_, files := adminFiles(t, testGraphs()["small"])
	a, _ := adminFiles(t, testGraphs()["small"])
	longest := 0
	for _, b := range files {
		for _, l := range strings.SplitAfter(string(b), "\n") {
			longest = max(longest, len(l))
		}
	}
	if a.LongestLine != longest {
		t.Errorf("LongestLine %d, want %d", a.LongestLine, longest)
	}
}

func TestAdminCSV_Dir(t *testing.T) {
	g := testGraphs()["small"]
	t.Run("new directory", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "import")
		a, err := AdminCSV(dir, g)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, f := range append(slices.Clone(a.Nodes), a.Relationships...) {
			b, err := os.ReadFile(filepath.Join(dir, f.Name))
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name] = b
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != len(files) {
			t.Errorf("%d files in %s, want %d", len(entries), dir, len(files))
		}
		compareGraphs(t, renamed(g, adminEntityFields, adminArticleFields, adminEdgeFields), readAdmin(t, a, files))
		if !filepath.IsAbs(a.Dir) {
			t.Errorf("Dir %q is not absolute", a.Dir)
		}
		entries, _ = os.ReadDir(filepath.Dir(dir))
		if len(entries) != 1 {
			t.Errorf("%d entries beside the output directory, want none (temporary directory left?)", len(entries)-1)
		}
	})
	t.Run("empty directory", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := AdminCSV(dir, g); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("directory with files", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
		_, err := AdminCSV(dir, g)
		if !errors.Is(err, ErrNotEmpty) {
			t.Fatalf("error %v, want ErrNotEmpty", err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
			t.Errorf("the file already there was changed")
		}
	})
	t.Run("empty graph", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "import")
		if _, err := AdminCSV(dir, &graph.Graph{}); !errors.Is(err, ErrEmpty) {
			t.Errorf("error %v, want ErrEmpty", err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a failed export left %s: %v", dir, err)
		}
	})
	t.Run("bad graph", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "import")
		bad := &graph.Graph{Nodes: []graph.Node{{ID: "x", Label: "Person:Admin"}}}
		if _, err := AdminCSV(dir, bad); err == nil || !strings.Contains(err.Error(), "not in the schema") {
			t.Errorf("error %v, want one saying the label is not in the schema", err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a failed export left %s: %v", dir, err)
		}
		entries, _ := os.ReadDir(filepath.Dir(dir))
		if len(entries) != 0 {
			t.Errorf("a failed export left %d entries", len(entries))
		}
	})
}

// adminProperties counts the properties that the import of g's admin files
// should create: what the files hold, less the lists that are empty (the
// importer stores no empty list).
func adminProperties(g *graph.Graph) int {
	list := func(l []string) int {
		if len(l) == 0 || len(l) == 1 && l[0] == "" {
			return 0
		}
		return 1
	}
	n := 0
	ents := map[string]graph.Node{}
	for _, x := range g.Nodes {
		n += 2 + len(x.Props) // id, uuid
		if x.Label == schema.Article {
			if x.Name != "" {
				n++
			}
			continue
		}
		ents[x.ID] = x
		n += 1 + list(x.Aliases) + list(graph.NameKeys(x.Name, x.Aliases)) // name
	}
	named := map[string]bool{}
	for _, e := range g.Edges {
		if e.Type == schema.Mentions {
			n += 2 + list(ents[e.Target].Aliases) + list(graph.NameKeys(ents[e.Target].Name, ents[e.Target].Aliases)) // name, props
			if !named[e.Target] {
				named[e.Target] = true
				n++ // the entity's name_article
			}
			continue
		}
		n += 2 + list(e.Articles) + list(e.Rules) + len(e.Props) // date, confidence
		if len(e.Evidence) > 0 {
			n += 4
		}
		if len(e.Articles) > 0 {
			n += 2 // support_confidence, support_props
			if len(e.Rules) > 0 {
				n += 2
			}
		}
	}
	return n
}

// TestAdminCSV_Neo4jAdmin imports the nasty and the small graph with the
// real neo4j-admin (the AdminTool class from the jars that scripts/neo4j
// installs in KG_NEO4J_HOME, which scripts/test sets) into a database of a
// temporary home, and checks what the importer says it imported. It does
// not start a server on the result: that takes longer than a test should.
func TestAdminCSV_Neo4jAdmin(t *testing.T) {
	home := os.Getenv("KG_NEO4J_HOME")
	if home == "" {
		t.Skip("KG_NEO4J_HOME not set: run scripts/test, or set it to a home that scripts/neo4j installed")
	}
	jars, _ := filepath.Glob(filepath.Join(home, "lib", "neo4j-import-tool-*.jar"))
	java := "java"
	if jh := os.Getenv("JAVA_HOME"); jh != "" {
		java = filepath.Join(jh, "bin", "java")
	}
	if _, err := exec.LookPath(java); err != nil || len(jars) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no java (%v) or no neo4j-import-tool jar in %s/lib", err, home)
		}
		t.Skipf("no java (%v) or no neo4j-import-tool jar in %s/lib: run scripts/neo4j install", err, home)
	}
	g := &graph.Graph{}
	for _, x := range []*graph.Graph{testGraphs()["nasty"], testGraphs()["small"]} {
		g.Nodes = append(g.Nodes, x.Nodes...)
		g.Edges = append(g.Edges, x.Edges...)
	}
	// A line longer than the importer's default read buffer, as an edge
	// that thousands of articles support gets.
	long := strings.Repeat("Blinken met Lavrov; they talked. ", 5<<20/33)
	g.Edges = append(g.Edges, graph.Edge{Type: schema.MetWith, Source: "person:antony-blinken", Target: "person:sergey-lavrov",
		Date: "2025", Articles: []string{"untitled"}, Confidence: 0.5,
		Evidence: []graph.Evidence{{Article: "untitled", Sentence: long, Start: 0, End: len(long)}}})
	g.Sort()
	tmp := t.TempDir()
	a, err := AdminCSV(filepath.Join(tmp, "csv"), g)
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(tmp, "home")
	conf := fmt.Sprintf("server.directories.data=%s/data\nserver.directories.logs=%s/logs\nserver.memory.pagecache.size=16m\n", target, target)
	if err := os.MkdirAll(filepath.Join(target, "conf"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "conf", "neo4j.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-Xmx1g", "-cp", filepath.Join(home, "lib") + "/*", "org.neo4j.cli.AdminTool"}, a.Args("neo4j")...)
	cmd := exec.CommandContext(ctx, java, args...)
	cmd.Dir = a.Dir
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+target, "NEO4J_CONF="+filepath.Join(target, "conf"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("neo4j-admin %s: %v\n%s", strings.Join(a.Args("neo4j"), " "), err, tail(string(out), 40))
	}
	if a.ReadBuffer() == 0 {
		t.Errorf("no --read-buffer-size for a line of %d bytes", a.LongestLine)
	}
	m := regexp.MustCompile(`IMPORT DONE[^\n]*\n\s*Imported:\s*\n\s*(\d+) nodes\s*\n\s*(\d+) relationships\s*\n\s*(\d+) properties`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("no import summary in the output of neo4j-admin:\n%s", tail(string(out), 40))
	}
	want := []int{len(g.Nodes), len(g.Edges), adminProperties(g)}
	for i, what := range []string{"nodes", "relationships", "properties"} {
		if got, _ := strconv.Atoi(m[i+1]); got != want[i] {
			t.Errorf("neo4j-admin imported %d %s, want %d", got, what, want[i])
		}
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
