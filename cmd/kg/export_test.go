package main

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// builtStore builds the sample articles into a new embedded store and
// returns its path with the counts that kg stats gives for it.
func builtStore(t *testing.T) (db string, nodes, rels map[string]int) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "kg.db")
	if code, _, errOut := runKG(t, "", "build", "--store", db, "../../fixtures/articles"); code != exitOK {
		t.Fatalf("build: exit status %d\n%s", code, errOut)
	}
	code, out, errOut := runKG(t, "", "stats", "--store", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("stats: exit status %d\n%s", code, errOut)
	}
	var rows []struct {
		Kind  string `json:"kind"`
		Name  string `json:"name"`
		Count int    `json:"count"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("stats --format json: %v\n%s", err, out)
	}
	nodes, rels = map[string]int{}, map[string]int{}
	for _, r := range rows {
		if r.Kind == "node" {
			nodes[r.Name] = r.Count
		} else {
			rels[r.Name] = r.Count
		}
	}
	if nodes["Article"] == 0 || rels["MENTIONS"] == 0 {
		t.Fatalf("the sample graph has no articles or mentions: %v %v", nodes, rels)
	}
	return db, nodes, rels
}

func checkCounts(t *testing.T, format string, gotNodes, gotRels, nodes, rels map[string]int) {
	t.Helper()
	if !maps.Equal(gotNodes, nodes) {
		t.Errorf("%s: nodes by label %v, kg stats says %v", format, gotNodes, nodes)
	}
	if !maps.Equal(gotRels, rels) {
		t.Errorf("%s: relationships by type %v, kg stats says %v", format, gotRels, rels)
	}
}

func TestExport_Formats(t *testing.T) {
	db, nodes, rels := builtStore(t)

	t.Run("graphml", func(t *testing.T) {
		code, out, errOut := runKG(t, "", "export", "--store", db, "--format", "graphml")
		if code != exitOK {
			t.Fatalf("exit status %d\n%s", code, errOut)
		}
		type data struct {
			Key   string `xml:"key,attr"`
			Value string `xml:",chardata"`
		}
		var doc struct {
			Keys []struct {
				ID   string `xml:"id,attr"`
				Name string `xml:"attr.name,attr"`
			} `xml:"key"`
			Nodes []struct {
				Data []data `xml:"data"`
			} `xml:"graph>node"`
			Edges []struct {
				Data []data `xml:"data"`
			} `xml:"graph>edge"`
		}
		if err := xml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		name := map[string]string{}
		for _, k := range doc.Keys {
			name[k.ID] = k.Name
		}
		value := func(ds []data, attr string) string {
			for _, d := range ds {
				if name[d.Key] == attr {
					return d.Value
				}
			}
			return ""
		}
		gotNodes, gotRels := map[string]int{}, map[string]int{}
		for _, n := range doc.Nodes {
			gotNodes[value(n.Data, "labels")]++
			if value(n.Data, "label") == "" {
				t.Errorf("node without a label to draw: %v", n.Data)
			}
		}
		for _, e := range doc.Edges {
			gotRels[value(e.Data, "type")]++
		}
		checkCounts(t, "graphml", gotNodes, gotRels, nodes, rels)
	})

	t.Run("json", func(t *testing.T) {
		code, out, errOut := runKG(t, "", "export", "--store", db, "--format", "json")
		if code != exitOK {
			t.Fatalf("exit status %d\n%s", code, errOut)
		}
		var doc struct {
			Nodes []struct{ ID, Label, Name string }      `json:"nodes"`
			Links []struct{ Source, Target, Type string } `json:"links"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		gotNodes, gotRels := map[string]int{}, map[string]int{}
		ids := map[string]bool{}
		for _, n := range doc.Nodes {
			gotNodes[n.Label]++
			ids[n.ID] = true
		}
		for _, l := range doc.Links {
			gotRels[l.Type]++
			if !ids[l.Source] || !ids[l.Target] {
				t.Errorf("link %s %s -> %s to a node not in the nodes", l.Type, l.Source, l.Target)
			}
		}
		checkCounts(t, "json", gotNodes, gotRels, nodes, rels)
	})

	t.Run("cypher", func(t *testing.T) {
		code, out, errOut := runKG(t, "", "export", "--store", db, "--format", "cypher")
		if code != exitOK {
			t.Fatalf("exit status %d\n%s", code, errOut)
		}
		if !strings.Contains(out, "CREATE CONSTRAINT kg_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;\n") {
			t.Errorf("the script does not create the constraints")
		}
		// Count the rows of each UNWIND statement by what it merges.
		stmt := regexp.MustCompile(`(?s)UNWIND \[\n(.*?)\n\] AS row\n(?:MERGE \(n:(\w+) |MATCH .*?\nMATCH .*?\nMERGE \(s\)-\[r?:(\w+))`)
		gotNodes, gotRels := map[string]int{}, map[string]int{}
		for _, m := range stmt.FindAllStringSubmatch(out, -1) {
			rows := strings.Count(m[1], "\n") + 1
			if m[2] != "" {
				gotNodes[m[2]] += rows
			} else {
				gotRels[m[3]] += rows
			}
		}
		checkCounts(t, "cypher", gotNodes, gotRels, nodes, rels)
		if n := strings.Count(out, "UNWIND ["); n != len(stmt.FindAllString(out, -1)) {
			t.Errorf("%d UNWIND statements, %d of them understood", n, len(stmt.FindAllString(out, -1)))
		}
	})
}

func TestExport_ToFile(t *testing.T) {
	db, _, _ := builtStore(t)
	dir := t.TempDir()
	for _, name := range []string{"kg.graphml", "kg.json", "kg.cypher"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			code, out, errOut := runKG(t, "", "export", "--store", db, "-o", path)
			if code != exitOK {
				t.Fatalf("exit status %d\n%s", code, errOut)
			}
			if !strings.Contains(out, "Exported ") || !strings.Contains(out, path) {
				t.Errorf("no summary naming the file:\n%s", out)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			first := map[string]string{"kg.graphml": "<?xml", "kg.json": "{", "kg.cypher": "// kg graph export"}[name]
			if !strings.HasPrefix(string(b), first) {
				t.Errorf("%s starts with %.40q, want %q (format from the extension)", name, b, first)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("%d files in the output directory, want 3 (temporary files left?)", len(entries))
	}
}

func TestExport_AdminCSV(t *testing.T) {
	db, nodes, rels := builtStore(t)
	dir := filepath.Join(t.TempDir(), "kg-import")
	code, out, errOut := runKG(t, "", "export", "--store", db, "--format", "admin-csv", "-o", dir)
	if code != exitOK {
		t.Fatalf("exit status %d\n%s", code, errOut)
	}
	cmd := regexp.MustCompile(`(?m)^  cd (\S+) && neo4j-admin database import full neo4j --array-delimiter=U\+[0-9A-F]{4}( --multiline-fields=true)?( --nodes=\S+)+( --relationships=\S+)+$`).FindStringSubmatch(out)
	if cmd == nil {
		t.Fatalf("no neo4j-admin command in the output:\n%s", out)
	}
	if cmd[1] != dir {
		t.Errorf("the command changes into %s, want %s", cmd[1], dir)
	}
	if !strings.Contains(out, "kg stats") || !strings.Contains(out, "--overwrite-destination") {
		t.Errorf("the output does not say what to do after the import:\n%s", out)
	}
	// Count the rows of the files that the command names by label and type.
	gotNodes, gotRels := map[string]int{}, map[string]int{}
	for _, arg := range strings.Fields(cmd[0])[4:] {
		name, ok := strings.CutPrefix(arg, "--nodes=")
		if !ok {
			name, ok = strings.CutPrefix(arg, "--relationships=")
		}
		if !ok {
			continue
		}
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		col := slices.Index(recs[0], ":LABEL")
		counts := gotNodes
		if col < 0 {
			col, counts = slices.Index(recs[0], ":TYPE"), gotRels
		}
		for _, r := range recs[1:] {
			counts[r[col]]++
		}
	}
	checkCounts(t, "admin-csv", gotNodes, gotRels, nodes, rels)

	// Not into a directory that has files: the second export is refused.
	code, _, errOut = runKG(t, "", "export", "--store", db, "--format", "admin-csv", "-o", dir)
	if code != exitUsage || !strings.Contains(errOut, "not empty") {
		t.Errorf("export into a full directory: exit status %d, stderr %q; want %d and a word on the directory", code, errOut, exitUsage)
	}
}

func TestExport_Usage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no format", []string{"export", "--store", db}, "export needs --format"},
		{"unknown extension", []string{"export", "--store", db, "-o", "kg.txt"}, "export needs --format"},
		{"unknown format", []string{"export", "--store", db, "--format", "gexf"}, `unknown format "gexf"`},
		{"argument", []string{"export", "--store", db, "kg.graphml"}, "--output kg.graphml"},
		{"admin-csv to standard output", []string{"export", "--store", db, "--format", "admin-csv"}, "-o DIR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runKG(t, "", tt.args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit status %d, stderr %q; want %d and %q\nstdout: %s", code, errOut, exitUsage, tt.want, out)
			}
		})
	}
	code, out, _ := runKG(t, "", "export", "--help")
	if code != exitOK || !strings.Contains(out, "kg export --format graphml -o kg.graphml") {
		t.Errorf("export --help has no example:\n%s", out)
	}
}

func TestBrowserStyle(t *testing.T) {
	code, out, errOut := runKG(t, "", "browser-style")
	if code != exitOK {
		t.Fatalf("exit status %d\n%s", code, errOut)
	}
	for _, want := range []string{"node.Country {", "node.Article {", "caption: '{name}'", "caption: '{title}'", "caption: '<type>'"} {
		if !strings.Contains(out, want) {
			t.Errorf("stylesheet lacks %q", want)
		}
	}
	code, out, _ = runKG(t, "", "browser-style", "--help")
	if code != exitOK || !strings.Contains(out, ":style") || !strings.Contains(out, "kg browser-style > kg.grass") {
		t.Errorf("browser-style --help does not say how to apply it:\n%s", out)
	}
}
