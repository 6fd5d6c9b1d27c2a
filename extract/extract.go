// Package extract turns article text into extraction records: entities and
// the relations between them, each with its evidence sentence.
//
// The extractor is a pipeline of stages, each in its own file:
//
//	sentences.go  text → sentences and tokens, with code-point offsets
//	mentions.go   tokens → mentions: the knowledge base's names (gazetteer.go),
//	              titles, capitalised names, pronouns and group nouns
//	resolve.go    mentions → entities, within the article (people.go for
//	              persons: surnames, titles, counterparts) and with stable
//	              ids across articles
//	relations.go  the pattern engine: the rules of the rule files → matches
//	filters.go    negation, modality and boilerplate
//	dates.go      event dates, resolved against the publication date
//	record.go     the record: entities, relations, evidence, confidence
//
// Word classes and relation patterns are data (rules.go reads them,
// lexicon.go compiles the classes the stages use): the rule files of
// rules/, embedded in the binary, which users extend with their own files
// (see rules/README.md and Options.Rules).
//
// Evidence from the article's title, which has no place in the text, has
// Start and End 0; all other evidence satisfies text[Start:End] == Sentence
// in code points.
package extract

import (
	"fmt"
	"strings"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/kb"
)

// Version names the extractor's rules and code; stores re-extract articles
// loaded with another version.
const Version = "0.1.0"

// Options configure an extractor.
type Options struct {
	// Rules lists rule files or directories of *.rules files, read after
	// the embedded ones: they add word classes and patterns, extend a
	// class with "@name += ...", and replace or disable a rule by its id.
	Rules []string
	// NoEmbeddedRules starts from no rules at all instead of kg's own.
	NoEmbeddedRules bool
}

// Extractor extracts records from articles. It is safe for concurrent use.
type Extractor struct {
	kb       *kb.KB
	names    *gazetteer // the knowledge base's names
	roles    *gazetteer // the titles of its roles
	lex      *lexicon
	rules    []*rule
	anchored map[string][]int // match key → rules anchored on it
	version  string

	peopleByWord map[string][]int  // a word of a person's name → people
	personByName map[string]int    // folded canonical name → person
	roleByName   map[string]int    // folded canonical name → role
	personNames  [][][]string      // per person: the match keys of each of its names
	cities       map[string]bool   // folded names of the knowledge base's places
	vocab        map[string]uint64 // match key → vocabulary flags of a token
	required     map[string]bool   // first words of the rules' required words
	orgByName    map[string]int    // folded names and aliases of organisations → index
}

// New returns an extractor that resolves mentions against k, with kg's
// embedded rules.
func New(k *kb.KB) (*Extractor, error) { return NewWithOptions(k, Options{}) }

// NewWithOptions returns an extractor that resolves mentions against k,
// with the rules that opts select.
func NewWithOptions(k *kb.KB, opts Options) (*Extractor, error) {
	if k == nil {
		k = &kb.KB{}
	}
	rs := newRuleSet()
	if !opts.NoEmbeddedRules {
		if err := rs.loadEmbedded(); err != nil {
			return nil, fmt.Errorf("new extractor: %w", err)
		}
	}
	for _, p := range opts.Rules {
		if err := rs.loadPath(p); err != nil {
			return nil, fmt.Errorf("new extractor: %w", err)
		}
	}
	rules, err := compileRules(rs)
	if err != nil {
		return nil, fmt.Errorf("new extractor: %w", err)
	}
	x := &Extractor{kb: k, lex: newLexicon(rs), rules: rules, version: Version}
	if len(opts.Rules) > 0 || opts.NoEmbeddedRules {
		x.version = Version + "+custom"
	}
	x.names, x.roles = buildGazetteers(k)
	for _, t := range rs.classes["@title"] {
		x.roles.add(strings.Join(t, " "), ref{"Role", -1}, kindRole)
	}
	x.roles.finish()
	x.anchored = make(map[string][]int)
	x.required = make(map[string]bool)
	for i, r := range rules {
		for _, a := range r.anchors {
			x.anchored[a] = append(x.anchored[a], i)
		}
		for _, firsts := range r.required {
			for _, w := range firsts {
				x.required[w] = true
			}
		}
	}
	x.indexPeople()
	x.buildVocab()
	x.orgByName = make(map[string]int)
	for i, o := range k.Organizations {
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			if _, ok := x.orgByName[fold(n)]; !ok {
				x.orgByName[fold(n)] = i
			}
		}
	}
	x.cities = make(map[string]bool)
	for _, p := range k.Places {
		x.cities[fold(p.Name)] = true
		for _, a := range p.Aliases {
			x.cities[fold(a)] = true
		}
	}
	return x, nil
}

// Extract returns the record of one article.
func (x *Extractor) Extract(a kg.Article) kg.Record {
	d := x.newDoc(a)
	d.resolve()
	rels := d.relations()
	rec := d.record(rels)
	a.Extractor = x.version
	if a.Hash == "" {
		a.Hash = kg.ContentHash(a.Title, a.Text)
	}
	a.Text = ""
	rec.Article = a
	return rec
}

// newDoc runs the first stages: sentences, boilerplate and mentions.
func (x *Extractor) newDoc(a kg.Article) *doc {
	d := &doc{x: x, art: a, published: a.Published, pub: parsePublished(a.Published), byID: make(map[string]int), author: -1, summit: -1, treaty: -1}
	if a.Title != "" {
		d.sents = append(d.sents, splitSentences(a.Title, true)...)
	}
	d.sents = append(d.sents, splitSentences(a.Text, false)...)
	d.boiler = make([]bool, len(d.sents))
	d.ments = make([][]mention, len(d.sents))
	d.dates = make([][]dateExpr, len(d.sents))
	for i := range d.sents {
		x.annotate(d.sents[i].tokens)
		d.dates[i] = datesIn(d.sents[i].tokens, d.pub)
		if d.boiler[i] = x.boilerplate(&d.sents[i]); d.boiler[i] {
			continue
		}
		var cands []candidate
		d.ments[i], cands = x.findMentions(&d.sents[i])
		for _, c := range cands {
			c.sent = i
			d.maybe = append(d.maybe, c)
		}
	}
	return d
}
