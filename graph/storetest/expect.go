package storetest

import (
	"github.com/newsgraph/kg/graph"
)

// Expected graphs, written out by hand from the records in records.go. A
// store's Snapshot must equal them after graph.Graph.Sort and after empty
// lists and maps are taken as absent.

func article(id, title, url, published, source, hash, extractor string) graph.Node {
	return graph.Node{ID: id, Label: "Article", Name: title, Props: map[string]string{
		"url": url, "published": published, "source": source, "hash": hash, "extractor": extractor}}
}

func entity(label, id, name string, aliases []string, props map[string]string) graph.Node {
	return graph.Node{ID: id, Label: label, Name: name, Aliases: aliases, Props: props}
}

func mentions(art string, ids ...string) []graph.Edge {
	var es []graph.Edge
	for _, id := range ids {
		es = append(es, graph.Edge{Type: "MENTIONS", Source: art, Target: id})
	}
	return es
}

func ev(art, sentence string, start, end int) graph.Evidence {
	return graph.Evidence{Article: art, Sentence: sentence, Start: start, End: end}
}

func role(r string) map[string]string { return map[string]string{"role": r} }

func iso3(c string) map[string]string { return map[string]string{"iso3": c} }

func strs(s ...string) []string { return s }

const (
	hashA1   = "8952b1ef81675d0dd76f796aea52209e3b501881243303ae61c0d45f5049a108"
	hashB2   = "25e12df113cc226c25d20035521f660c5beb32f72a49c82314079b34dfc6b68e"
	hashC3   = "8a9a2e0d7c8a21b28be40a259a505157bd62ec9d28f959d542679e5f20e853e4"
	hashC3v2 = "49c1d54cafe5937c36b140db9ac66d3f7f7b04af4882cbe4fc58d924e514fb08"
)

var (
	nodeA1 = article(a1, "Blinken and Lavrov meet briefly at G20 in New Delhi",
		"https://news.example/2023/03/02/blinken-lavrov", "2023-03-02", "news.example", hashA1, "rules/1")
	nodeB2 = article(b2, "Russia suspends New START; Washington responds",
		"https://wire.example/b2", "2023-03-03", "wire.example", hashB2, "rules/1")
	nodeB2v2 = article(b2, "Russia suspends New START; Washington responds",
		"https://wire.example/b2", "2023-03-03", "wire.example", hashB2, "rules/2")
	nodeC3 = article(c3, "Erdoğan ve Putin Soçi'de görüştü",
		"https://haber.example/c3?q=erdoğan&lang=tr", "2023-09-04", "haber.example", hashC3, "rules/1")
	nodeC3v2 = article(c3, "Erdoğan ve Putin Soçi'de görüştü",
		"https://haber.example/c3?q=erdoğan&lang=tr", "2023-09-04", "haber.example", hashC3v2, "rules/1")
)

// wantABC is the graph of a1, b2 and c3.
func wantABC() *graph.Graph {
	g := &graph.Graph{
		Nodes: []graph.Node{
			nodeA1, nodeB2, nodeC3,
			entity("Person", blinken, "Antony Blinken", strs("Blinken"), nil),
			entity("Person", lavrov, "Sergey Lavrov", strs("Lavrov"), nil),
			entity("Person", erdogan, "Recep Tayyip Erdoğan", strs("Erdoğan", "Эрдоган"), nil),
			entity("Person", putin, "Vladimir Putin", strs("Путин"), nil),
			entity("Country", usa, "United States", strs("US", "Washington", "the United States"), iso3("USA")),
			entity("Country", rus, "Russia", strs("Moscow", "Russian", "Rusya", "the Kremlin"), iso3("RUS")),
			entity("Country", ind, "India", nil, iso3("IND")),
			entity("Country", tur, "Türkiye", nil, iso3("TUR")),
			entity("Organization", stateDep, "US State Department", strs("State Department"), nil),
			entity("Treaty", newStart, "New START", nil, nil),
			entity("Summit", g20, "G20 summit (New Delhi, 2023)", strs("G20 meeting"), nil),
			entity("Place", delhi, "New Delhi", nil, map[string]string{"country": "IND"}),
			entity("Place", sochi, "Sochi", strs("Soçi", "Сочи"), map[string]string{"country": "RUS"}),
		},
		Edges: []graph.Edge{
			{Type: "MET_WITH", Source: blinken, Target: lavrov, Date: "2023-03-02", Articles: strs(a1, b2),
				Evidence:   []graph.Evidence{ev(a1, a1s1, 0, 141), ev(a1, a1s2, 142, 214), ev(b2, b2s5, 241, 302)},
				Confidence: 0.9, Rules: strs("held-talks", "met-with")},
			{Type: "MET_WITH", Source: erdogan, Target: putin, Date: "2023-09-04", Articles: strs(c3),
				Evidence:   []graph.Evidence{ev(c3, c3s1, 0, 71), ev(c3, c3s3, 78, 118)},
				Confidence: 0.9, Rules: strs("görüştü", "принял")},
			{Type: "REPRESENTS", Source: blinken, Target: usa, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s1, 0, 141)}, Confidence: 0.7, Rules: strs("appositive-role"),
				Props: role("Secretary of State")},
			// Both articles give a role; the one of the greatest article id wins.
			{Type: "REPRESENTS", Source: lavrov, Target: rus, Articles: strs(a1, b2),
				Evidence:   []graph.Evidence{ev(a1, a1s1, 0, 141), ev(b2, b2s5, 241, 302)},
				Confidence: 0.7, Rules: strs("appositive-role", "speaker-role"), Props: role("Russian foreign minister")},
			{Type: "REPRESENTS", Source: erdogan, Target: tur, Articles: strs(c3),
				Evidence: []graph.Evidence{ev(c3, c3s1, 0, 71)}, Confidence: 0.7, Rules: strs("appositive-role"),
				Props: role("Cumhurbaşkanı")},
			{Type: "CONDEMNED", Source: usa, Target: rus, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s3, 215, 307)}, Confidence: 0.8, Rules: strs("condemned")},
			{Type: "CONDEMNED", Source: usa, Target: rus, Date: "2023-02-28", Articles: strs(b2),
				Evidence: []graph.Evidence{ev(b2, b2s3, 136, 177)}, Confidence: 0.8, Rules: strs("condemned")},
			{Type: "WITHDREW_FROM", Source: rus, Target: newStart, Date: "2023-02", Articles: strs(a1, b2),
				Evidence:   []graph.Evidence{ev(a1, a1s4, 308, 351), ev(b2, b2s1, 0, 73)},
				Confidence: 0.95, Rules: strs("suspended-participation", "withdrew-from")},
			{Type: "ATTENDED", Source: lavrov, Target: g20, Date: "2023-03-02", Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s1, 0, 141)}, Confidence: 0.6, Rules: strs("attended")},
			{Type: "HELD_IN", Source: g20, Target: delhi, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s5, 352, 416)}, Confidence: 0.6, Rules: strs("held-in")},
			{Type: "LOCATED_IN", Source: delhi, Target: ind, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s5, 352, 416)}, Confidence: 0.9, Rules: strs("capital-of")},
			{Type: "LOCATED_IN", Source: sochi, Target: rus, Articles: strs(c3), Confidence: 0.9, Rules: strs("gazetteer")},
			{Type: "URGED", Source: stateDep, Target: rus, Articles: strs(b2),
				Evidence: []graph.Evidence{ev(b2, b2s2, 74, 135)}, Confidence: 0.6, Rules: strs("urged")},
			{Type: "VISITED", Source: erdogan, Target: sochi, Date: "2023-09-04", Articles: strs(c3),
				Evidence: []graph.Evidence{ev(c3, c3s1, 0, 71)}, Confidence: 0.7, Rules: strs("visited")},
		},
	}
	g.Edges = append(g.Edges, mentions(a1, blinken, lavrov, usa, rus, newStart, g20, delhi, ind)...)
	g.Edges = append(g.Edges, mentions(b2, rus, usa, newStart, lavrov, blinken, stateDep)...)
	g.Edges = append(g.Edges, mentions(c3, erdogan, putin, tur, rus, sochi)...)
	return g
}

var statsABC = graph.Stats{
	Nodes: map[string]int64{"Article": 3, "Person": 4, "Country": 4, "Organization": 1, "Treaty": 1, "Summit": 1, "Place": 2},
	Relationships: map[string]int64{"MENTIONS": 19, "MET_WITH": 2, "REPRESENTS": 3, "CONDEMNED": 2, "WITHDREW_FROM": 1,
		"ATTENDED": 1, "HELD_IN": 1, "LOCATED_IN": 2, "URGED": 1, "VISITED": 1},
}

// wantAC is the graph of a1 and c3: also what a1, b2 and c3 leave once b2
// is forgotten.
func wantAC() *graph.Graph {
	g := &graph.Graph{
		Nodes: []graph.Node{
			nodeA1, nodeC3,
			entity("Person", blinken, "Antony Blinken", strs("Blinken"), nil),
			entity("Person", lavrov, "Sergey Lavrov", strs("Lavrov"), nil),
			entity("Person", erdogan, "Recep Tayyip Erdoğan", strs("Erdoğan", "Эрдоган"), nil),
			entity("Person", putin, "Vladimir Putin", strs("Путин"), nil),
			entity("Country", usa, "United States", strs("US", "Washington"), iso3("USA")),
			entity("Country", rus, "Russia", strs("Moscow", "Russian", "Rusya"), iso3("RUS")),
			entity("Country", ind, "India", nil, iso3("IND")),
			entity("Country", tur, "Türkiye", nil, iso3("TUR")),
			entity("Treaty", newStart, "New START", nil, nil),
			entity("Summit", g20, "G20 summit (New Delhi, 2023)", strs("G20 meeting"), nil),
			entity("Place", delhi, "New Delhi", nil, map[string]string{"country": "IND"}),
			entity("Place", sochi, "Sochi", strs("Soçi", "Сочи"), map[string]string{"country": "RUS"}),
		},
		Edges: []graph.Edge{
			{Type: "MET_WITH", Source: blinken, Target: lavrov, Date: "2023-03-02", Articles: strs(a1),
				Evidence:   []graph.Evidence{ev(a1, a1s1, 0, 141), ev(a1, a1s2, 142, 214)},
				Confidence: 0.9, Rules: strs("held-talks", "met-with")},
			{Type: "MET_WITH", Source: erdogan, Target: putin, Date: "2023-09-04", Articles: strs(c3),
				Evidence:   []graph.Evidence{ev(c3, c3s1, 0, 71), ev(c3, c3s3, 78, 118)},
				Confidence: 0.9, Rules: strs("görüştü", "принял")},
			{Type: "REPRESENTS", Source: blinken, Target: usa, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s1, 0, 141)}, Confidence: 0.7, Rules: strs("appositive-role"),
				Props: role("Secretary of State")},
			{Type: "REPRESENTS", Source: lavrov, Target: rus, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s1, 0, 141)}, Confidence: 0.7, Rules: strs("appositive-role"),
				Props: role("Foreign Minister")},
			{Type: "REPRESENTS", Source: erdogan, Target: tur, Articles: strs(c3),
				Evidence: []graph.Evidence{ev(c3, c3s1, 0, 71)}, Confidence: 0.7, Rules: strs("appositive-role"),
				Props: role("Cumhurbaşkanı")},
			{Type: "CONDEMNED", Source: usa, Target: rus, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s3, 215, 307)}, Confidence: 0.8, Rules: strs("condemned")},
			{Type: "WITHDREW_FROM", Source: rus, Target: newStart, Date: "2023-02", Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s4, 308, 351)}, Confidence: 0.85, Rules: strs("withdrew-from")},
			{Type: "ATTENDED", Source: lavrov, Target: g20, Date: "2023-03-02", Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s1, 0, 141)}, Confidence: 0.6, Rules: strs("attended")},
			{Type: "HELD_IN", Source: g20, Target: delhi, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s5, 352, 416)}, Confidence: 0.6, Rules: strs("held-in")},
			{Type: "LOCATED_IN", Source: delhi, Target: ind, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s5, 352, 416)}, Confidence: 0.9, Rules: strs("capital-of")},
			{Type: "LOCATED_IN", Source: sochi, Target: rus, Articles: strs(c3), Confidence: 0.9, Rules: strs("gazetteer")},
			{Type: "VISITED", Source: erdogan, Target: sochi, Date: "2023-09-04", Articles: strs(c3),
				Evidence: []graph.Evidence{ev(c3, c3s1, 0, 71)}, Confidence: 0.7, Rules: strs("visited")},
		},
	}
	g.Edges = append(g.Edges, mentions(a1, blinken, lavrov, usa, rus, newStart, g20, delhi, ind)...)
	g.Edges = append(g.Edges, mentions(c3, erdogan, putin, tur, rus, sochi)...)
	return g
}

var statsAC = graph.Stats{
	Nodes: map[string]int64{"Article": 2, "Person": 4, "Country": 4, "Treaty": 1, "Summit": 1, "Place": 2},
	Relationships: map[string]int64{"MENTIONS": 13, "MET_WITH": 2, "REPRESENTS": 3, "CONDEMNED": 1, "WITHDREW_FROM": 1,
		"ATTENDED": 1, "HELD_IN": 1, "LOCATED_IN": 2, "VISITED": 1},
}

// wantReextracted is the graph of a1, b2 and c3 after b2 is loaded again as
// b2v2 (another extractor version) and c3 as c3v2 (another content hash).
func wantReextracted() *graph.Graph {
	g := &graph.Graph{
		Nodes: []graph.Node{
			nodeA1, nodeB2v2, nodeC3v2,
			entity("Person", blinken, "Antony Blinken", strs("Blinken"), nil),
			entity("Person", lavrov, "Sergey Lavrov", strs("Lavrov"), nil),
			entity("Person", erdogan, "Recep Tayyip Erdoğan", strs("Erdoğan", "Эрдоган"), nil),
			entity("Person", putin, "Vladimir Putin", strs("Путин"), nil),
			entity("Country", usa, "United States", strs("The United States", "US", "Washington"), iso3("USA")),
			entity("Country", rus, "Russia", strs("Moscow", "Russian"), iso3("RUS")),
			entity("Country", ind, "India", nil, iso3("IND")),
			entity("Country", tur, "Türkiye", nil, iso3("TUR")),
			entity("Treaty", newStart, "New START", nil, nil),
			entity("Summit", g20, "G20 summit (New Delhi, 2023)", strs("G20 meeting"), nil),
			entity("Place", delhi, "New Delhi", nil, map[string]string{"country": "IND"}),
		},
		Edges: []graph.Edge{
			{Type: "MET_WITH", Source: blinken, Target: lavrov, Date: "2023-03-02", Articles: strs(a1),
				Evidence:   []graph.Evidence{ev(a1, a1s1, 0, 141), ev(a1, a1s2, 142, 214)},
				Confidence: 0.9, Rules: strs("held-talks", "met-with")},
			{Type: "MET_WITH", Source: erdogan, Target: putin, Date: "2023-09-04", Articles: strs(c3),
				Evidence:   []graph.Evidence{ev(c3, c3bs1, 0, 63), ev(c3, c3s3, 70, 110)},
				Confidence: 0.9, Rules: strs("görüştü", "принял")},
			{Type: "REPRESENTS", Source: blinken, Target: usa, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s1, 0, 141)}, Confidence: 0.7, Rules: strs("appositive-role"),
				Props: role("Secretary of State")},
			{Type: "REPRESENTS", Source: lavrov, Target: rus, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s1, 0, 141)}, Confidence: 0.7, Rules: strs("appositive-role"),
				Props: role("Foreign Minister")},
			{Type: "REPRESENTS", Source: erdogan, Target: tur, Articles: strs(c3),
				Evidence: []graph.Evidence{ev(c3, c3bs1, 0, 63)}, Confidence: 0.7, Rules: strs("appositive-role"),
				Props: role("Cumhurbaşkanı")},
			{Type: "CONDEMNED", Source: usa, Target: rus, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s3, 215, 307)}, Confidence: 0.8, Rules: strs("condemned")},
			{Type: "CONDEMNED", Source: usa, Target: rus, Date: "2023-02-28", Articles: strs(b2),
				Evidence: []graph.Evidence{ev(b2, b2s3, 136, 177)}, Confidence: 0.8, Rules: strs("condemned")},
			{Type: "SANCTIONED", Source: usa, Target: rus, Date: "2023-02-24", Articles: strs(b2),
				Evidence: []graph.Evidence{ev(b2, b2s4, 178, 240)}, Confidence: 0.75, Rules: strs("sanctioned")},
			{Type: "WITHDREW_FROM", Source: rus, Target: newStart, Date: "2023-02", Articles: strs(a1, b2),
				Evidence:   []graph.Evidence{ev(a1, a1s4, 308, 351), ev(b2, b2s1, 0, 73)},
				Confidence: 0.85, Rules: strs("suspended-participation", "withdrew-from")},
			{Type: "ATTENDED", Source: lavrov, Target: g20, Date: "2023-03-02", Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s1, 0, 141)}, Confidence: 0.6, Rules: strs("attended")},
			{Type: "HELD_IN", Source: g20, Target: delhi, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s5, 352, 416)}, Confidence: 0.6, Rules: strs("held-in")},
			{Type: "LOCATED_IN", Source: delhi, Target: ind, Articles: strs(a1),
				Evidence: []graph.Evidence{ev(a1, a1s5, 352, 416)}, Confidence: 0.9, Rules: strs("capital-of")},
		},
	}
	g.Edges = append(g.Edges, mentions(a1, blinken, lavrov, usa, rus, newStart, g20, delhi, ind)...)
	g.Edges = append(g.Edges, mentions(b2, rus, usa, newStart)...)
	g.Edges = append(g.Edges, mentions(c3, erdogan, putin, tur)...)
	return g
}

var statsReextracted = graph.Stats{
	Nodes: map[string]int64{"Article": 3, "Person": 4, "Country": 4, "Treaty": 1, "Summit": 1, "Place": 1},
	Relationships: map[string]int64{"MENTIONS": 14, "MET_WITH": 2, "REPRESENTS": 3, "CONDEMNED": 2, "SANCTIONED": 1,
		"WITHDREW_FROM": 1, "ATTENDED": 1, "HELD_IN": 1, "LOCATED_IN": 1},
}

// wantX is the graph of recX alone.
func wantX() *graph.Graph {
	g := &graph.Graph{
		Nodes: []graph.Node{
			article(xID, xTitle, xURL, "2024-01-01", xSource, "'; MATCH (n) DETACH DELETE n //", xExtract),
			entity("Person", xPerson, "Conan O'Brien`}) DETACH DELETE n //", strs(`"quoted"`, "O'Brien", "`n`"),
				map[string]string{"note": "'; CALL db.clearQueryCaches() //"}),
			entity("Organization", xOrg, "MATCH (n) DETACH DELETE n", strs("$param"), nil),
		},
		Edges: []graph.Edge{
			{Type: "MET_WITH", Source: xOrg, Target: xPerson, Date: "2024-01-01", Articles: strs(xID),
				Evidence: []graph.Evidence{ev(xID, xText, 0, 88)}, Confidence: 0.5, Rules: strs(xRule)},
			{Type: "REPRESENTS", Source: xPerson, Target: xOrg, Articles: strs(xID),
				Evidence: []graph.Evidence{ev(xID, xText, 0, 88)}, Confidence: 0.5, Rules: strs(xRule), Props: role(xRole)},
		},
	}
	g.Edges = append(g.Edges, mentions(xID, xPerson, xOrg)...)
	return g
}
