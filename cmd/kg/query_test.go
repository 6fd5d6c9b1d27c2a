package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph/neo4j"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testStores returns the store flags of each store the query commands are
// tested on: the embedded store always, Neo4j when NEO4J_URI is set (its
// database wiped first). In CI a missing Neo4j is a failure.
func testStores(t *testing.T) map[string][]string {
	t.Helper()
	stores := map[string][]string{"embedded": {"--store", filepath.Join(t.TempDir(), "kg.db")}}
	uri := os.Getenv("NEO4J_URI")
	switch {
	case uri != "":
		s, err := neo4j.Open(context.Background(), neo4j.Config{URI: uri,
			Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
		if err != nil {
			t.Fatalf("open Neo4j at %s: %v", uri, err)
		}
		defer s.Close()
		if err := s.Reset(context.Background()); err != nil {
			t.Fatalf("wipe Neo4j: %v", err)
		}
		stores["neo4j"] = []string{"--neo4j", uri}
	case os.Getenv("CI") != "":
		t.Error("NEO4J_URI not set in CI: the query commands are not tested on Neo4j")
	default:
		t.Log("NEO4J_URI not set; testing the embedded store only (start Neo4j with `scripts/neo4j start` and `eval \"$(scripts/neo4j env)\"`)")
	}
	return stores
}

// TestQueries runs the query commands on every store over the same records
// and checks that each answers exactly as its golden file says.
func TestQueries(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"entity", []string{"entity", "Lavrov"}},
		{"entity-alias", []string{"entity", "washington", "--format", "json"}},
		{"entity-ambiguous", []string{"entity", "Georgia"}},
		{"entity-unknown", []string{"entity", "Atlantis"}},
		{"relations", []string{"relations"}},
		{"relations-filtered", []string{"relations", "--type", "condemned", "--to", "Russia", "--since", "2023"}},
		{"relations-csv", []string{"relations", "--from", "Sergei Lavrov", "--type", "MET_WITH", "--format", "csv"}},
		{"relations-bad-type", []string{"relations", "--type", "LIKED"}},
		{"neighbors", []string{"neighbors", "Blinken", "--depth", "2"}},
		{"path", []string{"path", "Blinken", "New START"}},
		{"path-none", []string{"path", "Blinken", "country:GEO"}},
		{"timeline", []string{"timeline", "Lavrov"}},
		{"timeline-pair", []string{"timeline", "Moscow", "US", "--format", "json"}},
		{"stats", []string{"stats", "--format", "csv"}},
	}
	for store, flags := range testStores(t) {
		t.Run(store, func(t *testing.T) {
			code, _, errOut := runKG(t, "", append(append([]string{"load"}, flags...), "testdata/records.jsonl")...)
			if code != exitOK {
				t.Fatalf("load: exit status %d: %s", code, errOut)
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					code, out, errOut := runKG(t, "", append(tc.args, flags...)...)
					got := out + errOut
					if code != exitOK {
						got += "exit status " + string(rune('0'+code)) + "\n"
					}
					golden(t, filepath.Join("testdata", "query", tc.name+".golden"), got)
				})
			}
		})
	}
}

// golden compares got with the golden file at path, or rewrites the file
// with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s\n--- want\n%s\n--- got\n%s", path, want, strings.TrimRight(got, "\n"))
	}
}

// TestReadmeCypher runs every Cypher example of the README on Neo4j, over
// the test records, so that the examples stay true.
func TestReadmeCypher(t *testing.T) {
	stores := testStores(t)
	flags, ok := stores["neo4j"]
	if !ok {
		t.Skip("NEO4J_URI not set: the README's Cypher examples need Neo4j")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runKG(t, "", append([]string{"load"}, append(flags, "testdata/records.jsonl")...)...); code != exitOK {
		t.Fatalf("load: %s", errOut)
	}
	blocks := strings.Split(string(readme), "```cypher\n")[1:]
	if len(blocks) < 5 {
		t.Fatalf("found %d Cypher examples in the README, want at least 5", len(blocks))
	}
	rows := 0
	for _, b := range blocks {
		stmt, _, _ := strings.Cut(b, "```")
		code, out, errOut := runKG(t, "", append([]string{"query", "--param", "name=Sergey Lavrov", "--format", "csv", stmt}, flags...)...)
		if code != exitOK {
			t.Errorf("README example failed:\n%s\n%s", stmt, errOut)
		}
		rows += strings.Count(out, "\n") - 1
	}
	if rows == 0 {
		t.Error("no README example returned a row over the test records")
	}
}
