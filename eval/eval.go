// Package eval scores extraction records against gold annotation files: the
// engine of `kg eval`.
//
// The gold file format and the scoring rules are those of
// ../shared/gold/README.md. Where the README leaves a case open, this package
// decides as follows.
//
//   - Only articles with both a gold file and a record are scored. Gold
//     articles without a record are reported (Report.MissingRecords), records
//     without gold are ignored (Report.NoGold). If an article has several
//     records, the first is scored.
//   - Entity matching takes the README's three steps in order (name or alias,
//     iso3, aliases); the first step with exactly one candidate decides. A step
//     with several candidates keeps those with the predicted label; if that does
//     not leave exactly one, the next step is tried. An entity no step settles
//     matches nothing. Matching ignores the label otherwise: a wrong label costs
//     the entity score (one false positive and one miss) but not the relations.
//   - Several predicted entities matching one gold entity: the first with the
//     gold label (in record order) is the true positive, every other one is a
//     false positive, as duplicates are the commonest complaint about a graph.
//     Their relations all count at the level of the gold entity.
//   - A gold relation marked "doubtful" is treated like a doubtful not_edge:
//     predicting it is neither a true nor a false positive (it is counted in
//     Counts.Doubtful), and not predicting it is no miss. A triple with both a
//     plain and a doubtful gold relation is a plain gold triple.
//   - An extended (non-core) type is scored in an article when the article's
//     gold has a relation of that type, doubtful or not; not_edges do not count.
//     Relation types unknown to package schema are treated as extended.
//   - Date accuracy is over true-positive core triples with at least one dated
//     plain gold relation; a triple is dated correctly if any predicted date of
//     it starts with any gold date of it ("2023-03-02" is right for gold
//     "2023-03", "2023" is not right for gold "2023-03-02"). A triple predicted
//     without a date is dated wrongly.
//   - Precision, recall and F1 are 0 when undefined (nothing predicted, nothing
//     in gold); the text report prints "-" for them.
package eval

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/schema"
)

// Counts are the micro-averaged counts of one row of the report.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
	// Doubtful counts predictions equal to a doubtful gold relation or
	// not_edge: neither right nor wrong, so in none of TP, FP and FN.
	Doubtful int `json:"doubtful"`
}

// Precision returns TP/(TP+FP), or 0 if nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), or 0 if gold has nothing.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall, or 0 if both are 0.
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

// MarshalJSON adds precision, recall and f1 to the counts, null where
// undefined.
func (c Counts) MarshalJSON() ([]byte, error) {
	type counts Counts
	opt := func(num, den int) *float64 {
		if den == 0 {
			return nil
		}
		f := ratio(num, den)
		return &f
	}
	return json.Marshal(struct {
		counts
		Precision *float64 `json:"precision"`
		Recall    *float64 `json:"recall"`
		F1        *float64 `json:"f1"`
	}{counts(c), opt(c.TP, c.TP+c.FP), opt(c.TP, c.TP+c.FN), opt(2*c.TP, 2*c.TP+c.FP+c.FN)})
}

func (c *Counts) add(o Counts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
	c.Doubtful += o.Doubtful
}

func ratio(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// DateScore counts the true-positive core triples whose gold has a date, and
// those of them whose predicted date is right.
type DateScore struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// Accuracy returns Correct/Total, or 0 if no matched triple has a gold date.
func (d DateScore) Accuracy() float64 { return ratio(d.Correct, d.Total) }

// Edge is a relation triple listed in a report: a miss, a false positive or
// a doubtful prediction. Source and Target are display names: the gold name
// of a matched entity, else the predicted name.
type Edge struct {
	Article string `json:"article"`
	Type    string `json:"type"`
	Source  string `json:"source"`
	Target  string `json:"target"`
	// Evidence is the gold sentence for a miss, the record's sentence for
	// a prediction.
	Evidence string `json:"evidence,omitempty"`
	// Why explains a prediction: the why of the not_edge it equals, the
	// note of a doubtful gold relation, or the endpoint that matched no
	// gold entity.
	Why string `json:"why,omitempty"`
}

// DateError is a true-positive core triple whose predicted date misses the
// gold date.
type DateError struct {
	Article   string   `json:"article"`
	Type      string   `json:"type"`
	Source    string   `json:"source"`
	Target    string   `json:"target"`
	Gold      []string `json:"gold"`
	Predicted []string `json:"predicted"`
	Evidence  string   `json:"evidence,omitempty"` // the gold sentence
}

// EntityDiff is an entity miss (ID empty) or an entity false positive.
type EntityDiff struct {
	Article string `json:"article"`
	ID      string `json:"id,omitempty"` // the predicted entity's id
	Label   string `json:"label"`
	Name    string `json:"name"`
	Why     string `json:"why,omitempty"`
}

// Report is the result of scoring records against gold.
type Report struct {
	// Articles is the number of articles scored: those with gold and a record.
	Articles int `json:"articles"`
	// MissingRecords lists gold articles without a record; they are not scored.
	MissingRecords []string `json:"missing_records"`
	// NoGold lists the articles of records without gold; they are ignored.
	NoGold []string `json:"no_gold"`
	// DuplicateRecords lists articles with several records; the first is scored.
	DuplicateRecords []string `json:"duplicate_records,omitempty"`

	Core     Counts            `json:"core"`     // the core relation types together
	Extended Counts            `json:"extended"` // the extended types together
	ByType   map[string]Counts `json:"by_type"`  // each relation type alone
	Entities Counts            `json:"entities"`
	Dates    DateScore         `json:"dates"` // date accuracy of core triples

	Misses               []Edge       `json:"misses"`
	FalsePositives       []Edge       `json:"false_positives"`
	Doubtful             []Edge       `json:"doubtful"`
	DateErrors           []DateError  `json:"date_errors"`
	EntityMisses         []EntityDiff `json:"entity_misses"`
	EntityFalsePositives []EntityDiff `json:"entity_false_positives"`
}

// Score scores recs against gold, keyed by article id as LoadGold returns
// it, following the rules of the gold README and of the package comment.
func Score(gold map[string]*Gold, recs []kg.Record) *Report {
	r := &Report{
		ByType:         make(map[string]Counts),
		MissingRecords: []string{}, NoGold: []string{},
		Misses: []Edge{}, FalsePositives: []Edge{}, Doubtful: []Edge{}, DateErrors: []DateError{},
		EntityMisses: []EntityDiff{}, EntityFalsePositives: []EntityDiff{},
	}
	for _, rt := range schema.RelationTypes {
		r.ByType[rt.Name] = Counts{}
	}
	byID := make(map[string]*kg.Record, len(recs))
	for i := range recs {
		id := recs[i].Article.ID
		if _, dup := byID[id]; dup {
			if gold[id] != nil && !slices.Contains(r.DuplicateRecords, id) {
				r.DuplicateRecords = append(r.DuplicateRecords, id)
			}
			continue
		}
		byID[id] = &recs[i]
		if gold[id] == nil {
			r.NoGold = append(r.NoGold, id)
		}
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rec := byID[id]
		if rec == nil {
			r.MissingRecords = append(r.MissingRecords, id)
			continue
		}
		r.Articles++
		r.scoreArticle(gold[id], rec)
	}
	sort.Strings(r.NoGold)
	sort.Strings(r.DuplicateRecords)
	r.sort()
	return r
}

// triple is a relation at the level of gold entities. An endpoint is "g:"
// and a gold key, or "p:" and the id of a predicted entity that matched
// nothing.
type triple struct{ typ, src, tgt string }

func canon(typ, src, tgt string) triple {
	if rt, ok := schema.Relation(typ); ok && rt.Symmetric && tgt < src {
		src, tgt = tgt, src
	}
	return triple{typ, src, tgt}
}

func isCore(typ string) bool {
	rt, ok := schema.Relation(typ)
	return ok && rt.Core
}

// goldTriple gathers the gold relations and not_edges of one triple.
type goldTriple struct {
	plain    bool   // a relation not marked doubtful
	src, tgt string // as the first plain relation has them, for display
	dates    []string
	evidence string
	doubtful bool   // a doubtful relation or not_edge
	notEdge  bool   // a plain not_edge
	why      string // of the doubtful relation or the not_edge
}

// predTriple gathers the predicted relations of one triple.
type predTriple struct {
	src, tgt string // as the first relation has them, for display
	dates    []string
	evidence string
	why      string // the endpoints that match nothing
}

func (r *Report) scoreArticle(g *Gold, rec *kg.Record) {
	m := newMatcher(g)
	ents := rec.Entities
	matched := make([]match, len(ents))
	for i, e := range ents {
		matched[i] = m.match(e)
	}

	// Entities: the first predicted entity with the gold label is the true
	// positive of its gold entity; any other match is a false positive.
	tpOf := make([]int, len(g.Entities))
	for i := range tpOf {
		tpOf[i] = -1
	}
	for i, mt := range matched {
		if mt.gold >= 0 && tpOf[mt.gold] < 0 && ents[i].Label == g.Entities[mt.gold].Label {
			tpOf[mt.gold] = i
		}
	}
	wrongLabel := make(map[int]string)
	for i, mt := range matched {
		e := ents[i]
		fp := EntityDiff{Article: g.ID, ID: e.ID, Label: e.Label, Name: e.Name}
		switch {
		case mt.gold < 0:
			fp.Why = mt.why
		case tpOf[mt.gold] == i:
			r.Entities.TP++
			continue
		case e.Label != g.Entities[mt.gold].Label:
			ge := g.Entities[mt.gold]
			fp.Why = fmt.Sprintf("matches %s %q: wrong label", ge.Label, ge.Name)
			if _, ok := wrongLabel[mt.gold]; !ok {
				wrongLabel[mt.gold] = e.Label
			}
		default:
			fp.Why = fmt.Sprintf("duplicate of %q (%s)", ents[tpOf[mt.gold]].Name, ents[tpOf[mt.gold]].ID)
		}
		r.Entities.FP++
		r.EntityFalsePositives = append(r.EntityFalsePositives, fp)
	}
	for gi, ge := range g.Entities {
		if tpOf[gi] >= 0 {
			continue
		}
		r.Entities.FN++
		miss := EntityDiff{Article: g.ID, Label: ge.Label, Name: ge.Name}
		if l, ok := wrongLabel[gi]; ok {
			miss.Why = "predicted as " + l
		}
		r.EntityMisses = append(r.EntityMisses, miss)
	}

	// Endpoints and their display names.
	names := make(map[string]string)
	for _, ge := range g.Entities {
		names["g:"+ge.Key] = ge.Name
	}
	endpoint := make(map[string]string) // predicted id → endpoint
	unmatched := make(map[string]string)
	for i, e := range ents {
		if _, ok := endpoint[e.ID]; ok {
			continue
		}
		if mt := matched[i]; mt.gold >= 0 {
			endpoint[e.ID] = "g:" + g.Entities[mt.gold].Key
		} else {
			endpoint[e.ID] = "p:" + e.ID
			names["p:"+e.ID] = e.Name
			unmatched["p:"+e.ID] = mt.why
		}
	}
	resolve := func(id string) string {
		if ep, ok := endpoint[id]; ok {
			return ep
		}
		names["p:"+id] = id
		unmatched["p:"+id] = "not an entity of the record"
		return "p:" + id
	}

	// Gold triples.
	goldTypes := make(map[string]bool)
	golds := make(map[triple]*goldTriple)
	var goldOrder []triple
	get := func(t triple) *goldTriple {
		gt := golds[t]
		if gt == nil {
			gt = &goldTriple{}
			golds[t] = gt
			goldOrder = append(goldOrder, t)
		}
		return gt
	}
	for _, gr := range g.Relations {
		goldTypes[gr.Type] = true
		gt := get(canon(gr.Type, "g:"+gr.Source, "g:"+gr.Target))
		if gr.Doubtful {
			if !gt.doubtful {
				gt.doubtful, gt.why = true, cmp.Or(gr.Note, "doubtful in gold")
			}
			continue
		}
		if !gt.plain {
			gt.plain, gt.evidence = true, gr.Evidence
			gt.src, gt.tgt = "g:"+gr.Source, "g:"+gr.Target
		}
		if gr.Date != "" && !slices.Contains(gt.dates, gr.Date) {
			gt.dates = append(gt.dates, gr.Date)
		}
	}
	for _, ne := range g.NotEdges {
		gt := get(canon(ne.Type, "g:"+ne.Source, "g:"+ne.Target))
		switch {
		case ne.Doubtful && !gt.doubtful:
			gt.doubtful, gt.why = true, cmp.Or(ne.Why, "doubtful in gold")
		case !ne.Doubtful && !gt.notEdge && !gt.doubtful:
			gt.notEdge, gt.why = true, ne.Why
		}
	}

	// Predicted triples, of the types scored in this article.
	preds := make(map[triple]*predTriple)
	var predOrder []triple
	for _, pr := range rec.Relations {
		if !isCore(pr.Type) && !goldTypes[pr.Type] {
			continue
		}
		src, tgt := resolve(pr.Source), resolve(pr.Target)
		t := canon(pr.Type, src, tgt)
		pt := preds[t]
		if pt == nil {
			pt = &predTriple{src: src, tgt: tgt}
			for _, ev := range pr.Evidence {
				if pt.evidence = ev.Sentence; ev.Sentence != "" {
					break
				}
			}
			var why []string
			for _, end := range []struct{ role, ep string }{{"source", t.src}, {"target", t.tgt}} {
				if w, ok := unmatched[end.ep]; ok {
					why = append(why, fmt.Sprintf("%s %q: %s", end.role, names[end.ep], w))
				}
			}
			pt.why = strings.Join(why, "; ")
			preds[t] = pt
			predOrder = append(predOrder, t)
		}
		if pr.Date != "" && !slices.Contains(pt.dates, pr.Date) {
			pt.dates = append(pt.dates, pr.Date)
		}
	}

	counts := make(map[string]*Counts)
	count := func(typ string) *Counts {
		c := counts[typ]
		if c == nil {
			c = &Counts{}
			counts[typ] = c
		}
		return c
	}
	edge := func(typ, src, tgt, evidence, why string) Edge {
		return Edge{Article: g.ID, Type: typ, Source: names[src], Target: names[tgt], Evidence: evidence, Why: why}
	}
	for _, t := range predOrder {
		pt, gt := preds[t], golds[t]
		switch {
		case gt != nil && gt.plain:
			count(t.typ).TP++
			if !isCore(t.typ) || len(gt.dates) == 0 {
				continue
			}
			r.Dates.Total++
			if datesAgree(pt.dates, gt.dates) {
				r.Dates.Correct++
				continue
			}
			r.DateErrors = append(r.DateErrors, DateError{Article: g.ID, Type: t.typ,
				Source: names[gt.src], Target: names[gt.tgt], Gold: gt.dates, Predicted: pt.dates, Evidence: gt.evidence})
		case gt != nil && gt.doubtful:
			count(t.typ).Doubtful++
			r.Doubtful = append(r.Doubtful, edge(t.typ, pt.src, pt.tgt, pt.evidence, gt.why))
		default:
			count(t.typ).FP++
			why := pt.why
			if gt != nil && gt.notEdge {
				why = "not an edge: " + gt.why
			}
			r.FalsePositives = append(r.FalsePositives, edge(t.typ, pt.src, pt.tgt, pt.evidence, why))
		}
	}
	for _, t := range goldOrder {
		if gt := golds[t]; gt.plain && preds[t] == nil {
			count(t.typ).FN++
			r.Misses = append(r.Misses, edge(t.typ, gt.src, gt.tgt, gt.evidence, ""))
		}
	}
	for typ, c := range counts {
		bt := r.ByType[typ]
		bt.add(*c)
		r.ByType[typ] = bt
		if isCore(typ) {
			r.Core.add(*c)
		} else {
			r.Extended.add(*c)
		}
	}
}

// datesAgree reports whether any predicted date starts with any gold date.
func datesAgree(pred, gold []string) bool {
	for _, p := range pred {
		for _, g := range gold {
			if strings.HasPrefix(p, g) {
				return true
			}
		}
	}
	return false
}

// typeRank orders relation types as package schema lists them, others after.
func typeRank(typ string) int {
	for i, rt := range schema.RelationTypes {
		if rt.Name == typ {
			return i
		}
	}
	return len(schema.RelationTypes)
}

func (r *Report) sort() {
	edges := func(a, b Edge) int {
		return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(typeRank(a.Type), typeRank(b.Type)),
			cmp.Compare(a.Type, b.Type), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
	}
	slices.SortStableFunc(r.Misses, edges)
	slices.SortStableFunc(r.FalsePositives, edges)
	slices.SortStableFunc(r.Doubtful, edges)
	slices.SortStableFunc(r.DateErrors, func(a, b DateError) int {
		return edges(Edge{Article: a.Article, Type: a.Type, Source: a.Source, Target: a.Target},
			Edge{Article: b.Article, Type: b.Type, Source: b.Source, Target: b.Target})
	})
	entities := func(a, b EntityDiff) int {
		return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	}
	slices.SortStableFunc(r.EntityMisses, entities)
	slices.SortStableFunc(r.EntityFalsePositives, entities)
}
