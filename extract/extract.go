// Package extract turns article text into extraction records: entities and
// the relations between them, each with its evidence sentence.
package extract

import (
	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/kb"
)

// Version names the extractor's rules and code; stores re-extract articles
// loaded with another version.
const Version = "0.0.0-skeleton"

// Extractor extracts records from articles. It is safe for concurrent use.
type Extractor struct {
	kb *kb.KB
}

// New returns an extractor that resolves mentions against k.
func New(k *kb.KB) (*Extractor, error) {
	return &Extractor{kb: k}, nil
}

// Extract returns the record of one article.
func (x *Extractor) Extract(a kg.Article) kg.Record {
	a.Extractor = Version
	if a.Hash == "" {
		a.Hash = kg.ContentHash(a.Title, a.Text)
	}
	a.Text = ""
	return kg.Record{Article: a}
}
