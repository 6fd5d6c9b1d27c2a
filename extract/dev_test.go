package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/eval"
	"github.com/newsgraph/kg/kb"
)

var devReport = flag.Bool("dev.report", false, "print the full evaluation report of the development set")

// TestDevSet_QualityFloor extracts the development set with the embedded
// knowledge base and scores it against its gold files: the floor of the
// issue is core-relation F1 ≥ 0.85 with precision ≥ 0.90, and entity F1 ≥
// 0.90. Run with -dev.report to see every miss and false positive.
func TestDevSet_QualityFloor(t *testing.T) {
	arts := devArticles(t)
	gold, err := eval.LoadGold(devDir)
	if err != nil {
		t.Fatal(err)
	}
	checkFloors(t, defaultExtractor(t), gold, arts)
}

// checkFloors extracts arts with x, checks their evidence, scores them
// against gold, logs the report and checks the quality floors of the
// issue.
func checkFloors(t *testing.T, x *Extractor, gold map[string]*eval.Gold, arts []kg.Article) {
	t.Helper()
	recs := make([]kg.Record, 0, len(arts))
	for _, a := range arts {
		rec := x.Extract(a)
		checkEvidence(t, a, rec)
		recs = append(recs, rec)
	}
	rep := eval.Score(gold, recs)
	var b strings.Builder
	if err := rep.WriteText(&b, *devReport); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	for _, f := range []struct {
		name      string
		got, want float64
	}{
		{"core F1", rep.Core.F1(), 0.85},
		{"core precision", rep.Core.Precision(), 0.90},
		{"entity F1", rep.Entities.F1(), 0.90},
	} {
		if f.got < f.want {
			t.Errorf("%s = %.3f, below the floor %.2f", f.name, f.got, f.want)
		}
	}
}

// TestExtract_Deterministic extracts the development set twice, with two
// extractors, and compares the JSON bytes.
func TestExtract_Deterministic(t *testing.T) {
	arts := devArticles(t)
	run := func() []byte {
		x := testExtractor(t)
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		for _, a := range arts {
			if err := enc.Encode(x.Extract(a)); err != nil {
				t.Fatal(err)
			}
		}
		return b.Bytes()
	}
	first, second := run(), run()
	if !bytes.Equal(first, second) {
		t.Fatal("two runs over the same articles gave different records")
	}
}

// FuzzExtract checks that no text makes the extractor panic or give
// evidence outside the text.
func FuzzExtract(f *testing.F) {
	seeds := []string{
		"Blinken and Lavrov met in Geneva on Thursday.",
		"Washington’s condemnation of Moscow was unequivocal.",
		"Russia's withdrawal from the New START treaty (New START) – “irresponsible”.",
		"MOSCOW, March 3 - Mr. Putin met the U.S. President.\n\n- Bullet  \n**Bold**: [link](https://example.org/a_(b))",
		"His Russian counterpart, the pair, they, its, I, my, the summit.",
		"🇷🇺🇮🇳 Foreign Minister Sergey Lavrov holds a meeting with Dr Subrahmanyam Jaishankar.\n📍 New Delhi, March 1",
		"'s ’s - -- ... ( ) [ ] Georgia, Jordan and Chad. al-",
	}
	if text, err := os.ReadFile(devDir + "/texts/greekreporter-2023-03-02-blinken-lavrov.txt"); err == nil {
		seeds = append(seeds, string(text))
	}
	for _, s := range seeds {
		f.Add(s, "A title: Blinken meets Lavrov", "2023-03-02")
	}
	x := testExtractor(f)
	f.Fuzz(func(t *testing.T, text, title, published string) {
		a := kg.Article{ID: "fuzz", Title: title, Text: text, Published: published}
		rec := x.Extract(a)
		checkEvidence(t, a, rec)
		ids := make(map[string]bool)
		for _, e := range rec.Entities {
			ids[e.ID] = true
		}
		for _, r := range rec.Relations {
			if !ids[r.Source] || !ids[r.Target] {
				t.Errorf("%s %s→%s: an end is not an entity of the record", r.Type, r.Source, r.Target)
			}
		}
	})
}

// defaultExtractor returns an extractor over the embedded knowledge base and
// rules, as kg uses them.
func defaultExtractor(t testing.TB) *Extractor {
	t.Helper()
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(k)
	if err != nil {
		t.Fatal(err)
	}
	return x
}
