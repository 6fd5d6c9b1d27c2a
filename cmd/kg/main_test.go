package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runKG runs the command in-process and returns its exit status, stdout and
// stderr.
func runKG(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"kg"}, args...), strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// embedded returns the path of a new embedded store, and keeps a NEO4J_URI
// of the environment from choosing Neo4j instead.
func embedded(t *testing.T) string {
	t.Helper()
	t.Setenv("NEO4J_URI", "")
	return filepath.Join(t.TempDir(), "kg.db")
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string // in stdout+stderr
	}{
		{"help", []string{"--help"}, exitOK, "build a knowledge graph"},
		{"build help has an example", []string{"build", "--help"}, exitOK, "kg build fixtures/articles"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `no command "frobnicate"`},
		{"unknown flag", []string{"stats", "--frobnicate"}, exitUsage, "frobnicate"},
		{"build without inputs", []string{"build"}, exitUsage, "build needs articles"},
		{"query without neo4j", []string{"query", "--neo4j", "", "RETURN 1"}, exitUsage, "NEO4J_URI"},
		{"bad param", []string{"query", "--neo4j", "bolt://127.0.0.1:1", "--param", "novalue", "RETURN 1"}, exitUsage, "NAME=VALUE"},
		{"version", []string{"version"}, exitOK, "record format 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runKG(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out+errOut, tt.want) {
				t.Errorf("output does not mention %q\nstdout: %s\nstderr: %s", tt.want, out, errOut)
			}
		})
	}
}

func TestSchema(t *testing.T) {
	code, out, _ := runKG(t, "", "schema")
	if code != exitOK {
		t.Fatalf("exit status %d", code)
	}
	for _, want := range []string{"WITHDREW_FROM", "CREATE CONSTRAINT kg_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE"} {
		if !strings.Contains(out, want) {
			t.Errorf("kg schema does not print %q", want)
		}
	}
}

// TestBuild_BadInput checks that each bad input is named with its reason,
// the good article in the batch is still loaded, and the exit status says
// that something was skipped.
func TestBuild_BadInput(t *testing.T) {
	db := embedded(t)
	code, out, errOut := runKG(t, "", "build", "--store", db, "testdata/bad", "testdata/noarticles")
	if code != exitSkipped {
		t.Errorf("exit status %d, want %d", code, exitSkipped)
	}
	for _, want := range []string{
		"skip testdata/bad/empty.txt: empty",
		"skip testdata/bad/image.txt: not text",
		"skip testdata/bad/lines.jsonl:2: malformed JSON",
		"skip testdata/noarticles: no articles",
		"kg: some inputs were skipped: 4",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "(4 inputs skipped: 1 empty, 1 malformed, 1 no articles, 1 not text): 1 loaded") {
		t.Errorf("the good article was not loaded:\n%s", out)
	}
}

func TestBuild_Twice(t *testing.T) {
	db := embedded(t)
	code, first, errOut := runKG(t, "", "build", "--store", db, "../../fixtures/articles")
	if code != exitOK {
		t.Fatalf("first build: exit status %d\n%s", code, errOut)
	}
	code, second, errOut := runKG(t, "", "build", "--store", db, "../../fixtures/articles")
	if code != exitOK {
		t.Fatalf("second build: exit status %d\n%s", code, errOut)
	}
	graphOf := func(out string) string { _, g, _ := strings.Cut(out, "Graph in"); return g }
	if graphOf(first) != graphOf(second) {
		t.Errorf("second build changed the graph:\nfirst:\n%s\nsecond:\n%s", first, second)
	}
	if !strings.Contains(second, " 0 loaded, 0 replaced, ") {
		t.Errorf("second build loaded articles again:\n%s", second)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("no store file: %v", err)
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.json")
	db := filepath.Join(dir, "from-config.db")
	if err := os.WriteFile(cfg, []byte(`{"store": "`+db+`", "batch-size": 2, "neo4j-user": "unused"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KG_CONFIG", cfg)
	t.Setenv("NEO4J_URI", "")
	code, out, errOut := runKG(t, "", "load", "testdata/records.jsonl")
	if code != exitOK || !strings.Contains(out, "embedded store "+db) {
		t.Fatalf("the config file's store was not used: %d\n%s%s", code, out, errOut)
	}
	other := filepath.Join(dir, "from-flag.db")
	_, out, _ = runKG(t, "", "stats", "--store", other)
	if !strings.Contains(out, other) {
		t.Errorf("a flag did not win over the config file:\n%s", out)
	}
	t.Setenv("KG_STORE", filepath.Join(dir, "from-env.db"))
	_, out, _ = runKG(t, "", "stats")
	if !strings.Contains(out, "from-env.db") {
		t.Errorf("the environment did not win over the config file:\n%s", out)
	}
	os.WriteFile(cfg, []byte(`{"store": `), 0o644)
	code, _, errOut = runKG(t, "", "stats")
	if code != exitFailed || !strings.Contains(errOut, "config "+cfg) {
		t.Errorf("a broken config file: exit %d, stderr %q", code, errOut)
	}
}

func TestForget(t *testing.T) {
	db := embedded(t)
	if code, _, errOut := runKG(t, "", "load", "--store", db, "testdata/records.jsonl"); code != exitOK {
		t.Fatalf("load: %s", errOut)
	}
	code, out, errOut := runKG(t, "", "forget", "--store", db, "t2", "no-such-article")
	if code != exitOK {
		t.Fatalf("forget: exit status %d: %s", code, errOut)
	}
	// t2 alone named Wang Yi and China and stated two relations.
	for _, want := range []string{"Forgot 1 of 2 articles.", "Person                 2", "Article                2", "MET_WITH               1", "CONDEMNED              1"} {
		if !strings.Contains(out, want) {
			t.Errorf("forget output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runKG(t, "", "entity", "--store", db, "Wang Yi"); code != exitFailed {
		t.Errorf("Wang Yi is still in the graph after forgetting the only article naming him")
	}
}

func TestExtract_UserRules(t *testing.T) {
	article := `{"id":"r1","published":"2024-05-06","text":"France blorfed Germany on Monday over the budget."}`
	_, out, _ := runKG(t, article, "extract", "-")
	if strings.Contains(out, `"CONDEMNED"`) {
		t.Fatalf("the built-in rules already read 'blorfed' as CONDEMNED; pick another verb for this test:\n%s", out)
	}
	code, out, errOut := runKG(t, article, "extract", "--rules", "testdata/rules", "-")
	if code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	for _, want := range []string{`"type":"CONDEMNED","source":"country:FRA","target":"country:DEU"`, `"rule":"user.blorfed"`} {
		if !strings.Contains(out, want) {
			t.Errorf("extract --rules: output lacks %s:\n%s", want, out)
		}
	}
}
