// Package graph stores extraction records as a property graph. Every store
// implements Store and passes the conformance suite in graph/storetest, so
// the embedded default and Neo4j give the same graph for the same records.
//
// The graph model, the same in every store:
//   - one node per entity, labelled from the schema package, with the
//     properties id (the record's stable key, which starts with the label
//     in lower case: see EntityLabel), uuid (name-based from id), name
//     (the one that the article of the greatest id gives), aliases (the
//     union of its articles') and the entity's props (merged key by key,
//     the article of the greatest id winning a conflict);
//   - one Article node per article (id, uuid, title, url, published, source,
//     hash, extractor) with a MENTIONS edge to each entity it mentions;
//   - one relation edge per (type, source, target, date), symmetric types
//     stored from the smaller id to the larger, with the properties date
//     ("" when the text gives none), articles (the ids of the supporting
//     articles, a set), evidence, evidence_articles, evidence_starts and
//     evidence_ends (parallel lists: each sentence, its article and its
//     code-point offsets), confidence (the highest of its support), rules
//     (the ids of the rules that produced it) and the relation's props
//     (such as role, merged as an entity's are).
//
// Props may not take the names of the model's properties nor of the
// bookkeeping below (ReservedProp); Flatten refuses such a record.
//
// Beside the model, each store keeps per-article bookkeeping, so that
// forgetting or re-extracting an article can recompute names, aliases,
// props, confidence and rules from the articles that remain, and Lookup can
// match folded names:
//   - Neo4j, on the graph itself: a relation edge's support_confidence and
//     support_props (JSON), parallel to articles, and support_rules with
//     support_rule_articles; a MENTIONS edge's name, aliases, props (JSON)
//     and name_keys (the NameKey of its name and aliases); an entity node's
//     name_keys (their union, in a full-text index) and name_article (the
//     article whose name it carries).
//   - SQLite, in tables: support (edge, article, confidence, rules, props),
//     evidence, mentions (article, node, name, aliases, props) and names
//     (NameKey, node, article).
//
// The bookkeeping is not part of a Snapshot, which holds the model only, nor
// of the Reader's answers. A graph written without it (by hand, or from an
// export) is read the same, but loads into it cannot recompute what they
// do not find.
//
// Loading is idempotent and incremental: an article already held with the
// same content hash and extractor version is skipped; one held with another
// hash or version has its old contribution removed first, so edges and
// entities that only it supported disappear.
package graph

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sort"
	"strings"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/schema"
)

// ErrUnavailable wraps errors that mean the store cannot be reached; a rerun
// once it is back completes the load.
var ErrUnavailable = errors.New("store unavailable")

// Store is a graph store.
type Store interface {
	// Init creates the schema's constraints and indexes; it is idempotent.
	Init(ctx context.Context) error
	// Load upserts the records of a batch. It is idempotent: records of
	// articles already held unchanged are counted as skipped.
	Load(ctx context.Context, recs []kg.Record) (LoadResult, error)
	// Forget removes the articles with the given ids and everything that only
	// they supported. It returns how many articles it removed.
	Forget(ctx context.Context, ids []string) (int, error)
	// Stats counts the nodes by label and the relationships by type.
	Stats(ctx context.Context) (Stats, error)
	// Snapshot returns the whole graph in a canonical order.
	Snapshot(ctx context.Context) (*Graph, error)
	// Close releases the store.
	Close() error
}

// LoadResult says what a Load did.
type LoadResult struct {
	Loaded   int // articles new to the store
	Replaced int // articles held before with another hash or extractor version
	Skipped  int // articles held before unchanged
}

// Add adds the counts of r to l.
func (l *LoadResult) Add(r LoadResult) {
	l.Loaded += r.Loaded
	l.Replaced += r.Replaced
	l.Skipped += r.Skipped
}

// Stats counts a graph's nodes by label and relationships by type.
type Stats struct {
	Nodes         map[string]int64 `json:"nodes"`
	Relationships map[string]int64 `json:"relationships"`
}

// Node is a node of a Snapshot.
type Node struct {
	ID      string            `json:"id"`
	Label   string            `json:"label"`
	Name    string            `json:"name"`
	Aliases []string          `json:"aliases,omitempty"`
	Props   map[string]string `json:"props,omitempty"`
}

// Evidence is one sentence that supports an edge.
type Evidence struct {
	Article  string `json:"article"`
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Edge is a relationship of a Snapshot. MENTIONS edges have only Type,
// Source and Target.
type Edge struct {
	Type       string            `json:"type"`
	Source     string            `json:"source"`
	Target     string            `json:"target"`
	Date       string            `json:"date,omitempty"`
	Articles   []string          `json:"articles,omitempty"`
	Evidence   []Evidence        `json:"evidence,omitempty"`
	Confidence float64           `json:"confidence,omitempty"`
	Rules      []string          `json:"rules,omitempty"`
	Props      map[string]string `json:"props,omitempty"`
}

// Graph is a whole graph, nodes sorted by label and id, edges by type,
// source, target and date; the lists inside a node or an edge are sorted
// too (evidence by article, offsets and sentence).
type Graph struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Sort puts g in canonical order; empty lists and maps become nil.
func (g *Graph) Sort() {
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if len(n.Props) == 0 {
			n.Props = nil
		}
		if len(n.Aliases) == 0 {
			n.Aliases = nil
		}
		sort.Strings(n.Aliases)
	}
	sort.Slice(g.Nodes, func(i, j int) bool {
		a, b := g.Nodes[i], g.Nodes[j]
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.ID < b.ID
	})
	for i := range g.Edges {
		e := &g.Edges[i]
		if len(e.Props) == 0 {
			e.Props = nil
		}
		sort.Strings(e.Articles)
		sort.Strings(e.Rules)
		slices.SortFunc(e.Evidence, func(a, b Evidence) int {
			return cmp.Or(strings.Compare(a.Article, b.Article), cmp.Compare(a.Start, b.Start),
				cmp.Compare(a.End, b.End), strings.Compare(a.Sentence, b.Sentence))
		})
	}
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Date < b.Date
	})
}

// ArticleNode returns the Snapshot node of an article: its title as name and
// its other metadata, where set, as props.
func ArticleNode(a kg.Article) Node {
	props := map[string]string{}
	for k, v := range map[string]string{"url": a.URL, "published": a.Published, "source": a.Source, "hash": a.Hash, "extractor": a.Extractor} {
		if v != "" {
			props[k] = v
		}
	}
	return Node{ID: a.ID, Label: schema.Article, Name: a.Title, Props: props}
}
