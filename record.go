// Package kg holds the domain of the knowledge-graph builder: articles and the
// extraction records that the extractor produces and the stores load.
//
// The JSON form of Record is the extraction record of ONTOLOGY.md, written one
// per line by `kg extract` and read by `kg load`.
package kg

import (
	"crypto/sha256"
	"encoding/hex"
)

// FormatVersion is the version of the extraction record format. Fields may be
// added freely; renaming or removing one needs a new version.
const FormatVersion = 1

// Article is one source document.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD, or a prefix of it
	Source    string `json:"source,omitempty"`
	Text      string `json:"text,omitempty"`
	// Hash is the hex SHA-256 of Title and Text; a store uses it with the
	// extractor version to skip an article it already holds unchanged.
	Hash string `json:"hash,omitempty"`
	// Extractor names the extractor version that produced the record.
	Extractor string `json:"extractor,omitempty"`
}

// ContentHash returns the hash that identifies an article's content.
func ContentHash(title, text string) string {
	h := sha256.New()
	h.Write([]byte(title))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil))
}

// Entity is a node that an article mentions.
type Entity struct {
	ID      string            `json:"id"` // stable key, e.g. "country:RUS", "person:sergey-lavrov"
	Label   string            `json:"label"`
	Name    string            `json:"name"`
	Aliases []string          `json:"aliases,omitempty"`
	Props   map[string]string `json:"props,omitempty"`
}

// Evidence is the sentence of an article that states a relation. Start and
// End are Unicode code-point offsets into the article's text.
type Evidence struct {
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Relation is an edge between two entities of the same record.
type Relation struct {
	Type       string            `json:"type"`
	Source     string            `json:"source"`
	Target     string            `json:"target"`
	Date       string            `json:"date,omitempty"` // YYYY, YYYY-MM or YYYY-MM-DD
	Confidence float64           `json:"confidence"`
	Rule       string            `json:"rule,omitempty"`
	Props      map[string]string `json:"props,omitempty"` // e.g. "role" on REPRESENTS
	Evidence   []Evidence        `json:"evidence"`
}

// Record is everything extracted from one article.
type Record struct {
	Article   Article    `json:"article"`
	Entities  []Entity   `json:"entities"`
	Relations []Relation `json:"relations"`
}
