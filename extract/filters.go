package extract

import (
	"slices"
	"strings"
)

// Stage 5: filters. A match states no edge when the event is negated,
// hypothetical, future, conditional, requested or speculative, or when its
// sentence is boilerplate outside the story. The cue words are the classes
// @negation and @modality of the rule files.

// boilerplate reports whether a sentence is outside the story: a newsletter
// footer, "Follow us on ...".
func (x *Extractor) boilerplate(s *sentence) bool {
	return x.lex.boilerplate.within(s.tokens, 0, len(s.tokens))
}

// blocked returns why a match states no edge, or "" if it does.
func (d *doc) blocked(h *hit, items []item) string {
	ts := d.sents[h.sent].tokens
	lex := d.x.lex
	if last := ts[len(ts)-1]; last.text == "?" {
		return "question"
	}
	// Coordinated subjects cannot stand after a preposition: "officials
	// from X and Y met", "a trip to X and Y".
	// Nor can the subject of any pattern that starts with one: "his visit
	// to Russia ... and held talks with", "the attack on Ukraine was
	// condemned by".
	if h.rule.elems[0].kind == eSlot {
		// The list the match starts in may begin earlier: "officials from
		// the NSC, the State Department and the Pentagon met".
		if s := listHead(items, h.bind.start); s > 0 && prepositions[items[s-1].key] && !possessorRule(h.rule, items, h.bind.start) && !memberOf(items, s) {
			return "no subject"
		}
		// Nor the object of a verb: "Blinken visited Ukraine and met
		// Zelenskyy".
		if s := listHead(items, h.bind.start); s > 0 && objectOfVerb(items, s, lex) && !possessorRule(h.rule, items, h.bind.start) {
			return "no subject"
		}
	}
	// The words from the start of the clause, or of the match, to the end
	// of the trigger: "had requested to speak with", "did not condemn",
	// "is unlikely to meet".
	from := items[h.bind.start].tok
	trig := h.bind.trigger
	if trig < 0 {
		trig = h.bind.start
	}
	to := items[max(h.bind.triggerEnd-1, trig)].tok
	// The cues may stand a few words before the match: "plans to",
	// "would", "if".
	lo := from
	for lo > 0 && from-lo < 6 && !clauseEdge(ts[lo-1]) {
		lo--
	}
	if lex.negation.within(ts, lo, to) {
		return "negated"
	}
	// Headline future: "Biden to meet Xi", "US to withdraw from ...".
	if t := items[trig].tok; t >= 2 && ts[t-1].key == "to" && slices.ContainsFunc(h.bind.a, func(m *mention) bool { return m.end == t-1 }) {
		return "modality"
	}
	if lex.modal.within(ts, lo, to) {
		return "modality"
	}
	// A future told after the act: "Russian-Turkish talks will be held",
	// "a Russia-EU summit due in May".
	if end := items[h.bind.end-1].end; end < len(ts) && lex.futureAfter.has(ts, end) {
		return "modality"
	}
	// A conditional clause before the match: "if Turkey does anything ...".
	for i := from - 1; i >= 0 && !clauseEdge(ts[i]); i-- {
		if lex.conditional[ts[i].key] {
			return "conditional"
		}
	}
	return ""
}

// objectOfVerb reports whether the item before start is a verb in the past
// tense, not part of a compound ("Iran-backed").
func objectOfVerb(items []item, start int, lex *lexicon) bool {
	k := items[start-1].key
	if len(k) <= 4 || !strings.HasSuffix(k, "ed") || items[start-1].name {
		return false
	}
	// A verb of saying takes a clause, whose subject follows it:
	// "Washington announced it was pulling out"; so does a pronoun.
	if lex.speechVerb[k] || lex.clauseVerb[k] {
		return false
	}
	if m := items[start].m; m != nil && (m.kind == mPronoun || m.kind == mThing || m.kind == mGroup) {
		return false
	}
	return start < 2 || items[start-2].key != "-"
}

// listHead returns the first item of the list of mentions that item start
// belongs to: "X, Y and Z" from Y or Z.
func listHead(items []item, start int) int {
	if start < 2 || items[start-2].m == nil {
		return start
	}
	switch items[start-1].key {
	case "and", "or":
	case ",":
		// "X, Y" is a list only if a conjunction follows: "X, Y and Z".
		q := start + 1
		for q+1 < len(items) && items[q].key == "," && items[q+1].m != nil {
			q += 2
		}
		if q >= len(items) || items[q].key != "and" && items[q].key != "or" && !(items[q].key == "," && q+1 < len(items) && items[q+1].key == "and") {
			return start
		}
	default:
		return start
	}
	p := start
	for p >= 2 && items[p-2].m != nil {
		switch items[p-1].key {
		case ",", "and", "or":
			p -= 2
			continue
		}
		break
	}
	if p >= 3 && items[p-1].key == "and" && items[p-2].key == "," && items[p-3].m != nil {
		return listHead(items, p-3)
	}
	return p
}

// memberOf reports whether the mention at item start is what members
// stand for: "Leaders of the Group of Seven condemned ...".
func memberOf(items []item, start int) bool {
	if start < 2 || items[start-1].key != "of" {
		return false
	}
	switch items[start-2].key {
	case "leaders", "heads", "members", "ministers", "representatives", "delegations", "envoys":
		return true
	}
	return false
}

// possessorRule reports whether a match that starts at item start is a noun
// phrase rather than a clause: its first slot is a possessor ("from the
// United States' decision to withdraw") or stands right before its head
// noun ("on the UN General Assembly vote condemning ..."), so a
// preposition may stand before it.
func possessorRule(r *rule, items []item, start int) bool {
	if len(r.elems) < 2 {
		return true
	}
	if next := r.elems[1].kind; next != eGap && next != eWordGap {
		return true
	}
	end := start
	for end < len(items) && items[end].m != nil {
		end++
	}
	return end < len(items) && items[end].key == "'s"
}

// clauseEdge reports whether a token ends a clause for the filters.
func clauseEdge(t token) bool {
	switch t.key {
	case ",", ";", ":", "(", ")", "\"":
		return true
	}
	return false
}
