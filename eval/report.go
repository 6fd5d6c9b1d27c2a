package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/kg/schema"
)

// WriteJSON writes the report as one indented JSON object, for scripts.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report as an aligned table of counts, precision,
// recall and F1 per row, then the date accuracy. Verbose adds, by article,
// every miss, false positive, doubtful prediction, date error and entity
// difference, with its evidence sentence.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	p := &printer{w: w}
	p.printf("scored %d %s\n", r.Articles, plural(r.Articles, "article", "articles"))
	if n := len(r.MissingRecords); n > 0 {
		p.printf("warning: %d gold %s no record and %s not scored\n",
			n, plural(n, "article has", "articles have"), plural(n, "is", "are"))
		if verbose {
			p.list(r.MissingRecords)
		}
	}
	if n := len(r.NoGold); n > 0 {
		p.printf("ignored: %d %s no gold\n", n, plural(n, "record has", "records have"))
		if verbose {
			p.list(r.NoGold)
		}
	}
	if n := len(r.DuplicateRecords); n > 0 {
		p.printf("warning: %d %s several records; the first is scored\n", n, plural(n, "article has", "articles have"))
		if verbose {
			p.list(r.DuplicateRecords)
		}
	}

	type row struct {
		name string
		c    Counts
	}
	rows := []row{{"core", r.Core}}
	var extended []string
	for _, rt := range schema.RelationTypes {
		if rt.Core {
			rows = append(rows, row{"  " + rt.Name, r.ByType[rt.Name]})
		} else {
			extended = append(extended, rt.Name)
		}
	}
	var other []string
	for typ := range r.ByType {
		if _, ok := schema.Relation(typ); !ok {
			other = append(other, typ)
		}
	}
	sort.Strings(other)
	rows = append(rows, row{"extended", r.Extended})
	for _, typ := range append(extended, other...) {
		rows = append(rows, row{"  " + typ, r.ByType[typ]})
	}
	rows = append(rows, row{"entities", r.Entities})
	width := 0
	for _, rw := range rows {
		width = max(width, len(rw.name))
	}
	p.printf("\n%-*s %5s %5s %5s %10s %7s %6s\n", width, "", "tp", "fp", "fn", "precision", "recall", "f1")
	for _, rw := range rows {
		c := rw.c
		p.printf("%-*s %5d %5d %5d %10s %7s %6s\n", width, rw.name, c.TP, c.FP, c.FN,
			score(c.Precision(), c.TP+c.FP), score(c.Recall(), c.TP+c.FN), score(c.F1(), 2*c.TP+c.FP+c.FN))
	}
	p.printf("\ndate accuracy: ")
	if r.Dates.Total == 0 {
		p.printf("- (no matched core triple has a gold date)\n")
	} else {
		p.printf("%.3f (%d of %d matched core triples with a gold date)\n",
			r.Dates.Accuracy(), r.Dates.Correct, r.Dates.Total)
	}
	if n := len(r.Doubtful); n > 0 {
		p.printf("doubtful: %d %s a doubtful gold relation or not_edge, not scored\n",
			n, plural(n, "prediction equals", "predictions equal"))
	}
	if verbose {
		r.writeDiffs(p)
	}
	return p.err
}

// writeDiffs lists the differences from gold, grouped by article.
func (r *Report) writeDiffs(p *printer) {
	byArticle := make(map[string][]func())
	add := func(article string, f func()) { byArticle[article] = append(byArticle[article], f) }
	arrow := func(typ string) string {
		if rt, ok := schema.Relation(typ); ok && rt.Symmetric {
			return "<->"
		}
		return "->"
	}
	edges := func(kind string, es []Edge) {
		for _, e := range es {
			add(e.Article, func() {
				p.printf("  %-11s %-13s %s %s %s\n", kind, e.Type, e.Source, arrow(e.Type), e.Target)
				p.detail("", e.Evidence)
				p.detail("why: ", e.Why)
			})
		}
	}
	edges("miss", r.Misses)
	edges("fp", r.FalsePositives)
	edges("doubtful", r.Doubtful)
	for _, d := range r.DateErrors {
		add(d.Article, func() {
			pred := "no date"
			if len(d.Predicted) > 0 {
				pred = strings.Join(d.Predicted, ", ")
			}
			p.printf("  %-11s %-13s %s %s %s: predicted %s, gold %s\n", "date", d.Type, d.Source, arrow(d.Type), d.Target,
				pred, strings.Join(d.Gold, ", "))
			p.detail("", d.Evidence)
		})
	}
	entities := func(kind string, ds []EntityDiff) {
		for _, d := range ds {
			add(d.Article, func() {
				name := d.Name
				if d.ID != "" {
					name += " (" + d.ID + ")"
				}
				if d.Why != "" {
					name += ": " + d.Why
				}
				p.printf("  %-11s %-13s %s\n", kind, d.Label, name)
			})
		}
	}
	entities("entity miss", r.EntityMisses)
	entities("entity fp", r.EntityFalsePositives)

	articles := make([]string, 0, len(byArticle))
	for a := range byArticle {
		articles = append(articles, a)
	}
	slices.Sort(articles)
	if len(articles) > 0 {
		p.printf("\nmisses and false positives, by article\n")
	}
	for _, a := range articles {
		p.printf("\n%s\n", a)
		for _, f := range byArticle[a] {
			f()
		}
	}
}

// score formats a precision, recall or F1, or "-" if its denominator is 0.
func score(f float64, den int) string {
	if den == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", f)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// printer writes formatted text and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) list(ids []string) {
	for _, id := range ids {
		p.printf("  %s\n", id)
	}
}

// detail writes an indented line under a difference, on one line however
// the sentence was broken.
func (p *printer) detail(prefix, s string) {
	if s = strings.Join(strings.Fields(s), " "); s != "" {
		if prefix == "" {
			s = `"` + s + `"`
		}
		p.printf("  %-11s %s%s\n", "", prefix, s)
	}
}
