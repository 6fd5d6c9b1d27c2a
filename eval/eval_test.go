package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func loadTestGold(t *testing.T) map[string]*Gold {
	t.Helper()
	gold, err := LoadGold(filepath.Join("testdata", "gold"))
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

func rel(typ, src, tgt, date, sentence string) kg.Relation {
	return kg.Relation{Type: typ, Source: src, Target: tgt, Date: date, Confidence: 0.9,
		Evidence: []kg.Evidence{{Sentence: sentence}}}
}

// harbour returns a record that predicts testdata/gold/harbour.json exactly.
func harbour() kg.Record {
	iso := func(code string) map[string]string { return map[string]string{"iso3": code} }
	return kg.Record{
		Article: kg.Article{ID: "harbour"},
		Entities: []kg.Entity{
			{ID: "person:mara-velten", Label: schema.Person, Name: "Mara Velten"},
			{ID: "person:oskar-lind", Label: schema.Person, Name: "Oskar Lind"},
			{ID: "country:USA", Label: schema.Country, Name: "United States", Props: iso("USA")},
			{ID: "country:RUS", Label: schema.Country, Name: "Russia", Props: iso("RUS")},
			{ID: "treaty:northern-waters-pact", Label: schema.Treaty, Name: "Northern Waters Pact"},
			{ID: "summit:harbour-summit", Label: schema.Summit, Name: "Harbour Summit"},
			{ID: "country:GEO", Label: schema.Country, Name: "Georgia", Props: iso("GEO")},
			{ID: "place:georgia", Label: schema.Place, Name: "Georgia"},
		},
		Relations: []kg.Relation{
			rel(schema.MetWith, "person:mara-velten", "person:oskar-lind", "2024-05-03", "Velten met Lind."),
			rel(schema.Condemned, "country:USA", "country:RUS", "2024-05-14", "Washington condemned Moscow."),
			rel(schema.WithdrewFrom, "country:RUS", "treaty:northern-waters-pact", "", "Russia withdrew."),
			rel(schema.Attended, "person:mara-velten", "summit:harbour-summit", "", "Velten attended."),
			rel(schema.Represents, "person:mara-velten", "country:USA", "", "Velten of the US."),
		},
	}
}

// entity returns the entity of rec with id.
func entity(t *testing.T, rec *kg.Record, id string) *kg.Entity {
	t.Helper()
	for i := range rec.Entities {
		if rec.Entities[i].ID == id {
			return &rec.Entities[i]
		}
	}
	t.Fatalf("no entity %s", id)
	return nil
}

// relation returns the relation of rec of type typ.
func relation(t *testing.T, rec *kg.Record, typ string) *kg.Relation {
	t.Helper()
	for i := range rec.Relations {
		if rec.Relations[i].Type == typ {
			return &rec.Relations[i]
		}
	}
	t.Fatalf("no relation %s", typ)
	return nil
}

func TestScore(t *testing.T) {
	gold := loadTestGold(t)
	perfect := struct {
		core, extended, entities Counts
		dates                    DateScore
	}{Counts{TP: 3}, Counts{TP: 2}, Counts{TP: 8}, DateScore{Correct: 2, Total: 2}}

	tests := []struct {
		name                     string
		edit                     func(t *testing.T, r *kg.Record)
		core, extended, entities Counts
		dates                    *DateScore // nil: as the perfect prediction
		check                    func(t *testing.T, r *Report)
	}{
		{
			name: "perfect prediction",
			edit: func(t *testing.T, r *kg.Record) {},
			check: func(t *testing.T, r *Report) {
				for _, c := range []Counts{r.Core, r.Extended, r.Entities, r.ByType[schema.MetWith]} {
					if c.Precision() != 1 || c.Recall() != 1 || c.F1() != 1 {
						t.Errorf("%+v: P=%v R=%v F1=%v, want 1", c, c.Precision(), c.Recall(), c.F1())
					}
				}
				if r.Dates.Accuracy() != 1 {
					t.Errorf("date accuracy %v, want 1", r.Dates.Accuracy())
				}
			},
		},
		{
			name: "missing edge lowers recall",
			edit: func(t *testing.T, r *kg.Record) {
				r.Relations = slices.DeleteFunc(r.Relations, func(x kg.Relation) bool { return x.Type == schema.Condemned })
			},
			core: Counts{TP: 2, FN: 1}, dates: &DateScore{Correct: 1, Total: 1},
			check: func(t *testing.T, r *Report) {
				near(t, "core recall", r.Core.Recall(), 2.0/3)
				near(t, "core precision", r.Core.Precision(), 1)
				near(t, "core F1", r.Core.F1(), 0.8)
				near(t, "CONDEMNED recall", r.ByType[schema.Condemned].Recall(), 0)
				want := Edge{Article: "harbour", Type: schema.Condemned, Source: "United States", Target: "Russia",
					Evidence: "Washington condemned Moscow earlier this month."}
				if len(r.Misses) != 1 || r.Misses[0] != want {
					t.Errorf("misses %+v, want %+v", r.Misses, want)
				}
			},
		},
		{
			name: "false positive with an unmatched endpoint",
			edit: func(t *testing.T, r *kg.Record) {
				r.Entities = append(r.Entities, kg.Entity{ID: "person:nils-berg", Label: schema.Person, Name: "Nils Berg"})
				r.Relations = append(r.Relations, rel(schema.MetWith, "person:mara-velten", "person:nils-berg", "", "Velten met Berg."))
			},
			core: Counts{TP: 3, FP: 1}, entities: Counts{TP: 8, FP: 1},
			check: func(t *testing.T, r *Report) {
				near(t, "core precision", r.Core.Precision(), 0.75)
				want := Edge{Article: "harbour", Type: schema.MetWith, Source: "Mara Velten", Target: "Nils Berg",
					Evidence: "Velten met Berg.", Why: `target "Nils Berg": no gold entity`}
				if len(r.FalsePositives) != 1 || r.FalsePositives[0] != want {
					t.Errorf("false positives %+v, want %+v", r.FalsePositives, want)
				}
			},
		},
		{
			name: "endpoint that is not an entity of the record",
			edit: func(t *testing.T, r *kg.Record) {
				r.Relations = append(r.Relations, rel(schema.Condemned, "person:ghost", "country:RUS", "", "Someone condemned Moscow."))
			},
			core: Counts{TP: 3, FP: 1},
		},
		{
			name: "MET_WITH reversed is a true positive",
			edit: func(t *testing.T, r *kg.Record) {
				m := relation(t, r, schema.MetWith)
				m.Source, m.Target = m.Target, m.Source
			},
		},
		{
			name: "directed type reversed is a false positive and a miss",
			edit: func(t *testing.T, r *kg.Record) {
				w := relation(t, r, schema.WithdrewFrom)
				w.Source, w.Target = w.Target, w.Source
			},
			core: Counts{TP: 2, FP: 1, FN: 1},
		},
		{
			name: "the same triple predicted twice counts once",
			edit: func(t *testing.T, r *kg.Record) {
				r.Relations = append(r.Relations, rel(schema.MetWith, "person:oskar-lind", "person:mara-velten", "", "Lind met Velten."))
			},
		},
		{
			name: "extended type not in the article's gold is ignored",
			edit: func(t *testing.T, r *kg.Record) {
				r.Relations = append(r.Relations,
					rel(schema.Sanctioned, "country:USA", "country:RUS", "", "Washington sanctioned Moscow."),
					rel(schema.Visited, "person:mara-velten", "country:GEO", "", "Velten visited Tbilisi."))
			},
			check: func(t *testing.T, r *Report) {
				if c := r.ByType[schema.Sanctioned]; c != (Counts{}) {
					t.Errorf("SANCTIONED %+v, want nothing scored", c)
				}
			},
		},
		{
			name: "extended type in the article's gold is scored",
			edit: func(t *testing.T, r *kg.Record) {
				r.Relations = append(r.Relations, rel(schema.Attended, "person:oskar-lind", "summit:harbour-summit", "", "Lind attended."))
			},
			extended: Counts{TP: 2, FP: 1},
			check: func(t *testing.T, r *Report) {
				if c := r.ByType[schema.Attended]; c != (Counts{TP: 1, FP: 1}) {
					t.Errorf("ATTENDED %+v", c)
				}
			},
		},
		{
			name: "doubtful not_edge is excluded",
			edit: func(t *testing.T, r *kg.Record) {
				r.Relations = append(r.Relations, rel(schema.Condemned, "country:RUS", "country:USA", "", "Moscow said Washington broke its word."))
			},
			core: Counts{TP: 3, Doubtful: 1},
			check: func(t *testing.T, r *Report) {
				near(t, "core precision", r.Core.Precision(), 1)
				if len(r.Doubtful) != 1 || r.Doubtful[0].Why != "an accusation that some read as criticism" {
					t.Errorf("doubtful %+v", r.Doubtful)
				}
			},
		},
		{
			name: "doubtful gold relation is excluded",
			edit: func(t *testing.T, r *kg.Record) {
				r.Relations = append(r.Relations, rel(schema.Condemned, "person:oskar-lind", "country:USA", "", "Lind called it regrettable."))
			},
			core: Counts{TP: 3, Doubtful: 1},
		},
		{
			name: "plain not_edge is a false positive with its why",
			edit: func(t *testing.T, r *kg.Record) {
				r.Relations = append(r.Relations, rel(schema.MetWith, "country:RUS", "country:USA", "", "Washington proposed talks with Moscow."))
			},
			core: Counts{TP: 3, FP: 1},
			check: func(t *testing.T, r *Report) {
				if len(r.FalsePositives) != 1 || r.FalsePositives[0].Why != "not an edge: talks were only proposed" {
					t.Errorf("false positives %+v", r.FalsePositives)
				}
			},
		},
		{
			name: "iso3 matching",
			edit: func(t *testing.T, r *kg.Record) {
				entity(t, r, "country:RUS").Name = "Russian Federation"
			},
		},
		{
			name: "iso3 is compared in any case",
			edit: func(t *testing.T, r *kg.Record) {
				e := entity(t, r, "country:RUS")
				e.Name, e.Props = "Rossiya", map[string]string{"iso3": "rus"}
			},
		},
		{
			name: "alias matching",
			edit: func(t *testing.T, r *kg.Record) {
				e := entity(t, r, "person:mara-velten")
				e.Name, e.Aliases = "Minister Velten", []string{"Mara Velten"}
			},
		},
		{
			name: "aliases pointing to two gold entities match nothing",
			edit: func(t *testing.T, r *kg.Record) {
				e := entity(t, r, "person:mara-velten")
				e.Name, e.Aliases = "the ministers", []string{"Velten", "Lind"}
			},
			core: Counts{TP: 2, FP: 1, FN: 1}, extended: Counts{FP: 2, FN: 2}, entities: Counts{TP: 7, FP: 1, FN: 1},
			dates: &DateScore{Correct: 1, Total: 1},
		},
		{
			name: "name normalisation",
			edit: func(t *testing.T, r *kg.Record) {
				rus := entity(t, r, "country:RUS")
				rus.Name, rus.Props = "kremlin", nil
				usa := entity(t, r, "country:USA")
				usa.Name, usa.Props = "u s", nil
				entity(t, r, "treaty:northern-waters-pact").Name = "Northern  Waters—Pact"
				entity(t, r, "person:oskar-lind").Name = "LIND"
			},
		},
		{
			name: "duplicate predicted entity is a false positive",
			edit: func(t *testing.T, r *kg.Record) {
				r.Entities = append(r.Entities, kg.Entity{ID: "person:velten", Label: schema.Person, Name: "Velten"})
				r.Relations = append(r.Relations, rel(schema.MetWith, "person:velten", "person:oskar-lind", "", "Velten met Lind."))
			},
			entities: Counts{TP: 8, FP: 1},
			check: func(t *testing.T, r *Report) {
				want := EntityDiff{Article: "harbour", ID: "person:velten", Label: schema.Person, Name: "Velten",
					Why: `duplicate of "Mara Velten" (person:mara-velten)`}
				if len(r.EntityFalsePositives) != 1 || r.EntityFalsePositives[0] != want {
					t.Errorf("entity false positives %+v, want %+v", r.EntityFalsePositives, want)
				}
			},
		},
		{
			name: "wrong label costs the entity, not the relations",
			edit: func(t *testing.T, r *kg.Record) {
				e := entity(t, r, "country:RUS")
				e.Label, e.Props = schema.Place, nil
			},
			entities: Counts{TP: 7, FP: 1, FN: 1},
			check: func(t *testing.T, r *Report) {
				if len(r.EntityMisses) != 1 || r.EntityMisses[0].Why != "predicted as Place" {
					t.Errorf("entity misses %+v", r.EntityMisses)
				}
			},
		},
		{
			name: "same name: the label decides",
			edit: func(t *testing.T, r *kg.Record) {
				entity(t, r, "country:GEO").Props = nil
			},
		},
		{
			name: "same name and another label: ambiguous",
			edit: func(t *testing.T, r *kg.Record) {
				entity(t, r, "place:georgia").Label = schema.Organization
			},
			entities: Counts{TP: 7, FP: 1, FN: 1},
			check: func(t *testing.T, r *Report) {
				if len(r.EntityFalsePositives) != 1 || r.EntityFalsePositives[0].Why != "ambiguous: Georgia, Georgia" {
					t.Errorf("entity false positives %+v", r.EntityFalsePositives)
				}
			},
		},
		{
			name: "date less precise than gold is wrong",
			edit: func(t *testing.T, r *kg.Record) {
				relation(t, r, schema.MetWith).Date = "2024-05"
			},
			dates: &DateScore{Correct: 1, Total: 2},
			check: func(t *testing.T, r *Report) {
				want := DateError{Article: "harbour", Type: schema.MetWith, Source: "Mara Velten", Target: "Oskar Lind",
					Gold: []string{"2024-05-03"}, Predicted: []string{"2024-05"},
					Evidence: "Velten met Lind at the Harbour Summit on Friday."}
				if len(r.DateErrors) != 1 || !equalDateErrors(r.DateErrors[0], want) {
					t.Errorf("date errors %+v, want %+v", r.DateErrors, want)
				}
			},
		},
		{
			name: "date as precise as partial gold is right",
			edit: func(t *testing.T, r *kg.Record) {
				relation(t, r, schema.Condemned).Date = "2024-05"
			},
		},
		{
			name: "wrong year is wrong",
			edit: func(t *testing.T, r *kg.Record) {
				relation(t, r, schema.Condemned).Date = "2023-05-14"
			},
			dates: &DateScore{Correct: 1, Total: 2},
		},
		{
			name: "no predicted date is wrong",
			edit: func(t *testing.T, r *kg.Record) {
				relation(t, r, schema.MetWith).Date = ""
			},
			dates: &DateScore{Correct: 1, Total: 2},
		},
		{
			name: "any predicted date of the triple may be right",
			edit: func(t *testing.T, r *kg.Record) {
				r.Relations = append(r.Relations, rel(schema.MetWith, "person:oskar-lind", "person:mara-velten", "2023", "They met last year."))
			},
		},
		{
			name: "empty record",
			edit: func(t *testing.T, r *kg.Record) {
				r.Entities, r.Relations = nil, nil
			},
			core: Counts{FN: 3}, extended: Counts{FN: 2}, entities: Counts{FN: 8}, dates: &DateScore{},
			check: func(t *testing.T, r *Report) {
				if r.Core.Precision() != 0 || r.Core.F1() != 0 {
					t.Errorf("core P=%v F1=%v, want 0", r.Core.Precision(), r.Core.F1())
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := harbour()
			tt.edit(t, &rec)
			r := Score(map[string]*Gold{"harbour": gold["harbour"]}, []kg.Record{rec})
			// A case that leaves a row zero means "as the perfect prediction".
			want := perfect
			if tt.core != (Counts{}) {
				want.core = tt.core
			}
			if tt.extended != (Counts{}) {
				want.extended = tt.extended
			}
			if tt.entities != (Counts{}) {
				want.entities = tt.entities
			}
			if tt.dates != nil {
				want.dates = *tt.dates
			}
			if r.Core != want.core {
				t.Errorf("core %+v, want %+v", r.Core, want.core)
			}
			if r.Extended != want.extended {
				t.Errorf("extended %+v, want %+v", r.Extended, want.extended)
			}
			if r.Entities != want.entities {
				t.Errorf("entities %+v, want %+v", r.Entities, want.entities)
			}
			if r.Dates != want.dates {
				t.Errorf("dates %+v, want %+v", r.Dates, want.dates)
			}
			if r.Articles != 1 {
				t.Errorf("articles %d, want 1", r.Articles)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func equalDateErrors(a, b DateError) bool {
	return a.Article == b.Article && a.Type == b.Type && a.Source == b.Source && a.Target == b.Target &&
		slices.Equal(a.Gold, b.Gold) && slices.Equal(a.Predicted, b.Predicted) && a.Evidence == b.Evidence
}

func TestScore_OnlyArticlesInBoth(t *testing.T) {
	gold := loadTestGold(t)
	recs := []kg.Record{harbour(), {Article: kg.Article{ID: "elsewhere"}}, harbour()}
	recs[2].Relations = nil // a second record of harbour is not scored
	r := Score(gold, recs)
	if r.Articles != 1 {
		t.Errorf("articles %d, want 1", r.Articles)
	}
	if !slices.Equal(r.MissingRecords, []string{"quiet"}) {
		t.Errorf("missing records %q, want [quiet]", r.MissingRecords)
	}
	if !slices.Equal(r.NoGold, []string{"elsewhere"}) {
		t.Errorf("no gold %q, want [elsewhere]", r.NoGold)
	}
	if !slices.Equal(r.DuplicateRecords, []string{"harbour"}) {
		t.Errorf("duplicate records %q, want [harbour]", r.DuplicateRecords)
	}
	if r.Core != (Counts{TP: 3}) {
		t.Errorf("core %+v: quiet's gold must not count as missed", r.Core)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The Kremlin", "kremlin"},
		{"kremlin", "kremlin"},
		{"U.S.", "u s"},
		{"u s", "u s"},
		{"US", "us"},
		{"  Côte d’Ivoire ", "cote d ivoire"},
		{"Türkiye", "turkiye"},
		{"STRASSE", "strasse"},
		{"Straße", "strasse"},
		{"Guinea-Bissau", "guinea bissau"},
		{"@SecBlinken", "secblinken"},
		{"Theodore Roosevelt", "theodore roosevelt"},
		{"the", "the"},
		{"G20", "g20"},
		{"—", ""},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCounts_Undefined(t *testing.T) {
	var c Counts
	if c.Precision() != 0 || c.Recall() != 0 || c.F1() != 0 {
		t.Errorf("empty counts: P=%v R=%v F1=%v, want 0", c.Precision(), c.Recall(), c.F1())
	}
	b, err := json.Marshal(Counts{TP: 1, FN: 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"tp":1,"fp":0,"fn":1,"doubtful":0,"precision":1,"recall":0.5,"f1":0.6666666666666666}`; string(b) != want {
		t.Errorf("json %s, want %s", b, want)
	}
	if b, _ := json.Marshal(Counts{}); !strings.Contains(string(b), `"precision":null`) {
		t.Errorf("json %s: undefined precision should be null", b)
	}
}

func TestLoadGold(t *testing.T) {
	gold := loadTestGold(t)
	if len(gold) != 2 || gold["harbour"] == nil || gold["quiet"] == nil {
		t.Fatalf("loaded %d articles, want harbour and quiet (texts/ not read)", len(gold))
	}
	h := gold["harbour"]
	if len(h.Entities) != 8 || len(h.Relations) != 6 || len(h.NotEdges) != 2 {
		t.Errorf("harbour: %d entities, %d relations, %d not_edges", len(h.Entities), len(h.Relations), len(h.NotEdges))
	}
	if !h.NotEdges[1].Doubtful || h.Entities[2].ISO3 != "USA" {
		t.Errorf("harbour fields not read: %+v %+v", h.NotEdges[1], h.Entities[2])
	}
}

func TestLoadGold_Errors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // in the error
	}{
		{"empty directory", nil, "no gold files"},
		{"bad json", map[string]string{"a.json": `{"id": "a",`}, "a.json"},
		{"unknown key", map[string]string{"b.json": `{"id": "b", "entities": [{"key": "x", "label": "Person", "name": "X"}],
			"relations": [{"type": "MET_WITH", "source": "x", "target": "y"}]}`}, `no entity has key "y"`},
		{"unknown key in not_edge", map[string]string{"c.json": `{"id": "c", "entities": [{"key": "x", "label": "Person", "name": "X"}],
			"not_edges": [{"type": "MET_WITH", "source": "z", "target": "x"}]}`}, `c.json: not_edge MET_WITH z-x: no entity has key "z"`},
		{"key used twice", map[string]string{"d.json": `{"id": "d", "entities": [{"key": "x", "label": "Person", "name": "X"},
			{"key": "x", "label": "Person", "name": "Y"}]}`}, `entity key "x" is used twice`},
		{"article annotated twice", map[string]string{"e.json": `{"id": "e"}`, "f.json": `{"id": "e"}`}, `f.json: article "e" is also annotated in`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := LoadGold(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := LoadGold(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Error("absent directory: no error")
	}
}

func TestLoadGold_IDFromFileName(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "art-7.json"), []byte(`{"entities": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	gold, err := LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	if gold["art-7"] == nil {
		t.Errorf("loaded %v, want article art-7", gold)
	}
}

// TestLoadGold_Dev reads the shared dev set and scores its gold, turned into
// records, against itself: every annotation must be matchable.
func TestLoadGold_Dev(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "gold", "dev")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no dev gold at %s (%v): skipped", dir, err)
	}
	gold, err := LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 20 {
		t.Errorf("%d gold articles, want at least 20", len(gold))
	}
	var recs []kg.Record
	for id, g := range gold {
		if len(g.Entities) == 0 {
			t.Errorf("%s: no entities", id)
		}
		recs = append(recs, goldRecord(g))
	}
	r := Score(gold, recs)
	if r.Core.F1() != 1 || r.Extended.F1() != 1 || r.Entities.F1() != 1 || r.Dates.Accuracy() != 1 {
		var buf bytes.Buffer
		r.WriteText(&buf, true)
		t.Errorf("gold scored against itself is not perfect:\n%s", buf.String())
	}
}

// goldRecord returns the record that predicts g exactly.
func goldRecord(g *Gold) kg.Record {
	rec := kg.Record{Article: kg.Article{ID: g.ID}}
	for _, e := range g.Entities {
		var props map[string]string
		if e.ISO3 != "" {
			props = map[string]string{"iso3": e.ISO3}
		}
		rec.Entities = append(rec.Entities, kg.Entity{ID: "gold:" + e.Key, Label: e.Label, Name: e.Name, Aliases: e.Aliases, Props: props})
	}
	for _, gr := range g.Relations {
		if !gr.Doubtful {
			rec.Relations = append(rec.Relations, rel(gr.Type, "gold:"+gr.Source, "gold:"+gr.Target, gr.Date, gr.Evidence))
		}
	}
	return rec
}

func readRecords(t *testing.T, path string) []kg.Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []kg.Record
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec kg.Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestReport_WriteText(t *testing.T) {
	gold := loadTestGold(t)
	recs := readRecords(t, filepath.Join("testdata", "records.jsonl"))
	tests := []struct {
		golden  string
		recs    []kg.Record
		verbose bool
	}{
		{"report.golden", recs, false},
		{"report_verbose.golden", recs, true},
		// quiet has no record, harbour two.
		{"report_missing.golden", []kg.Record{recs[0], recs[0]}, true},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Score(gold, tt.recs).WriteText(&buf, tt.verbose); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", tt.golden), buf.Bytes())
		})
	}
}

func TestReport_WriteJSON(t *testing.T) {
	r := Score(loadTestGold(t), readRecords(t, filepath.Join("testdata", "records.jsonl")))
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Articles int `json:"articles"`
		Core     struct {
			TP        int      `json:"tp"`
			Precision *float64 `json:"precision"`
		} `json:"core"`
		ByType         map[string]json.RawMessage `json:"by_type"`
		FalsePositives []Edge                     `json:"false_positives"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got.Articles != r.Articles || got.Core.TP != r.Core.TP || got.Core.Precision == nil ||
		*got.Core.Precision != r.Core.Precision() || len(got.FalsePositives) != len(r.FalsePositives) {
		t.Errorf("json does not carry the report:\n%s", buf.String())
	}
	for _, rt := range schema.RelationTypes {
		if _, ok := got.ByType[rt.Name]; !ok {
			t.Errorf("by_type has no %s", rt.Name)
		}
	}
}

// golden compares got with the golden file at path, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}
