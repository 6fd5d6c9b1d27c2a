package storetest

import (
	"fmt"
	"strings"

	kg "github.com/newsgraph/kg"
)

// The suite's articles. Texts are written so that each evidence sentence is
// text[start:end] in Unicode code points; the expected graphs in expect.go
// repeat every value by hand.
//
//	a1  Blinken and Lavrov meet at the G20 (MET_WITH given in both
//	    directions, REPRESENTS with role, dated and undated edges)
//	b2  Russia suspends New START (shares entities and the WITHDREW_FROM and
//	    MET_WITH edges with a1; the only article naming the State Department)
//	c3  Erdoğan and Putin in Sochi (Turkish, Russian, flags: code points are
//	    not bytes)
//
// b2v2 is b2 re-extracted by another extractor version and c3v2 is c3 after
// an edit of its text (another content hash).

// Entity and article ids, spelled once so that a typo cannot make two tests
// disagree silently.
const (
	blinken  = "person:antony-blinken"
	lavrov   = "person:sergey-lavrov"
	erdogan  = "person:recep-tayyip-erdogan"
	putin    = "person:vladimir-putin"
	usa      = "country:USA"
	rus      = "country:RUS"
	ind      = "country:IND"
	tur      = "country:TUR"
	stateDep = "organization:us-state-department"
	newStart = "treaty:new-start"
	g20      = "summit:g20-new-delhi-2023"
	delhi    = "place:new-delhi"
	sochi    = "place:sochi"

	a1 = "a1"
	b2 = "b2"
	c3 = "c3"
)

const (
	textA1 = "US Secretary of State Antony Blinken met Russian Foreign Minister Sergey Lavrov on Thursday on the sidelines of the G20 meeting in New Delhi. " +
		"Lavrov and Blinken held talks for about ten minutes, a US official said. " +
		"Washington condemned Moscow's decision to suspend its participation in the New START treaty. " +
		"Russia withdrew from New START in February. " +
		"New Delhi, the capital of India, hosts the G20 summit this year."
	a1s1 = "US Secretary of State Antony Blinken met Russian Foreign Minister Sergey Lavrov on Thursday on the sidelines of the G20 meeting in New Delhi."
	a1s2 = "Lavrov and Blinken held talks for about ten minutes, a US official said."
	a1s3 = "Washington condemned Moscow's decision to suspend its participation in the New START treaty."
	a1s4 = "Russia withdrew from New START in February."
	a1s5 = "New Delhi, the capital of India, hosts the G20 summit this year."

	textB2 = "Russia suspended its participation in New START in February, Moscow said. " +
		"The US State Department urged Moscow to return to the treaty. " +
		"Washington condemned the move on Tuesday. " +
		"The United States sanctioned Russian officials on February 24. " +
		"Lavrov said he had met Blinken on the sidelines in New Delhi."
	b2s1 = "Russia suspended its participation in New START in February, Moscow said."
	b2s2 = "The US State Department urged Moscow to return to the treaty."
	b2s3 = "Washington condemned the move on Tuesday."
	b2s4 = "The United States sanctioned Russian officials on February 24."
	b2s5 = "Lavrov said he had met Blinken on the sidelines in New Delhi."

	titleC3 = "Erdoğan ve Putin Soçi'de görüştü"
	textC3  = "Cumhurbaşkanı Recep Tayyip Erdoğan, Soçi'de Vladimir Putin ile görüştü. 🇹🇷🤝🇷🇺 Путин принял Эрдогана в Сочи 4 сентября."
	c3s1    = "Cumhurbaşkanı Recep Tayyip Erdoğan, Soçi'de Vladimir Putin ile görüştü."
	c3s3    = "Путин принял Эрдогана в Сочи 4 сентября."
	textC3b = "Cumhurbaşkanı Recep Tayyip Erdoğan, Vladimir Putin ile görüştü. 🇹🇷🤝🇷🇺 Путин принял Эрдогана в Сочи 4 сентября."
	c3bs1   = "Cumhurbaşkanı Recep Tayyip Erdoğan, Vladimir Putin ile görüştü."
)

// recA1 mentions eight entities and states nine relations; MET_WITH comes in
// both directions and in the reverse of the stored one first.
func recA1() kg.Record {
	return kg.Record{
		Article: kg.Article{ID: a1, Title: "Blinken and Lavrov meet briefly at G20 in New Delhi",
			URL: "https://news.example/2023/03/02/blinken-lavrov", Published: "2023-03-02",
			Source: "news.example", Text: textA1, Extractor: "rules/1"},
		Entities: []kg.Entity{
			{ID: blinken, Label: "Person", Name: "Antony Blinken", Aliases: []string{"Blinken"}},
			{ID: lavrov, Label: "Person", Name: "Sergey Lavrov", Aliases: []string{"Lavrov"}},
			{ID: usa, Label: "Country", Name: "United States", Aliases: []string{"Washington", "US"}, Props: map[string]string{"iso3": "USA"}},
			{ID: rus, Label: "Country", Name: "Russia", Aliases: []string{"Russian", "Moscow"}, Props: map[string]string{"iso3": "RUS"}},
			{ID: newStart, Label: "Treaty", Name: "New START"},
			{ID: g20, Label: "Summit", Name: "G20 summit (New Delhi, 2023)", Aliases: []string{"G20 meeting"}},
			{ID: delhi, Label: "Place", Name: "New Delhi", Props: map[string]string{"country": "IND"}},
			{ID: ind, Label: "Country", Name: "India", Props: map[string]string{"iso3": "IND"}},
		},
		Relations: []kg.Relation{
			{Type: "MET_WITH", Source: lavrov, Target: blinken, Date: "2023-03-02", Confidence: 0.9, Rule: "met-with",
				Evidence: []kg.Evidence{{Sentence: a1s1, Start: 0, End: 141}}},
			{Type: "MET_WITH", Source: blinken, Target: lavrov, Date: "2023-03-02", Confidence: 0.8, Rule: "held-talks",
				Evidence: []kg.Evidence{{Sentence: a1s2, Start: 142, End: 214}}},
			{Type: "REPRESENTS", Source: blinken, Target: usa, Confidence: 0.7, Rule: "appositive-role",
				Props: map[string]string{"role": "Secretary of State"}, Evidence: []kg.Evidence{{Sentence: a1s1, Start: 0, End: 141}}},
			{Type: "REPRESENTS", Source: lavrov, Target: rus, Confidence: 0.7, Rule: "appositive-role",
				Props: map[string]string{"role": "Foreign Minister"}, Evidence: []kg.Evidence{{Sentence: a1s1, Start: 0, End: 141}}},
			{Type: "CONDEMNED", Source: usa, Target: rus, Confidence: 0.8, Rule: "condemned",
				Evidence: []kg.Evidence{{Sentence: a1s3, Start: 215, End: 307}}},
			{Type: "WITHDREW_FROM", Source: rus, Target: newStart, Date: "2023-02", Confidence: 0.85, Rule: "withdrew-from",
				Evidence: []kg.Evidence{{Sentence: a1s4, Start: 308, End: 351}}},
			{Type: "ATTENDED", Source: lavrov, Target: g20, Date: "2023-03-02", Confidence: 0.6, Rule: "attended",
				Evidence: []kg.Evidence{{Sentence: a1s1, Start: 0, End: 141}}},
			{Type: "HELD_IN", Source: g20, Target: delhi, Confidence: 0.6, Rule: "held-in",
				Evidence: []kg.Evidence{{Sentence: a1s5, Start: 352, End: 416}}},
			{Type: "LOCATED_IN", Source: delhi, Target: ind, Confidence: 0.9, Rule: "capital-of",
				Evidence: []kg.Evidence{{Sentence: a1s5, Start: 352, End: 416}}},
		},
	}
}

// recB2 shares WITHDREW_FROM (with a higher confidence and another rule),
// MET_WITH (given reversed) and the REPRESENTS of Lavrov (with another role)
// with a1, gives Russia another alias, and alone names the State Department.
func recB2() kg.Record {
	return kg.Record{
		Article: kg.Article{ID: b2, Title: "Russia suspends New START; Washington responds",
			URL: "https://wire.example/b2", Published: "2023-03-03", Source: "wire.example",
			Text: textB2, Extractor: "rules/1"},
		Entities: []kg.Entity{
			{ID: rus, Label: "Country", Name: "Russia", Aliases: []string{"Moscow", "the Kremlin"}, Props: map[string]string{"iso3": "RUS"}},
			{ID: usa, Label: "Country", Name: "United States", Aliases: []string{"Washington", "the United States"}, Props: map[string]string{"iso3": "USA"}},
			{ID: newStart, Label: "Treaty", Name: "New START"},
			{ID: lavrov, Label: "Person", Name: "Sergey Lavrov", Aliases: []string{"Lavrov"}},
			{ID: blinken, Label: "Person", Name: "Antony Blinken", Aliases: []string{"Blinken"}},
			{ID: stateDep, Label: "Organization", Name: "US State Department", Aliases: []string{"State Department"}},
		},
		Relations: []kg.Relation{
			{Type: "WITHDREW_FROM", Source: rus, Target: newStart, Date: "2023-02", Confidence: 0.95, Rule: "suspended-participation",
				Evidence: []kg.Evidence{{Sentence: b2s1, Start: 0, End: 73}}},
			{Type: "URGED", Source: stateDep, Target: rus, Confidence: 0.6, Rule: "urged",
				Evidence: []kg.Evidence{{Sentence: b2s2, Start: 74, End: 135}}},
			{Type: "CONDEMNED", Source: usa, Target: rus, Date: "2023-02-28", Confidence: 0.8, Rule: "condemned",
				Evidence: []kg.Evidence{{Sentence: b2s3, Start: 136, End: 177}}},
			{Type: "MET_WITH", Source: lavrov, Target: blinken, Date: "2023-03-02", Confidence: 0.75, Rule: "met-with",
				Evidence: []kg.Evidence{{Sentence: b2s5, Start: 241, End: 302}}},
			{Type: "REPRESENTS", Source: lavrov, Target: rus, Confidence: 0.5, Rule: "speaker-role",
				Props: map[string]string{"role": "Russian foreign minister"}, Evidence: []kg.Evidence{{Sentence: b2s5, Start: 241, End: 302}}},
		},
	}
}

// recB2v2 is b2 re-extracted by extractor rules/2 from the same text: the
// State Department, URGED, MET_WITH and REPRESENTS are gone, SANCTIONED is
// new, WITHDREW_FROM has another confidence and CONDEMNED is unchanged.
func recB2v2() kg.Record {
	return kg.Record{
		Article: kg.Article{ID: b2, Title: "Russia suspends New START; Washington responds",
			URL: "https://wire.example/b2", Published: "2023-03-03", Source: "wire.example",
			Text: textB2, Extractor: "rules/2"},
		Entities: []kg.Entity{
			{ID: rus, Label: "Country", Name: "Russia", Aliases: []string{"Moscow"}, Props: map[string]string{"iso3": "RUS"}},
			{ID: usa, Label: "Country", Name: "United States", Aliases: []string{"Washington", "The United States"}, Props: map[string]string{"iso3": "USA"}},
			{ID: newStart, Label: "Treaty", Name: "New START"},
		},
		Relations: []kg.Relation{
			{Type: "WITHDREW_FROM", Source: rus, Target: newStart, Date: "2023-02", Confidence: 0.7, Rule: "suspended-participation",
				Evidence: []kg.Evidence{{Sentence: b2s1, Start: 0, End: 73}}},
			{Type: "CONDEMNED", Source: usa, Target: rus, Date: "2023-02-28", Confidence: 0.8, Rule: "condemned",
				Evidence: []kg.Evidence{{Sentence: b2s3, Start: 136, End: 177}}},
			{Type: "SANCTIONED", Source: usa, Target: rus, Date: "2023-02-24", Confidence: 0.75, Rule: "sanctioned",
				Evidence: []kg.Evidence{{Sentence: b2s4, Start: 178, End: 240}}},
		},
	}
}

// recC3 is in Turkish and Russian; its second sentence is flags and a
// handshake, so code-point offsets differ from byte and UTF-16 offsets. Its
// hash is left for the store (graph.Flatten) to compute from title and text.
func recC3() kg.Record {
	return kg.Record{
		Article: kg.Article{ID: c3, Title: titleC3, URL: "https://haber.example/c3?q=erdoğan&lang=tr",
			Published: "2023-09-04", Source: "haber.example", Text: textC3, Extractor: "rules/1"},
		Entities: []kg.Entity{
			{ID: erdogan, Label: "Person", Name: "Recep Tayyip Erdoğan", Aliases: []string{"Erdoğan", "Эрдоган"}},
			{ID: putin, Label: "Person", Name: "Vladimir Putin", Aliases: []string{"Путин"}},
			{ID: tur, Label: "Country", Name: "Türkiye", Props: map[string]string{"iso3": "TUR"}},
			{ID: rus, Label: "Country", Name: "Russia", Aliases: []string{"Rusya"}, Props: map[string]string{"iso3": "RUS"}},
			{ID: sochi, Label: "Place", Name: "Sochi", Aliases: []string{"Soçi", "Сочи"}, Props: map[string]string{"country": "RUS"}},
		},
		Relations: []kg.Relation{
			{Type: "MET_WITH", Source: putin, Target: erdogan, Date: "2023-09-04", Confidence: 0.9, Rule: "принял",
				Evidence: []kg.Evidence{{Sentence: c3s3, Start: 78, End: 118}}},
			{Type: "MET_WITH", Source: erdogan, Target: putin, Date: "2023-09-04", Confidence: 0.85, Rule: "görüştü",
				Evidence: []kg.Evidence{{Sentence: c3s1, Start: 0, End: 71}}},
			{Type: "VISITED", Source: erdogan, Target: sochi, Date: "2023-09-04", Confidence: 0.7, Rule: "visited",
				Evidence: []kg.Evidence{{Sentence: c3s1, Start: 0, End: 71}}},
			{Type: "LOCATED_IN", Source: sochi, Target: rus, Confidence: 0.9, Rule: "gazetteer"},
			{Type: "REPRESENTS", Source: erdogan, Target: tur, Confidence: 0.7, Rule: "appositive-role",
				Props: map[string]string{"role": "Cumhurbaşkanı"}, Evidence: []kg.Evidence{{Sentence: c3s1, Start: 0, End: 71}}},
		},
	}
}

// recC3v2 is c3 after an edit that dropped "Soçi'de": another content hash,
// the same extractor. Sochi, VISITED and LOCATED_IN are gone and the
// offsets of the Russian sentence moved.
func recC3v2() kg.Record {
	return kg.Record{
		Article: kg.Article{ID: c3, Title: titleC3, URL: "https://haber.example/c3?q=erdoğan&lang=tr",
			Published: "2023-09-04", Source: "haber.example", Text: textC3b, Extractor: "rules/1"},
		Entities: []kg.Entity{
			{ID: erdogan, Label: "Person", Name: "Recep Tayyip Erdoğan", Aliases: []string{"Erdoğan", "Эрдоган"}},
			{ID: putin, Label: "Person", Name: "Vladimir Putin", Aliases: []string{"Путин"}},
			{ID: tur, Label: "Country", Name: "Türkiye", Props: map[string]string{"iso3": "TUR"}},
		},
		Relations: []kg.Relation{
			{Type: "MET_WITH", Source: putin, Target: erdogan, Date: "2023-09-04", Confidence: 0.9, Rule: "принял",
				Evidence: []kg.Evidence{{Sentence: c3s3, Start: 70, End: 110}}},
			{Type: "MET_WITH", Source: erdogan, Target: putin, Date: "2023-09-04", Confidence: 0.85, Rule: "görüştü",
				Evidence: []kg.Evidence{{Sentence: c3bs1, Start: 0, End: 63}}},
			{Type: "REPRESENTS", Source: erdogan, Target: tur, Confidence: 0.7, Rule: "appositive-role",
				Props: map[string]string{"role": "Cumhurbaşkanı"}, Evidence: []kg.Evidence{{Sentence: c3bs1, Start: 0, End: 63}}},
		},
	}
}

// Values that would change a query if a store spliced them into Cypher.
const (
	xID      = `x9'"}) MATCH (n) DETACH DELETE n //`
	xPerson  = "person:o'brien`}) DETACH DELETE n //"
	xOrg     = "organization:{name: $x}"
	xText    = "Conan O'Brien`}) DETACH DELETE n // met {name: 'x'} $param in MATCH (n) RETURN n; \\\" end"
	xRole    = `"}) SET n.pwned = true WITH n MATCH (m) DETACH DELETE m //`
	xRule    = "rule`]->() DELETE r //"
	xTitle   = "Robert'); DROP TABLE articles;-- and `backticks` ${{}}"
	xURL     = "https://news.example/?q=}) DETACH DELETE n //&x='"
	xSource  = "$source {param}"
	xExtract = `rules/1" OR 1=1 //`
)

// recX is an article whose every value looks like Cypher.
func recX() kg.Record {
	return kg.Record{
		Article: kg.Article{ID: xID, Title: xTitle, URL: xURL, Published: "2024-01-01", Source: xSource,
			Text: xText, Hash: "'; MATCH (n) DETACH DELETE n //", Extractor: xExtract},
		Entities: []kg.Entity{
			{ID: xPerson, Label: "Person", Name: "Conan O'Brien`}) DETACH DELETE n //",
				Aliases: []string{"O'Brien", "`n`", `"quoted"`}, Props: map[string]string{"note": "'; CALL db.clearQueryCaches() //"}},
			{ID: xOrg, Label: "Organization", Name: "MATCH (n) DETACH DELETE n", Aliases: []string{"$param"}},
		},
		Relations: []kg.Relation{
			{Type: "MET_WITH", Source: xPerson, Target: xOrg, Date: "2024-01-01", Confidence: 0.5, Rule: xRule,
				Evidence: []kg.Evidence{{Sentence: xText, Start: 0, End: 88}}},
			{Type: "REPRESENTS", Source: xPerson, Target: xOrg, Confidence: 0.5, Rule: xRule,
				Props: map[string]string{"role": xRole}, Evidence: []kg.Evidence{{Sentence: xText, Start: 0, End: 88}}},
		},
	}
}

// recD4 gives its entities aliases out of order, one of them ("—", "...")
// with an empty name key, and states one MET_WITH twice, with its evidence
// in the reverse of the text's order.
func recD4() kg.Record {
	return kg.Record{
		Article: kg.Article{ID: d4, Title: "Zeta and Eta", Published: "2024-02-02", Text: textD4, Extractor: "rules/1"},
		Entities: []kg.Entity{
			{ID: zeta, Label: "Person", Name: "Zeta", Aliases: []string{"Ζήτα", "—", "Z", "..."}},
			{ID: eta, Label: "Person", Name: "Eta", Aliases: []string{"H", "Eta the Elder"}},
		},
		Relations: []kg.Relation{
			{Type: "MET_WITH", Source: zeta, Target: eta, Date: "2024-02", Confidence: 0.5, Rule: "met-again",
				Evidence: []kg.Evidence{{Sentence: d4s2, Start: 16, End: 35}}},
			{Type: "MET_WITH", Source: eta, Target: zeta, Date: "2024-02", Confidence: 0.6, Rule: "met-with",
				Evidence: []kg.Evidence{{Sentence: d4s1, Start: 0, End: 13}}},
		},
	}
}

const (
	d4     = "d4"
	zeta   = "person:zeta"
	eta    = "person:eta"
	textD4 = "Zeta met Eta. — Eta met Zeta again."
	d4s1   = "Zeta met Eta."
	d4s2   = "Eta met Zeta again."
)

// Batch returns n synthetic articles about a small world of 40 people and 12
// countries, so that entities and edges recur across articles the way they
// do in news. The same n always gives the same records. Benchmarks and
// stress tests of a store use it; the suite checks stores against each other
// on it, not against expected values.
func Batch(n int) []kg.Record {
	countries := []string{"USA", "RUS", "CHN", "UKR", "FRA", "DEU", "GBR", "IND", "TUR", "IRN", "BRA", "JPN"}
	recs := make([]kg.Record, 0, n)
	for i := 0; i < n; i++ {
		p, q := i%40, (i*7+3)%40
		if p == q {
			q = (q + 1) % 40
		}
		c, d := countries[i%len(countries)], countries[(i*5+1)%len(countries)]
		if c == d {
			d = countries[(i+1)%len(countries)]
		}
		pp, pq := fmt.Sprintf("person:official-%02d", p), fmt.Sprintf("person:official-%02d", q)
		cc, cd := "country:"+c, "country:"+d
		date := fmt.Sprintf("2024-%02d", i%12+1)
		s1 := fmt.Sprintf("Official %02d met official %02d in %s.", p, q, date)
		s2 := fmt.Sprintf("%s condemned %s.", c, d)
		s3 := fmt.Sprintf("Official %02d speaks for %s.", p, c)
		text := strings.Join([]string{s1, s2, s3}, " ")
		start2 := len(s1) + 1
		start3 := start2 + len(s2) + 1
		id := fmt.Sprintf("syn-%05d", i)
		recs = append(recs, kg.Record{
			Article: kg.Article{ID: id, Title: "Synthetic article " + id, Published: date, Source: "synthetic",
				Text: text, Extractor: "synthetic/1"},
			Entities: []kg.Entity{
				{ID: pp, Label: "Person", Name: fmt.Sprintf("Official %02d", p), Aliases: []string{fmt.Sprintf("O%02d", p)}},
				{ID: pq, Label: "Person", Name: fmt.Sprintf("Official %02d", q)},
				{ID: cc, Label: "Country", Name: c, Aliases: []string{c + " government", fmt.Sprintf("alias-%d", i%3)}, Props: map[string]string{"iso3": c}},
				{ID: cd, Label: "Country", Name: d, Props: map[string]string{"iso3": d}},
			},
			Relations: []kg.Relation{
				{Type: "MET_WITH", Source: pq, Target: pp, Date: date, Confidence: float64(i%10) / 10, Rule: "met-with",
					Evidence: []kg.Evidence{{Sentence: s1, Start: 0, End: len(s1)}}},
				{Type: "CONDEMNED", Source: cc, Target: cd, Confidence: 0.5 + float64(i%5)/10, Rule: fmt.Sprintf("condemned-%d", i%2),
					Evidence: []kg.Evidence{{Sentence: s2, Start: start2, End: start2 + len(s2)}}},
				{Type: "REPRESENTS", Source: pp, Target: cc, Confidence: 0.7, Rule: "speaks-for",
					Props: map[string]string{"role": fmt.Sprintf("role-%d", i%4)}, Evidence: []kg.Evidence{{Sentence: s3, Start: start3, End: start3 + len(s3)}}},
			},
		})
	}
	return recs
}
