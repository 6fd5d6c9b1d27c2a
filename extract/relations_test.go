package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	kg "github.com/newsgraph/kg"
)

// edge is a relation as the tests write it: "MET_WITH person:a person:b".
func edgeString(r kg.Relation) string { return r.Type + " " + r.Source + " " + r.Target }

// extractText runs the test extractor on one synthetic article.
func extractText(t *testing.T, x *Extractor, title, text, published string) kg.Record {
	t.Helper()
	a := kg.Article{ID: "test", Title: title, Text: text, Published: published}
	rec := x.Extract(a)
	checkEvidence(t, a, rec)
	return rec
}

// coreEdges returns the core edges of a record, as strings.
func coreEdges(rec kg.Record) []string {
	var out []string
	for _, r := range rec.Relations {
		switch r.Type {
		case "MET_WITH", "CONDEMNED", "WITHDREW_FROM":
			out = append(out, edgeString(r))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestRules_Phrasings runs each phrasing the embedded rules support, in
// sentences written for the test, and the negated, hypothetical, future,
// conditional and requested variants that must state no edge.
func TestRules_Phrasings(t *testing.T) {
	x := testExtractor(t)
	const (
		blinken = "person:antony-blinken"
		lavrov  = "person:sergey-lavrov"
		biden   = "person:joe-biden"
		putin   = "person:vladimir-putin"
		zelensk = "person:volodymyr-zelenskyy"
		jaishan = "person:subrahmanyam-jaishankar"
		usa     = "country:USA"
		rus     = "country:RUS"
		ukr     = "country:UKR"
		chn     = "country:CHN"
		can     = "country:CAN"
		start   = "treaty:new-start"
		paris   = "treaty:paris-agreement"
		who     = "organization:world-health-organization"
		nato    = "organization:nato"
	)
	tests := []struct {
		name, text string
		want       []string
	}{
		// MET_WITH
		{"met with", "Foreign Minister Sergey Lavrov met with Secretary of State Antony Blinken in Geneva on Tuesday.", []string{"MET_WITH " + blinken + " " + lavrov}},
		{"coordinated subject", "Blinken and Lavrov met on the sidelines of the conference.", []string{"MET_WITH " + blinken + " " + lavrov}},
		{"two objects", "Vladimir Putin met Volodymyr Zelenskyy and Joe Biden.", []string{"MET_WITH " + biden + " " + putin, "MET_WITH " + putin + " " + zelensk}},
		{"held talks", "Joe Biden held talks with Vladimir Putin.", []string{"MET_WITH " + biden + " " + putin}},
		{"phone call", "Joe Biden spoke by phone with Volodymyr Zelenskyy.", []string{"MET_WITH " + biden + " " + zelensk}},
		{"holds a meeting", "Sergey Lavrov holds a meeting with Subrahmanyam Jaishankar.", []string{"MET_WITH " + lavrov + " " + jaishan}},
		{"passive", "Sergey Lavrov was received by Subrahmanyam Jaishankar.", []string{"MET_WITH " + lavrov + " " + jaishan}},
		{"talks between", "Talks between Russia and Ukraine resumed on Monday.", []string{"MET_WITH " + rus + " " + ukr}},
		{"meeting of the two", "Jaishankar's meeting with Lavrov lasted an hour.", []string{"MET_WITH " + lavrov + " " + jaishan}},
		{"the pair", "Antony Blinken arrived in Geneva to see Sergey Lavrov. The pair met for two hours.", []string{"MET_WITH " + blinken + " " + lavrov}},
		{"title resolved by office", "The US Secretary of State met the Russian Foreign Minister on Thursday.", []string{"MET_WITH " + blinken + " " + lavrov}},
		{"counterpart", "Antony Blinken met his Russian counterpart in Geneva.", []string{"MET_WITH " + blinken + " " + lavrov}},
		{"bilateral summit", "The Russia-China summit opened in Beijing.", []string{"MET_WITH " + chn + " " + rus}},
		{"not met", "Blinken did not meet Lavrov in Geneva.", nil},
		{"unlikely", "Blinken is unlikely to meet Lavrov this year.", nil},
		{"requested", "Blinken had requested to speak with Lavrov.", nil},
		{"future", "Joe Biden will meet Vladimir Putin next week.", nil},
		{"expected", "Biden and Putin are expected to meet in Geneva.", nil},
		{"conditional", "If Biden meets Putin, the talks could resume.", nil},
		{"question", "Will Biden meet Putin?", nil},
		{"met business leaders", "The leaders of Russia, China and India met with business leaders.", nil},

		// CONDEMNED
		{"condemned", "Russia condemned the United States on Friday.", []string{"CONDEMNED " + rus + " " + usa}},
		{"condemned passive", "Ukraine was condemned by Russia.", []string{"CONDEMNED " + rus + " " + ukr}},
		{"condemnation of", "Washington's condemnation of Moscow was swift.", []string{"CONDEMNED " + usa + " " + rus}},
		{"decried an act", "Antony Blinken decried Russia's withdrawal from New START.", []string{"CONDEMNED " + blinken + " " + rus, "WITHDREW_FROM " + rus + " " + start}},
		{"act by", "Canada criticised the attack by Russia.", []string{"CONDEMNED " + can + " " + rus}},
		{"demonym actor, victim not", "Canada condemned Russian aggression against Ukraine.", []string{"CONDEMNED " + can + " " + rus}},
		{"second verb", "Blinken visited Kyiv and condemned Russia's attacks.", []string{"CONDEMNED " + blinken + " " + rus}},
		{"capital as state", "Washington and Beijing condemned Moscow.", []string{"CONDEMNED " + chn + " " + rus, "CONDEMNED " + usa + " " + rus}},
		{"did not condemn", "India did not condemn Russia.", nil},
		{"could condemn", "Canada could condemn Russia.", nil},
		{"neither", "Neither Biden nor Putin condemned the attack.", nil},

		// WITHDREW_FROM
		{"withdrew", "The United States withdrew from the Paris Agreement in 2017.", []string{"WITHDREW_FROM " + usa + " " + paris}},
		{"withdrawal of", "Russia's withdrawal from New START alarmed NATO.", []string{"WITHDREW_FROM " + rus + " " + start}},
		{"pulled out", "Joe Biden pulled out of the Paris Agreement.", []string{"WITHDREW_FROM " + biden + " " + paris}},
		{"initiated the withdrawal", "Joe Biden initiated the withdrawal of the United States from the World Health Organization.", []string{"WITHDREW_FROM " + usa + " " + who, "WITHDREW_FROM " + biden + " " + who}},
		{"suspended participation", "Russia suspended its participation in New START.", []string{"WITHDREW_FROM " + rus + " " + start}},
		{"left", "Canada left NATO.", []string{"WITHDREW_FROM " + can + " " + nato}},
		{"threatened", "Russia threatened to withdraw from New START.", nil},
		{"plans", "The United States plans to withdraw from the Paris Agreement.", nil},
		{"has not", "Canada has not withdrawn from NATO.", nil},
		{"should", "Washington insists that Moscow should withdraw from New START.", nil},

		// Headlines and datelines.
		{"dateline", "MOSCOW, March 3 - Russia condemned the United States.", []string{"CONDEMNED " + rus + " " + usa}},
		{"false friends", "Chad Johnson and Jordan Smith met in Georgia. The roast turkey was good.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := extractText(t, x, "", tt.text, "2023-03-02")
			got := coreEdges(rec)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestRules_Headline checks that a title states edges, with evidence that
// has no offsets in the text.
func TestRules_Headline(t *testing.T) {
	x := testExtractor(t)
	rec := extractText(t, x, "Blinken and Lavrov meet in New Delhi", "The talks lasted ten minutes.", "2023-03-02")
	want := "MET_WITH person:antony-blinken person:sergey-lavrov"
	if got := coreEdges(rec); !slices.Contains(got, want) {
		t.Fatalf("got %v, want %s", got, want)
	}
	ev := rec.Relations[0].Evidence[0]
	if ev.Sentence != "Blinken and Lavrov meet in New Delhi" || ev.Start != 0 || ev.End != 0 {
		t.Errorf("title evidence %+v", ev)
	}
}

// TestRules_QuotedPost checks that "I" in a quoted post is the person of
// the attribution line under it.
func TestRules_QuotedPost(t *testing.T) {
	x := testExtractor(t)
	text := "The two sides spoke for an hour.\nI condemned Russia's attacks on Ukraine today.\n— Secretary Antony Blinken (@SecBlinken) March 2, 2023"
	rec := extractText(t, x, "", text, "2023-03-02")
	want := "CONDEMNED person:antony-blinken country:RUS"
	if got := coreEdges(rec); !slices.Contains(got, want) {
		t.Errorf("got %v, want %s", got, want)
	}
}

// TestRules_Dates checks the dates of edges against the publication date.
func TestRules_Dates(t *testing.T) {
	x := testExtractor(t)
	tests := []struct{ text, want string }{
		{"On Thursday, Blinken met Lavrov.", "2023-03-02"},
		{"On Monday, Blinken met Lavrov.", "2023-02-27"},
		{"Blinken met Lavrov in Geneva in January last year.", "2022-01"},
		{"Blinken met Lavrov in 2018.", "2018"},
		{"Blinken met Lavrov on March 1.", "2023-03-01"},
		{"Blinken met Lavrov on December 13, 2021.", "2021-12-13"},
		{"Blinken met Lavrov last week.", "2023-02"},
		{"Blinken met Lavrov yesterday.", "2023-03-01"},
		{"Blinken met Lavrov.", "2023-03-02"},
		// Dates that bound or qualify something else do not date the act.
		{"On Monday, Blinken met Lavrov to discuss plans for 2024.", "2023-02-27"},
		{"Blinken met Lavrov, who faces an election on March 19.", "2023-03-02"},
		{"Blinken met Lavrov on Tuesday, his second visit this year.", "2023-02-28"},
		{"Blinken met Lavrov under the 2015 nuclear agreement.", "2023-03-02"},
		{"Blinken met Lavrov following the September 11 attacks.", "2023-03-02"},
	}
	for _, tt := range tests {
		rec := extractText(t, x, "", tt.text, "2023-03-02")
		var got []string
		for _, r := range rec.Relations {
			if r.Type == "MET_WITH" {
				got = append(got, r.Date)
			}
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%q: dates %v, want %s", tt.text, got, tt.want)
		}
	}
}

// TestRules_Represents checks the titles that state REPRESENTS and its role.
func TestRules_Represents(t *testing.T) {
	x := testExtractor(t)
	rec := extractText(t, x, "", "US Secretary of State Antony Blinken met Foreign Minister Sergey Lavrov of Russia. Jake Sullivan, the national security adviser, joined them.", "2023-03-02")
	var got []string
	for _, r := range rec.Relations {
		if r.Type == "REPRESENTS" {
			got = append(got, fmt.Sprintf("%s %s %s", r.Source, r.Target, r.Props["role"]))
		}
	}
	slices.Sort(got)
	want := []string{
		"person:antony-blinken country:USA Secretary of State",
		"person:sergey-lavrov country:RUS Foreign Minister",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("no REPRESENTS %s in %v", w, got)
		}
	}
}

// TestRules_Identity checks that names resolve to one entity per person,
// that surnames and titles find the full name, and that two people who
// share a surname stay apart.
func TestRules_Identity(t *testing.T) {
	x := testExtractor(t)
	rec := extractText(t, x, "", "Sergei Lavrov arrived in Geneva. Lavrov met Antony Blinken there. Mr Blinken said little. "+
		"Later, Anna Whitfield met Tom Whitfield, her brother.", "2023-03-02")
	var ids []string
	for _, e := range rec.Entities {
		if e.Label == "Person" {
			ids = append(ids, e.ID)
		}
	}
	want := []string{"person:anna-whitfield", "person:antony-blinken", "person:sergey-lavrov", "person:tom-whitfield"}
	if !slices.Equal(ids, want) {
		t.Errorf("persons %v, want %v", ids, want)
	}
}

// TestRules_FalseFriends checks the country names that are also other
// things.
func TestRules_FalseFriends(t *testing.T) {
	x := testExtractor(t)
	tests := []struct {
		text string
		want []string // country ids
	}{
		{"Chad Johnson met Jordan Smith in Atlanta, Georgia.", nil},
		{"They ate turkey and visited Washington State University.", nil},
		{"George Washington crossed the river.", nil},
		{"Made in china, the cups sold well.", nil},
		{"Troops from Niger and Nigeria met in Guinea-Bissau and Papua New Guinea.", []string{"country:GNB", "country:NER", "country:NGA", "country:PNG"}},
		{"Georgia, Armenia and Turkey signed the deal.", []string{"country:ARM", "country:GEO", "country:TUR"}},
		{"Washington condemned Moscow.", []string{"country:RUS", "country:USA"}},
	}
	for _, tt := range tests {
		rec := extractText(t, x, "", tt.text, "2023-03-02")
		var got []string
		for _, e := range rec.Entities {
			if e.Label == "Country" {
				got = append(got, e.ID)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: countries %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestRules_UserFile loads a user rule file that adds a phrasing and
// disables an embedded rule.
func TestRules_UserFile(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/mine.rules"
	body := strings.Join([]string{
		"# a researcher's own phrasing",
		"@rebuke_verb = took to task",
		"CONDEMNED  mine.took-to-task  0.7  {A} ~ @rebuke_verb {B}",
		"disable met.with",
	}, "\n")
	if err := writeFile(file, body); err != nil {
		t.Fatal(err)
	}
	k := testExtractor(t).kb
	x, err := NewWithOptions(k, Options{Rules: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	rec := extractText(t, x, "", "Canada took to task Russia. Joe Biden met with Vladimir Putin.", "2023-03-02")
	got := coreEdges(rec)
	want := []string{"CONDEMNED country:CAN country:RUS"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for _, r := range rec.Relations {
		if r.Type == "CONDEMNED" && r.Rule != "mine.took-to-task" {
			t.Errorf("rule %q, want mine.took-to-task", r.Rule)
		}
	}
	if x.version == Version {
		t.Errorf("version %q does not show custom rules", x.version)
	}
}

// TestRules_BadFiles checks that mistakes in a rule file are reported with
// the file and line.
func TestRules_BadFiles(t *testing.T) {
	tests := []struct{ body, want string }{
		{"NOT_A_TYPE x 0.5 {A} met {B}", "unknown relation type"},
		{"MET_WITH x 2 {A} met {B}", "confidence"},
		{"MET_WITH x 0.5 {A} @nope {B}", "unknown word class"},
		{"MET_WITH x 0.5 {A} met [with {B}", "unclosed"},
		{"MET_WITH x 0.5 {B} met", "no {A} slot"},
		{"MET_WITH x 0.5 {A} {B}", "no word"},
		{"MET_WITH x 0.5 {A:Planet} met {B}", "unknown label"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		if err := writeFile(dir+"/bad.rules", "\n"+tt.body+"\n"); err != nil {
			t.Fatal(err)
		}
		_, err := NewWithOptions(nil, Options{Rules: []string{dir + "/bad.rules"}})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "bad.rules:2") {
			t.Errorf("%q: error %v, want %q at bad.rules:2", tt.body, err, tt.want)
		}
	}
}

// TestRules_Generalised runs the phrasings added for news English beyond
// the development set: more verbs of criticism and withdrawal, relative
// clauses and appositions between a subject and its verb, possessors,
// meeting nouns with "held", and acts referred to as "the move" or "the
// attack"; with the sentences that must state no edge beside them.
func TestRules_Generalised(t *testing.T) {
	x := testExtractor(t)
	const (
		blinken = "person:antony-blinken"
		lavrov  = "person:sergey-lavrov"
		biden   = "person:joe-biden"
		putin   = "person:vladimir-putin"
		zelensk = "person:volodymyr-zelenskyy"
		usa     = "country:USA"
		rus     = "country:RUS"
		ukr     = "country:UKR"
		can     = "country:CAN"
		irn     = "country:IRN"
		start   = "treaty:new-start"
		paris   = "treaty:paris-agreement"
		nato    = "organization:nato"
		who     = "organization:world-health-organization"
	)
	tests := []struct {
		name, text string
		want       []string
	}{
		// CONDEMNED: verbs and phrasal verbs of criticism.
		{"hit out at", "Sergey Lavrov hit out at Antony Blinken on Monday.", []string{"CONDEMNED " + lavrov + " " + blinken}},
		{"lashed out at", "Russia lashed out at Canada over the vote.", []string{"CONDEMNED " + rus + " " + can}},
		{"railed against", "Canada railed against Russia's blockade.", []string{"CONDEMNED " + can + " " + rus}},
		{"participle", "Canada summoned the ambassador, condemning Russia's attack.", []string{"CONDEMNED " + can + " " + rus}},
		{"voiced criticism", "Canada voiced strong criticism of Russia's decision.", []string{"CONDEMNED " + can + " " + rus}},
		{"joined in condemning", "Canada joined the United States in condemning Russia's attack.", []string{"CONDEMNED " + can + " " + rus, "CONDEMNED " + usa + " " + rus}},
		{"came under fire", "Russia came under fire from Canada over the attack.", []string{"CONDEMNED " + can + " " + rus}},
		{"drew condemnation", "Russia's decision drew condemnation from Canada.", []string{"CONDEMNED " + can + " " + rus}},
		{"apposition subject", "Russia's foreign minister, Sergey Lavrov, denounced the United States.", []string{"CONDEMNED " + lavrov + " " + usa}},
		{"relative clause", "Blinken, who arrived in Geneva on Monday, criticised Russia.", []string{"CONDEMNED " + blinken + " " + rus}},
		{"the move", "Russia withdrew from New START. Canada criticised the move.", []string{"CONDEMNED " + can + " " + rus, "WITHDREW_FROM " + rus + " " + start}},
		{"the decision, passive", "Russia pulled out of New START. The decision was condemned by Canada.", []string{"CONDEMNED " + can + " " + rus, "WITHDREW_FROM " + rus + " " + start}},
		{"the attack", "Iran attacked Israel on Saturday. Canada condemned the attack.", []string{"CONDEMNED " + can + " " + irn}},
		{"the decision of a decider", "Russia announced a ban on Canadian imports. Canada criticised the decision.", []string{"CONDEMNED " + can + " " + rus}},
		{"a government decides for its state", "Russia's government announced a ban on Canadian imports. Canada criticised the decision.", []string{"CONDEMNED " + can + " " + rus}},
		{"after hours of talks", "Joe Biden and Vladimir Putin shook hands after two days of talks in Geneva.", []string{"MET_WITH " + biden + " " + putin}},
		{"a passive decides nothing", "New START was recognised by Russia. Canada criticised the decision.", nil},
		{"reason clause is no object", "Canada criticised NATO for ignoring Russia's proposals.", []string{"CONDEMNED " + can + " " + nato}},
		{"clauses, not a list", "Canada condemned Russia's attack on Ukraine, and Biden called for restraint.", []string{"CONDEMNED " + can + " " + rus}},
		{"victim after a preposition", "The attack on Ukraine was condemned by Canada.", nil},
		{"a victim's place is no target", "Vladimir Putin condemned the terrorist attack in Turkey's capital.", nil},
		{"a backer is no actor", "Canada condemned Iran-backed attacks on shipping.", nil},
		{"a capitalised word is no verb", "The film Russia Left NATO Behind premiered in Geneva.", nil},
		{"accused is no condemnation", "Lavrov accused Washington of ignoring Moscow's proposals.", nil},

		// MET_WITH: meeting nouns, clauses and possessors.
		{"held a conversation", "Biden and Putin held a brief phone conversation.", []string{"MET_WITH " + biden + " " + putin}},
		{"held a call with", "Joe Biden held a lengthy call with Vladimir Putin.", []string{"MET_WITH " + biden + " " + putin}},
		{"spoke by phone", "Biden and Putin spoke by phone on Monday.", []string{"MET_WITH " + biden + " " + putin}},
		{"who held talks", "Blinken, who held talks with Lavrov on Friday, said little.", []string{"MET_WITH " + blinken + " " + lavrov}},
		{"possessor", "Putin met Ukraine's Volodymyr Zelenskyy.", []string{"MET_WITH " + putin + " " + zelensk}},
		{"second verb", "Putin arrived in Geneva on Tuesday, his first visit to Canada, and held talks with Biden.", []string{"MET_WITH " + biden + " " + putin}},
		{"after meeting", "Biden and Zelenskyy signed a pact after meeting in Geneva.", []string{"MET_WITH " + biden + " " + zelensk}},
		{"fronted meeting", "Speaking at a meeting with Zelenskyy, Biden condemned Russia.", []string{"CONDEMNED " + biden + " " + rus, "MET_WITH " + biden + " " + zelensk}},
		{"in talks", "Blinken and Lavrov clashed on Friday in frosty talks.", []string{"MET_WITH " + blinken + " " + lavrov}},
		{"welcomed", "Biden welcomed Zelenskyy to the White House.", []string{"MET_WITH " + biden + " " + zelensk}},
		{"welcomed by", "Volodymyr Zelenskyy was welcomed by Joe Biden in Washington.", []string{"MET_WITH " + biden + " " + zelensk}},
		{"telephoned", "Joe Biden telephoned Vladimir Putin on Monday.", []string{"MET_WITH " + biden + " " + putin}},
		{"object of a verb is no subject", "Antony Blinken visited Ukraine and met Volodymyr Zelenskyy.", []string{"MET_WITH " + blinken + " " + zelensk}},
		{"the two leaders are two", "Vladimir Putin spoke by phone with Joe Biden. He told Biden about his conversation with Volodymyr Zelenskyy. The two leaders also discussed Canada.", []string{"MET_WITH " + biden + " " + putin, "MET_WITH " + putin + " " + zelensk}},
		{"spoke to reporters", "Biden and Putin spoke to reporters.", nil},
		{"they are the parties of the meeting", "Biden met Putin in Geneva. Zelenskyy and Lavrov were not there. They discussed Ukraine.", []string{"MET_WITH " + biden + " " + putin}},

		// WITHDREW_FROM: more verbs, progressive, suspension, causation.
		{"walked away from", "The United States walked away from the Paris Agreement.", []string{"WITHDREW_FROM " + usa + " " + paris}},
		{"progressive", "Washington announced it was pulling out of New START.", []string{"WITHDREW_FROM " + usa + " " + start}},
		{"suspended obligations", "Russia suspended its obligations under New START.", []string{"WITHDREW_FROM " + rus + " " + start}},
		{"scrapped", "Russia scrapped New START in February.", []string{"WITHDREW_FROM " + rus + " " + start}},
		{"notified of its withdrawal", "The United States notified the United Nations of its withdrawal from the Paris Agreement.", []string{"WITHDREW_FROM " + usa + " " + paris}},
		{"treaty named again with modifiers", "Russia signed New START in 2010. Russia said on Monday it was pulling out of the Cold War-era arms control pact.", []string{"WITHDREW_FROM " + rus + " " + start}},
		{"headline future", "United States to withdraw from Paris Agreement", nil},
		{"pending exit", "Protesters opposed the pending exit of Canada from NATO.", nil},
		{"plans on leaving", "Joe Biden said he plans on leaving NATO.", nil},
		{"the leaders of", "Putin met Biden. Talks with the leaders of Canada and Ukraine followed.", []string{"MET_WITH " + biden + " " + putin}},
		{"business leaders are no state", "Vladimir Putin met Canadian business leaders.", nil},
		{"possessor is no subject", "At Joe Biden's request, Vladimir Putin described his meeting with Volodymyr Zelenskyy.", []string{"MET_WITH " + putin + " " + zelensk}},
		{"offices of one government", "Senior officials from the US State Department, NATO and the World Health Organization met with Sergey Lavrov.", nil},
		{"a trip's places are no parties", "Antony Blinken returned from a trip to Israel and Canada. They discussed Ukraine.", nil},
		{"revoked ratification", "Russia revoked its ratification of New START.", []string{"WITHDREW_FROM " + rus + " " + start}},
		{"suspended a treaty", "Russia suspended New START in February.", []string{"WITHDREW_FROM " + rus + " " + start}},
		{"pulled the country out", "Joe Biden spoke about the United States. He pulled the country out of the World Health Organization.", []string{"WITHDREW_FROM " + usa + " " + who, "WITHDREW_FROM " + biden + " " + who}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := extractText(t, x, "", tt.text, "2023-03-02")
			got := coreEdges(rec)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestMentions_Generalised checks the entities and references added for
// news English beyond the development set: regions and "the West",
// ministries named by their state, summits named "Conference" or "Forum",
// "the alliance", and "The President" of a government readout.
func TestMentions_Generalised(t *testing.T) {
	x := testExtractor(t)
	entity := func(rec kg.Record, label, name string) bool {
		return slices.ContainsFunc(rec.Entities, func(e kg.Entity) bool { return e.Label == label && e.Name == name })
	}
	tests := []struct {
		name, text  string
		label, want string // an entity the record must have
		edges       []string
	}{
		{"region", "Antony Blinken toured the Middle East in June.", "Place", "Middle East", nil},
		{"region alias", "The Mideast peace effort stalled.", "Place", "Middle East", nil},
		{"region adjective", "Sergey Lavrov warned European governments.", "Place", "Europe", nil},
		{"longer name is no region", "The European Union condemned Russia.", "Organization", "European Union", []string{"CONDEMNED organization:european-union country:RUS"}},
		{"the West", "Sergey Lavrov condemned the West on Monday.", "Organization", "the West", []string{"CONDEMNED person:sergey-lavrov organization:the-west"}},
		{"ministry by possessor", "Ukraine's foreign ministry criticised Russia.", "Organization", "Ukrainian foreign ministry", []string{"CONDEMNED organization:ukrainian-foreign-ministry country:RUS"}},
		{"ministry by demonym", "The Canadian defence ministry denounced Russia.", "Organization", "Canadian defence ministry", []string{"CONDEMNED organization:canadian-defence-ministry country:RUS"}},
		{"summit named Conference", "Antony Blinken met Sergey Lavrov at the Munich Security Conference.", "Summit", "Munich Security Conference", []string{"MET_WITH person:antony-blinken person:sergey-lavrov"}},
		{"the alliance", "Volodymyr Zelenskyy spoke in Vilnius about NATO. He criticised the alliance on Tuesday.", "Organization", "NATO", []string{"CONDEMNED person:volodymyr-zelenskyy organization:nato"}},
		{"The President of a readout", "President Joe Biden spoke today with President Volodymyr Zelenskyy of Ukraine. The President condemned Russia's attacks.", "Person", "Joe Biden",
			[]string{"CONDEMNED person:joe-biden country:RUS", "MET_WITH person:joe-biden person:volodymyr-zelenskyy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := extractText(t, x, "", tt.text, "2023-03-02")
			if !entity(rec, tt.label, tt.want) {
				var got []string
				for _, e := range rec.Entities {
					got = append(got, e.Label+":"+e.Name)
				}
				t.Errorf("%q: no %s %q among %v", tt.text, tt.label, tt.want, got)
			}
			if got := coreEdges(rec); !slices.Equal(got, tt.edges) {
				t.Errorf("%q\n got %v\nwant %v", tt.text, got, tt.edges)
			}
		})
	}
}
