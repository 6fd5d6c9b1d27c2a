package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/kb"
)

// devDir is the gold development set, next to the repository.
const devDir = "../../shared/gold/dev"

// testExtractor returns an extractor over the small knowledge base of
// testdata/kb alone, so that the tests of the rules do not change when the
// embedded one grows.
func testExtractor(t testing.TB) *Extractor {
	t.Helper()
	b, err := os.ReadFile("testdata/kb/kb.json")
	if err != nil {
		t.Fatal(err)
	}
	k := &kb.KB{}
	if err := json.Unmarshal(b, k); err != nil {
		t.Fatal(err)
	}
	x, err := New(k)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// devArticles reads the batch of the development set, or skips the test.
func devArticles(t testing.TB) []kg.Article {
	t.Helper()
	path := filepath.Join(devDir, "articles.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no development set at %s (the shared gold files sit next to the repository): %v", devDir, err)
	}
	return readBatch(t, path)
}

// checkEvidence fails t unless every evidence of rec lies in the text:
// text[start:end], in code points, is the sentence. Evidence from the title
// has no offsets.
func checkEvidence(t testing.TB, a kg.Article, rec kg.Record) {
	t.Helper()
	runes := []rune(a.Text)
	for _, r := range rec.Relations {
		if len(r.Evidence) == 0 {
			t.Errorf("%s %s→%s: no evidence", r.Type, r.Source, r.Target)
		}
		for _, e := range r.Evidence {
			if e.Start == 0 && e.End == 0 && e.Sentence != "" && e.Sentence != a.Text {
				if !containsSentence(a.Title, e.Sentence) {
					t.Errorf("%s %s→%s: title evidence %q not in title %q", r.Type, r.Source, r.Target, e.Sentence, a.Title)
				}
				continue
			}
			if e.Start < 0 || e.End > len(runes) || e.Start > e.End {
				t.Errorf("%s %s→%s: offsets %d:%d outside the text (%d code points)", r.Type, r.Source, r.Target, e.Start, e.End, len(runes))
				continue
			}
			if got := string(runes[e.Start:e.End]); got != e.Sentence {
				t.Errorf("%s %s→%s: text[%d:%d] = %q, evidence says %q", r.Type, r.Source, r.Target, e.Start, e.End, got, e.Sentence)
			}
		}
	}
}

func containsSentence(title, s string) bool {
	for _, x := range splitSentences(title, true) {
		if x.text == s {
			return true
		}
	}
	return false
}

// TestExtract_SeedArticle runs the extractor on the seed article of the
// development set: the three core edges of the walking skeleton, with
// their evidence.
func TestExtract_SeedArticle(t *testing.T) {
	const id = "greekreporter-2023-03-02-blinken-lavrov"
	text, err := os.ReadFile(filepath.Join(devDir, "texts", id+".txt"))
	if err != nil {
		t.Skipf("no seed article at %s (the shared gold files sit next to the repository): %v", devDir, err)
	}
	a := kg.Article{ID: id, Title: "Blinken and Lavrov meet in New Delhi", Published: "2023-03-02", Text: string(text)}
	for _, b := range devArticles(t) {
		if b.ID == id {
			a.Published, a.Title = b.Published, b.Title
		}
	}
	rec := defaultExtractor(t).Extract(a)
	checkEvidence(t, a, rec)
	want := []struct {
		typ, src, tgt string
		evidence      string // a sentence of the edge's evidence
	}{
		{"MET_WITH", "person:antony-blinken", "person:sergey-lavrov", "The pair met briefly on the sidelines of the G20 summit in New Delhi, India."},
		{"WITHDREW_FROM", "country:RUS", "treaty:new-start", "Blinken also decried Russia’s withdrawal from the New START nuclear arms control treaty and stressed Washington’s position that Moscow should rejoin the treaty immediately."},
		{"CONDEMNED", "person:antony-blinken", "country:RUS", "Blinken also decried Russia’s withdrawal from the New START nuclear arms control treaty and stressed Washington’s position that Moscow should rejoin the treaty immediately."},
		{"CONDEMNED", "country:USA", "country:RUS", "Indeed, Washington’s condemnation of Moscow was unequivocal during the G20 summit."},
	}
	for _, w := range want {
		found := false
		for _, r := range rec.Relations {
			if r.Type != w.typ || r.Source != w.src || r.Target != w.tgt {
				continue
			}
			for _, e := range r.Evidence {
				found = found || e.Sentence == w.evidence
			}
		}
		if !found {
			t.Errorf("no %s %s→%s with evidence %q", w.typ, w.src, w.tgt, w.evidence)
		}
	}
	for _, r := range rec.Relations {
		for _, e := range r.Evidence {
			if r.Type == "MET_WITH" && e.Sentence == "The Russian foreign ministry only said that Blinken had requested to speak with Lavrov, but offered no further comment on the interaction." {
				t.Errorf("MET_WITH from a request: %+v", r)
			}
		}
	}
}

func writeFile(name, body string) error { return os.WriteFile(name, []byte(body), 0o644) }

var update = flag.Bool("update", false, "rewrite the golden records of testdata/golden")

// TestExtract_Golden extracts the synthetic articles of testdata/golden
// (*.txt: a first line that is the title, then the text) and compares the
// records with the golden files (*.json). Run with -update to rewrite them
// after a deliberate change.
func TestExtract_Golden(t *testing.T) {
	x := testExtractor(t)
	files, err := filepath.Glob("testdata/golden/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden articles: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			title, text, _ := strings.Cut(string(b), "\n")
			a := kg.Article{ID: name, Title: title, Text: text, Published: "2022-01-22"}
			rec := x.Extract(a)
			checkEvidence(t, a, rec)
			got, err := json.MarshalIndent(rec, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(file, ".txt") + ".json"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(want) != string(got)+"\n" {
				t.Errorf("record differs from %s (run with -update if the change is deliberate)\nwant:\n%s\ngot:\n%s", golden, want, got)
			}
		})
	}
}
