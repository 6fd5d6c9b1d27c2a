// Package neo4j stores kg's graph in Neo4j 5 (bolt://, neo4j://, neo4j+s://
// and the other schemes of the official driver).
//
// Writes are batched UNWIND ... MERGE statements in managed write
// transactions, which the driver retries on transient errors. Labels and
// relationship types come only from package schema; every value is a
// parameter.
//
// Each chunk of articles is written in one transaction: the removal of the
// old contributions of articles held in another version, then entity nodes,
// Article nodes, MENTIONS and relation edges. A chunk is thus all or
// nothing: a server that dies mid-load leaves whole articles or none, and
// an Article node (with its hash and extractor) exists only if its whole
// contribution does, so a rerun skips exactly what is complete. The driver
// retries a transaction that fails for a transient reason; one whose
// connection is lost during its commit kg runs again itself, which is safe
// because every transaction of kg gives the same graph run once or twice.
// Within a chunk, all that its articles say of one entity or support of
// one edge is one row, so that a hub (a country that every article
// mentions, an edge that thousands of articles state) is written once per
// chunk, not once per article.
//
// Besides the properties of graph.go's model, a relation edge keeps its
// support per article: support_confidence and support_props (JSON) are
// parallel to articles, support_rules to support_rule_articles. They let
// forgetting or re-extracting an article recompute confidence, rules and
// props from the articles that remain, the way the embedded store does.
// Likewise a MENTIONS edge keeps what its article said of the entity
// (name, aliases, props as JSON, and name_keys, the graph.NameKey of its
// name and aliases), and an entity node holds their union as aliases and
// name_keys (for Lookup, through a full-text index), its props merged, the
// greatest article id winning a conflict, and the name that the greatest
// article id gives, with that id as name_article.
package neo4j

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/url"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

// DefaultBatchSize is the number of rows that one transaction of Load
// writes unless Config says otherwise: a row per article and per mention,
// and one per entity and per relation edge however many of the chunk's
// articles mention or support it. At this size a Load call of kg load's
// 1000 news articles (about 15,000 rows) is one transaction: each
// transaction rewrites the list properties of the hub edges that its
// articles support, so fewer, larger transactions load a corpus faster
// (see the load benchmark).
const DefaultBatchSize = 20000

// rowsPerArticle is about the number of rows that a news article writes:
// Forget removes BatchSize/rowsPerArticle articles per transaction.
const rowsPerArticle = 20

// Config says which Neo4j to use and how.
type Config struct {
	URI      string // bolt://host:7687, neo4j://host, neo4j+s://host ...
	Username string // empty for a server without authentication
	Password string
	Database string // empty for the server's default database
	// BatchSize is the number of rows per transaction of Load
	// (DefaultBatchSize if 0).
	BatchSize int
	// MaxRetryTime bounds how long a transaction is retried after transient
	// errors such as a lost connection (DefaultMaxRetryTime if 0).
	MaxRetryTime time.Duration
}

// DefaultMaxRetryTime is how long a transaction is retried unless Config
// says otherwise: the driver's default.
const DefaultMaxRetryTime = 30 * time.Second

// Store is a graph.Store in Neo4j.
type Store struct {
	driver    neo4j.DriverWithContext
	database  string
	batch     int
	retry     time.Duration
	bookmarks neo4j.BookmarkManager
}

var _ graph.Store = (*Store)(nil)

// Open connects to Neo4j and checks that the database answers.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	where := "neo4j " + redact(cfg.URI)
	if cfg.URI == "" {
		return nil, fmt.Errorf("neo4j: no URI")
	}
	auth := neo4j.NoAuth()
	if cfg.Username != "" || cfg.Password != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.MaxTransactionRetryTime = cmp.Or(cfg.MaxRetryTime, DefaultMaxRetryTime)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	s := &Store{driver: d, database: cfg.Database, batch: cfg.BatchSize, retry: cfg.MaxRetryTime,
		bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{})}
	if s.batch <= 0 {
		s.batch = DefaultBatchSize
	}
	if s.retry <= 0 {
		s.retry = DefaultMaxRetryTime
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		d.Close(ctx)
		return nil, wrap(where, err)
	}
	// VerifyConnectivity does not reach the database itself.
	if _, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, "RETURN 1", nil)
	}); err != nil {
		d.Close(ctx)
		if cfg.Database != "" {
			where += " database " + cfg.Database
		}
		return nil, wrap(where, err)
	}
	return s, nil
}

// redact drops user information from a URI for messages.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		return uri
	}
	u.User = nil
	return u.String()
}

// Close closes the driver.
func (s *Store) Close() error { return s.driver.Close(context.Background()) }

// unavailable reports whether err means that the server cannot be reached
// (as opposed to a refused query or bad credentials).
func unavailable(err error) bool {
	if err == nil {
		return false
	}
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		return true
	}
	var tl *neo4j.TransactionExecutionLimit
	if errors.As(err, &tl) {
		for _, e := range tl.Errors {
			if unavailable(e) {
				return true
			}
		}
		return false
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		return ne.Code == "Neo.TransientError.General.DatabaseUnavailable" ||
			strings.HasPrefix(ne.Code, "Neo.ClientError.Cluster.") ||
			strings.HasPrefix(ne.Code, "Neo.TransientError.Cluster.")
	}
	var oe *net.OpError
	return errors.As(err, &oe) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// wrap adds context to err and marks it with graph.ErrUnavailable when the
// server could not be reached.
func wrap(op string, err error) error {
	if unavailable(err) {
		return fmt.Errorf("%s: %w: %w", op, graph.ErrUnavailable, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// inTx adds context to an error of a statement inside a transaction
// function, except to the errors that the driver retries: it recognises
// them by type, so they must reach it as they are.
func inTx(what string, err error) error {
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) || neo4j.IsRetryable(err) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName: s.database, AccessMode: mode, BookmarkManager: s.bookmarks})
}

// read runs fn in a managed read transaction, retried as retried says.
func (s *Store) read(ctx context.Context, fn neo4j.ManagedTransactionWork) (any, error) {
	return s.retried(ctx, func() (any, error) { return s.execute(ctx, neo4j.AccessModeRead, fn) })
}

// write runs fn in a managed write transaction, retried as retried says:
// fn must be idempotent, as kg's writes are (Load's chunks, Forget, Init).
func (s *Store) write(ctx context.Context, fn neo4j.ManagedTransactionWork) (any, error) {
	return s.retried(ctx, func() (any, error) { return s.execute(ctx, neo4j.AccessModeWrite, fn) })
}

// execute runs fn in a managed transaction of a new session; the driver
// retries it on transient errors.
func (s *Store) execute(ctx context.Context, mode neo4j.AccessMode, fn neo4j.ManagedTransactionWork) (any, error) {
	sess := s.session(ctx, mode)
	defer sess.Close(ctx)
	if mode == neo4j.AccessModeRead {
		return sess.ExecuteRead(ctx, fn)
	}
	return sess.ExecuteWrite(ctx, fn)
}

// retried runs tx, a managed transaction, again when it fails for a want
// of connection that the driver does not retry: a connection lost during
// the commit, whose outcome the driver cannot know. kg's transactions give
// the same graph whether they ran once or twice, so running them again is
// safe. It stops when tx succeeds, fails otherwise, exhausts the driver's
// own retries, or MaxRetryTime has passed since the first loss: however
// often a flaky network cuts commits, a load goes on while the server can
// be reached.
func (s *Store) retried(ctx context.Context, tx func() (any, error)) (any, error) {
	deadline := time.Now().Add(s.retry)
	pause := 20 * time.Millisecond
	for {
		out, err := tx()
		if err == nil || !unavailable(err) || neo4j.IsTransactionExecutionLimit(err) || time.Now().After(deadline) {
			return out, err
		}
		select {
		case <-ctx.Done():
			return out, err
		case <-time.After(pause):
		}
		pause = min(2*pause, time.Second)
	}
}

// collect runs a statement and reads all of its records.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// Init creates the schema's constraints and indexes and waits until the
// indexes are online.
func (s *Store) Init(ctx context.Context) error {
	for _, c := range schema.Constraints() {
		_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return collect(ctx, tx, c.Statement, nil)
		})
		if err != nil {
			return wrap("init "+c.Name, err)
		}
	}
	_, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, "CALL db.awaitIndexes(300)", nil)
	})
	if err != nil {
		return wrap("init: await indexes", err)
	}
	return nil
}

// Reset deletes every node and relationship of the database, kg's or not,
// in batches; constraints and indexes stay. Tests use it.
func (s *Store) Reset(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	// CALL { } IN TRANSACTIONS needs an auto-commit transaction.
	res, err := sess.Run(ctx, "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return wrap("reset", err)
	}
	return nil
}

// version is what decides whether an article is held unchanged.
type version struct{ hash, extractor string }

// Load upserts the records. Articles held with the same hash and extractor
// are skipped after one read; the others are written in chunks of about
// BatchSize rows, one transaction each.
func (s *Store) Load(ctx context.Context, recs []kg.Record) (graph.LoadResult, error) {
	var res graph.LoadResult
	cs := make([]graph.Contribution, 0, len(recs))
	for _, r := range recs {
		c, err := graph.Flatten(r)
		if err != nil {
			return graph.LoadResult{}, fmt.Errorf("load: %w", err)
		}
		cs = append(cs, c)
	}
	if len(cs) == 0 {
		return res, nil
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.Article.ID)
	}
	held, err := s.held(ctx, ids)
	if err != nil {
		return graph.LoadResult{}, wrap("load", err)
	}
	// The records apply in order, as if loaded one by one; only the last
	// version of each article is written.
	state := maps.Clone(held)
	last := map[string]int{}
	for i, c := range cs {
		v := version{c.Article.Hash, c.Article.Extractor}
		old, ok := state[c.Article.ID]
		switch {
		case !ok:
			res.Loaded++
		case old == v:
			res.Skipped++
			continue
		default:
			res.Replaced++
		}
		state[c.Article.ID] = v
		last[c.Article.ID] = i
	}
	var todo []graph.Contribution
	for i, c := range cs {
		if j, ok := last[c.Article.ID]; ok && j == i && held[c.Article.ID] != state[c.Article.ID] {
			todo = append(todo, c)
		}
	}
	for len(todo) > 0 {
		n, rows := 0, newRowCount(s.batch)
		for n < len(todo) && rows.take(todo[n]) {
			n++
		}
		adj, err := s.writeChunk(ctx, todo[:n], held)
		if err != nil {
			return graph.LoadResult{}, wrap("load", err)
		}
		res.Add(adj)
		todo = todo[n:]
	}
	return res, nil
}

// rowCount counts the rows that a chunk of contributions writes: one per
// article and per mention, and one per entity and per edge however many
// articles of the chunk mention or support it.
type rowCount struct {
	n, limit int
	seen     map[string]bool // entity ids and edge keys
}

func newRowCount(limit int) *rowCount { return &rowCount{limit: limit, seen: map[string]bool{}} }

// take adds c to the chunk and reports true if the chunk is empty or stays
// within the limit with it; otherwise it leaves the chunk as it was.
func (rc *rowCount) take(c graph.Contribution) bool {
	keys := rowKeys(c)
	n := rc.n + 1 + len(c.Entities)
	for _, k := range keys {
		if !rc.seen[k] {
			n++
		}
	}
	if rc.n > 0 && n > rc.limit {
		return false
	}
	rc.n = n
	for _, k := range keys {
		rc.seen[k] = true
	}
	return true
}

// rowKeys returns the entity ids and edge keys of c, distinct within c as
// Flatten makes them.
func rowKeys(c graph.Contribution) []string {
	keys := make([]string, 0, len(c.Entities)+len(c.Edges))
	for _, e := range c.Entities {
		keys = append(keys, e.ID)
	}
	for _, e := range c.Edges {
		keys = append(keys, e.Type+"\x00"+e.Source+"\x00"+e.Target+"\x00"+e.Date)
	}
	return keys
}

// held returns the hash and extractor of the articles among ids that the
// graph holds.
func (s *Store) held(ctx context.Context, ids []string) (map[string]version, error) {
	held := map[string]version{}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), s.batch)]
		ids = ids[len(chunk):]
		out, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return collect(ctx, tx, `UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, coalesce(a.hash, '') AS hash, coalesce(a.extractor, '') AS extractor`, map[string]any{"ids": chunk})
		})
		if err != nil {
			return nil, err
		}
		for _, r := range out.([]*neo4j.Record) {
			held[str(r.Values[0])] = version{str(r.Values[1]), str(r.Values[2])}
		}
	}
	return held, nil
}

// Reserved property names: a record's props may not overwrite them.
var (
	nodeKeys = map[string]bool{"id": true, "uuid": true, "name": true, "aliases": true, "name_keys": true, "name_article": true}
	edgeKeys = map[string]bool{"date": true, "articles": true, "evidence": true, "evidence_articles": true,
		"evidence_starts": true, "evidence_ends": true, "confidence": true, "rules": true,
		"support_confidence": true, "support_props": true, "support_rules": true, "support_rule_articles": true}
)

func props(m map[string]string, reserved map[string]bool) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if !reserved[k] {
			out[k] = v
		}
	}
	return out
}

type edgeGroup struct{ typ, from, to string }

// chunk holds the parameters of one chunk's statements: one row per entity
// and one per relation edge, whatever the number of the chunk's articles
// that mention or support it, so that a hub (a country that every article
// mentions, an edge that thousands of articles state) is read and written
// once per chunk, not once per article.
type chunk struct {
	remove   []string
	readd    map[[2]string]string        // (article, entity) → mentionSig
	entities map[string][]map[string]any // by label
	articles []map[string]any
	mentions map[string][]map[string]any // by entity label
	edges    map[edgeGroup][]map[string]any
}

// entityRow gathers what the articles of a chunk say of one entity.
type entityRow struct {
	label, name, article string // the name that the greatest article id gives
	aliases, keys        map[string]bool
	props                map[string]map[string]any // by article
}

// edgeRow gathers the support of the articles of a chunk for one edge, in
// the order of the articles.
type edgeRow struct {
	group                        edgeGroup
	source, target, date         string
	articles, propsJSON          []string
	confidences                  []float64
	rules, ruleArticles          []string
	evidence, evidenceArticles   []string
	evidenceStarts, evidenceEnds []int
	props                        map[string]map[string]any // by article
}

func newChunk(cs []graph.Contribution, remove []string) (*chunk, error) {
	ch := &chunk{remove: remove, readd: map[[2]string]string{}, entities: map[string][]map[string]any{},
		mentions: map[string][]map[string]any{}, edges: map[edgeGroup][]map[string]any{}}
	ents := map[string]*entityRow{}
	edges := map[[4]string]*edgeRow{}
	for _, c := range cs {
		a := c.Article
		ch.articles = append(ch.articles, map[string]any{
			"id": a.ID, "uuid": schema.UUID(a.ID), "title": orNil(a.Title), "url": orNil(a.URL),
			"published": orNil(a.Published), "source": orNil(a.Source), "hash": a.Hash, "extractor": a.Extractor})
		labels := map[string]string{}
		for _, n := range c.Entities {
			if !schema.IsLabel(n.Label) || n.Label == schema.Article {
				return nil, fmt.Errorf("article %s: entity %s: label %q", a.ID, n.ID, n.Label)
			}
			labels[n.ID] = n.Label
			e := ents[n.ID]
			if e == nil {
				e = &entityRow{label: n.Label, aliases: map[string]bool{}, keys: map[string]bool{}, props: map[string]map[string]any{}}
				ents[n.ID] = e
			}
			if a.ID >= e.article {
				e.name, e.article = n.Name, a.ID
			}
			aliases := n.Aliases
			if aliases == nil {
				aliases = []string{}
			}
			keys := graph.NameKeys(n.Name, n.Aliases)
			for _, x := range aliases {
				e.aliases[x] = true
			}
			for _, x := range keys {
				e.keys[x] = true
			}
			p := props(n.Props, nodeKeys)
			if len(p) > 0 {
				e.props[a.ID] = p
			}
			pj := mustJSON(p)
			ch.readd[[2]string{a.ID, n.ID}] = mentionSig(n.Name, aliases, keys, pj)
			ch.mentions[n.Label] = append(ch.mentions[n.Label], map[string]any{
				"article": a.ID, "entity": n.ID, "name": n.Name, "aliases": aliases, "keys": keys, "props": pj})
		}
		for _, e := range c.Edges {
			if _, ok := schema.Relation(e.Type); !ok {
				return nil, fmt.Errorf("article %s: relation type %q", a.ID, e.Type)
			}
			k := [4]string{e.Type, e.Source, e.Target, e.Date}
			r := edges[k]
			if r == nil {
				r = &edgeRow{group: edgeGroup{e.Type, labels[e.Source], labels[e.Target]},
					source: e.Source, target: e.Target, date: e.Date, props: map[string]map[string]any{}}
				edges[k] = r
			}
			p := props(e.Props, edgeKeys)
			if len(p) > 0 {
				r.props[a.ID] = p
			}
			r.articles = append(r.articles, a.ID)
			r.confidences = append(r.confidences, e.Confidence)
			r.propsJSON = append(r.propsJSON, mustJSON(p))
			for _, x := range slices.Sorted(slices.Values(e.Rules)) {
				r.rules, r.ruleArticles = append(r.rules, x), append(r.ruleArticles, a.ID)
			}
			for _, x := range e.Evidence {
				r.evidence, r.evidenceArticles = append(r.evidence, x.Sentence), append(r.evidenceArticles, a.ID)
				r.evidenceStarts, r.evidenceEnds = append(r.evidenceStarts, x.Start), append(r.evidenceEnds, x.End)
			}
		}
	}
	// Sorted ids take locks in a stable order, which spares concurrent
	// loads most deadlocks (Neo4j detects the others; the driver retries).
	for _, id := range slices.Sorted(maps.Keys(ents)) {
		e := ents[id]
		p, conflict := mergeProps(e.props)
		ch.entities[e.label] = append(ch.entities[e.label], map[string]any{
			"id": id, "uuid": schema.UUID(id), "name": e.name, "article": e.article,
			"aliases": slices.Sorted(maps.Keys(e.aliases)), "keys": slices.Sorted(maps.Keys(e.keys)),
			"props": p, "conflict": conflict})
	}
	for _, k := range slices.SortedFunc(maps.Keys(edges), func(a, b [4]string) int { return slices.Compare(a[:], b[:]) }) {
		r := edges[k]
		p, conflict := mergeProps(r.props)
		ch.edges[r.group] = append(ch.edges[r.group], map[string]any{
			"source": r.source, "target": r.target, "date": r.date, "articles": r.articles,
			"confidences": r.confidences, "props_json": r.propsJSON, "rules": nonNil(r.rules),
			"rule_articles": nonNil(r.ruleArticles), "evidence": nonNil(r.evidence),
			"evidence_articles": nonNil(r.evidenceArticles), "evidence_starts": nonNil(r.evidenceStarts),
			"evidence_ends": nonNil(r.evidenceEnds), "props": p, "conflict": conflict})
	}
	return ch, nil
}

// mergeProps merges props given by article in order of article id, the
// greatest id winning a key, and reports whether two articles gave a key
// different values.
func mergeProps(byArticle map[string]map[string]any) (map[string]any, bool) {
	merged := map[string]any{}
	conflict := false
	for _, a := range slices.Sorted(maps.Keys(byArticle)) {
		for k, v := range byArticle[a] {
			if old, ok := merged[k]; ok && old != v {
				conflict = true
			}
			merged[k] = v
		}
	}
	return merged, conflict
}

// nonNil returns s, or an empty list for nil, which the driver would send
// as null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only strings, lists and maps of strings come here
	}
	return string(b)
}

// Statements. Labels and types are spliced in only from package schema,
// checked by the callers; %[n]s are always schema names.

// planOnce starts the statements of a load. Their plans are unique-index
// seeks and expansions between bound nodes whatever the data, but Neo4j
// plans a cached statement again each time the counts of nodes and
// relationships have changed much since it was planned, as they always
// have during a load: measured on the White House corpus, replanning took
// more than half of the time of a load into a new graph.
const planOnce = "CYPHER replan=skip "

// mergeEntities writes one row per entity: the name of the greatest article
// id that names it (name_article), and the union of the aliases, name keys
// and props that the chunk's articles give it. The first SET locks the node
// before anything reads it, so concurrent loads agree. An entity that
// articles give conflicting props (in the chunk: row.conflict, found in Go;
// or against the node) is returned: its props depend on article ids and
// recomputeEntities sets them once the mentions are written.
func mergeEntities(label string) string {
	return fmt.Sprintf(planOnce+`UNWIND $rows AS row
MERGE (n:%s {id: row.id})
SET n.uuid = row.uuid
WITH n, row, n.name_article IS NULL OR row.article >= n.name_article AS named,
     row.conflict OR any(k IN keys(row.props) WHERE n[k] IS NOT NULL AND n[k] <> row.props[k]) AS dirty
SET n.name = CASE WHEN named THEN row.name ELSE n.name END,
    n.name_article = CASE WHEN named THEN row.article ELSE n.name_article END,
    n.aliases = coalesce(n.aliases, []) + [x IN row.aliases WHERE NOT x IN coalesce(n.aliases, [])],
    n.name_keys = coalesce(n.name_keys, []) + [x IN row.keys WHERE NOT x IN coalesce(n.name_keys, [])],
    n += row.props
WITH n, dirty WHERE dirty
RETURN elementId(n) AS eid`, label)
}

const mergeArticles = planOnce + `UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.uuid = row.uuid, a.title = row.title, a.url = row.url, a.published = row.published,
    a.source = row.source, a.hash = row.hash, a.extractor = row.extractor`

// mergeMentions writes what each article says of an entity on its MENTIONS
// edge; mergeEntities has already added it to the entity.
func mergeMentions(label string) string {
	return fmt.Sprintf(planOnce+`UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MATCH (e:%s {id: row.entity})
MERGE (a)-[m:MENTIONS]->(e)
SET m.name = row.name, m.aliases = row.aliases, m.name_keys = row.keys, m.props = row.props`, label)
}

// mergeEdges adds the support of the chunk's articles to each edge, one row
// per edge. The first SET locks the edge before anything reads it, so
// concurrent loads lose nothing; articles already among the edge's
// articles are not added twice (a guard: writeChunk's locks on the Article
// nodes keep two loads from writing one article at once). An edge that
// articles give conflicting props (in the chunk: row.conflict, found in
// Go; or against the edge) is returned: its props depend on article ids
// and fixEdgeProps sets them.
func mergeEdges(g edgeGroup) string {
	return fmt.Sprintf(planOnce+`UNWIND $rows AS row
MATCH (s:%[1]s {id: row.source})
MATCH (t:%[2]s {id: row.target})
MERGE (s)-[r:%[3]s {date: row.date}]->(t)
SET r.articles = coalesce(r.articles, [])
WITH r, row, [i IN range(0, size(row.articles) - 1) WHERE NOT row.articles[i] IN r.articles] AS keep
WHERE size(keep) > 0
WITH r, row, keep, [i IN keep | row.articles[i]] AS fresh,
     row.conflict OR any(k IN keys(row.props) WHERE r[k] IS NOT NULL AND r[k] <> row.props[k]) AS dirty
WITH r, row, keep, fresh, dirty,
     [i IN range(0, size(row.rule_articles) - 1) WHERE row.rule_articles[i] IN fresh] AS rkeep,
     [i IN range(0, size(row.evidence_articles) - 1) WHERE row.evidence_articles[i] IN fresh] AS ekeep,
     [i IN keep | row.confidences[i]] AS confs
SET r.articles = r.articles + fresh,
    r.support_confidence = coalesce(r.support_confidence, []) + confs,
    r.support_props = coalesce(r.support_props, []) + [i IN keep | row.props_json[i]],
    r.support_rules = coalesce(r.support_rules, []) + [i IN rkeep | row.rules[i]],
    r.support_rule_articles = coalesce(r.support_rule_articles, []) + [i IN rkeep | row.rule_articles[i]],
    r.evidence = coalesce(r.evidence, []) + [i IN ekeep | row.evidence[i]],
    r.evidence_articles = coalesce(r.evidence_articles, []) + [i IN ekeep | row.evidence_articles[i]],
    r.evidence_starts = coalesce(r.evidence_starts, []) + [i IN ekeep | row.evidence_starts[i]],
    r.evidence_ends = coalesce(r.evidence_ends, []) + [i IN ekeep | row.evidence_ends[i]],
    r.confidence = reduce(m = coalesce(r.confidence, confs[0]), c IN confs | CASE WHEN c > m THEN c ELSE m END),
    r.rules = reduce(acc = coalesce(r.rules, []), x IN [i IN rkeep | row.rules[i]] | CASE WHEN x IN acc THEN acc ELSE acc + x END)
SET r += row.props
WITH r, dirty WHERE dirty
RETURN elementId(r) AS eid`, g.from, g.to, g.typ)
}

func checkGroup(g edgeGroup) error {
	rt, ok := schema.Relation(g.typ)
	if !ok || !rt.Allows(g.from, g.to) {
		return fmt.Errorf("no relation type %q from %q to %q in the schema", g.typ, g.from, g.to)
	}
	return nil
}

// lockArticles takes the write locks of the Article nodes of the given
// ids, creating those that do not exist, and reads the version of each
// held one: one that existed before, whose version is empty if it lacks
// the properties (written by another tool), as Load's first read has it.
// A SET whose value reads the property it writes takes the lock before the
// read, so a concurrent load's version is seen once it has committed.
const lockArticles = planOnce + `UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a.hash = a.hash, a.extractor = a.extractor
RETURN id, coalesce(a.hash, '') AS hash, coalesce(a.extractor, '') AS extractor,
       a.hash IS NOT NULL OR size(keys(a)) > 1 OR EXISTS { (a)--() } AS held`

// writeChunk writes the contributions in one transaction. It first locks
// their Article nodes and reads the versions held then, which a concurrent
// load may have written since Load read them (held): an article now held
// in its version is left alone, one held in another version has its old
// contribution removed first, so that concurrent loads of different
// versions of an article leave one of them whole. It returns how this
// changes the counts of Load, which took held for the truth: an article
// that another load wrote or forgot in the meantime is replaced, or new.
func (s *Store) writeChunk(ctx context.Context, cs []graph.Contribution, held map[string]version) (graph.LoadResult, error) {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.Article.ID
	}
	slices.Sort(ids) // locks in a stable order
	out, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, lockArticles, map[string]any{"ids": ids})
		if err != nil {
			return nil, inTx("lock articles", err)
		}
		now := map[string]version{}
		for _, r := range recs {
			if r.Values[3] == true { // not just created
				now[str(r.Values[0])] = version{str(r.Values[1]), str(r.Values[2])}
			}
		}
		var adj graph.LoadResult
		var write []graph.Contribution
		var remove []string
		for _, c := range cs {
			id := c.Article.ID
			v, isHeld := now[id]
			_, wasHeld := held[id]
			switch {
			case isHeld && v == (version{c.Article.Hash, c.Article.Extractor}):
				// Written by a concurrent load, or by this transaction run
				// before, whose commit went through with its connection
				// lost: either way, loaded as asked.
				continue
			case isHeld && !wasHeld:
				adj.Loaded--
				adj.Replaced++
			case !isHeld && wasHeld:
				adj.Replaced--
				adj.Loaded++
			}
			if isHeld {
				remove = append(remove, id)
			}
			write = append(write, c)
		}
		if len(write) == 0 {
			return adj, nil
		}
		return adj, writeContributions(ctx, tx, write, remove)
	})
	if err != nil {
		return graph.LoadResult{}, err
	}
	return out.(graph.LoadResult), nil
}

// writeContributions writes the contributions in tx, first removing the
// old contributions of the articles in remove.
func writeContributions(ctx context.Context, tx neo4j.ManagedTransaction, cs []graph.Contribution, remove []string) error {
	ch, err := newChunk(cs, remove)
	if err != nil {
		return err
	}
	groups := slices.SortedFunc(maps.Keys(ch.edges), func(a, b edgeGroup) int {
		return strings.Compare(a.typ+"\x00"+a.from+"\x00"+a.to, b.typ+"\x00"+b.from+"\x00"+b.to)
	})
	for _, g := range groups {
		if err := checkGroup(g); err != nil {
			return err
		}
	}
	if len(ch.remove) > 0 {
		if _, err := removeArticles(ctx, tx, ch.remove, ch.readd, true); err != nil {
			return err
		}
	}
	var dirty []string
	for _, l := range schema.EntityLabels {
		if rows := ch.entities[l]; len(rows) > 0 {
			recs, err := collect(ctx, tx, mergeEntities(l), map[string]any{"rows": rows})
			if err != nil {
				return inTx(fmt.Sprintf("%s nodes", l), err)
			}
			for _, r := range recs {
				dirty = append(dirty, str(r.Values[0]))
			}
		}
	}
	if _, err := collect(ctx, tx, mergeArticles, map[string]any{"rows": ch.articles}); err != nil {
		return inTx("article nodes", err)
	}
	for _, l := range schema.EntityLabels {
		if rows := ch.mentions[l]; len(rows) > 0 {
			if _, err := collect(ctx, tx, mergeMentions(l), map[string]any{"rows": rows}); err != nil {
				return inTx(fmt.Sprintf("mentions of %s", l), err)
			}
		}
	}
	if err := recomputeEntities(ctx, tx, dirty); err != nil {
		return inTx("entity props", err)
	}
	var fix []string
	for _, g := range groups {
		recs, err := collect(ctx, tx, mergeEdges(g), map[string]any{"rows": ch.edges[g]})
		if err != nil {
			return inTx(fmt.Sprintf("%s edges", g.typ), err)
		}
		for _, r := range recs {
			fix = append(fix, str(r.Values[0]))
		}
	}
	if len(fix) > 0 {
		if err := fixEdgeProps(ctx, tx, fix); err != nil {
			return inTx("edge props", err)
		}
	}
	return nil
}

// Removal of articles' contributions.
const (
	// removeSupport takes the articles' support off the relation edges and
	// returns the edges whose props need recomputing. It finds the edges by
	// trying each ordered pair of the entities an article mentions: both
	// ends of its edges are among them, and Expand(Into) between two bound
	// nodes starts from the one of smaller degree, so a hub such as a
	// country mentioned by every article is not scanned. Then one row per
	// edge: writing r.articles locks it before the support lists are read
	// and filtered; an edge left with no article is deleted; confidence and
	// rules are recomputed from what is left.
	removeSupport = `UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(e)
WITH id, collect(e) AS ents
UNWIND ents AS s
UNWIND ents AS t
MATCH (s)-[r]->(t)
WHERE id IN r.articles
WITH r, collect(DISTINCT id) AS gone
SET r.articles = r.articles
WITH r, gone, r.articles AS arts, coalesce(r.support_confidence, []) AS confs, coalesce(r.support_props, []) AS props,
     coalesce(r.evidence, []) AS sents, coalesce(r.evidence_articles, []) AS evArts,
     coalesce(r.evidence_starts, []) AS starts, coalesce(r.evidence_ends, []) AS ends,
     coalesce(r.support_rules, []) AS rules, coalesce(r.support_rule_articles, []) AS ruleArts
WITH r, arts, confs, props, sents, evArts, starts, ends, rules, ruleArts,
     [i IN range(0, size(arts) - 1) WHERE NOT arts[i] IN gone] AS keep,
     [i IN range(0, size(evArts) - 1) WHERE NOT evArts[i] IN gone] AS ekeep,
     [i IN range(0, size(ruleArts) - 1) WHERE NOT ruleArts[i] IN gone] AS rkeep,
     any(i IN range(0, size(arts) - 1) WHERE arts[i] IN gone AND coalesce(props[i], '{}') <> '{}') AS propsGone
FOREACH (x IN CASE WHEN size(keep) = 0 THEN [1] ELSE [] END | DELETE r)
WITH r, arts, confs, props, sents, evArts, starts, ends, rules, ruleArts, keep, ekeep, rkeep, propsGone
WHERE size(keep) > 0
WITH r, propsGone, [i IN keep | confs[i]] AS kconfs, [i IN rkeep | rules[i]] AS krules,
     [i IN keep | arts[i]] AS karts, [i IN keep | props[i]] AS kprops,
     [i IN ekeep | sents[i]] AS ksents, [i IN ekeep | evArts[i]] AS kevArts,
     [i IN ekeep | starts[i]] AS kstarts, [i IN ekeep | ends[i]] AS kends,
     [i IN rkeep | ruleArts[i]] AS kruleArts
SET r.articles = karts, r.support_confidence = kconfs, r.support_props = kprops,
    r.evidence = ksents, r.evidence_articles = kevArts, r.evidence_starts = kstarts, r.evidence_ends = kends,
    r.support_rules = krules, r.support_rule_articles = kruleArts,
    r.confidence = reduce(m = kconfs[0], c IN kconfs | CASE WHEN c > m THEN c ELSE m END),
    r.rules = reduce(acc = [], x IN krules | CASE WHEN x IN acc THEN acc ELSE acc + x END)
WITH r, propsGone WHERE propsGone
RETURN elementId(r) AS eid`
	edgeSupport = planOnce + `UNWIND $eids AS eid
MATCH ()-[r]->() WHERE elementId(r) = eid
RETURN eid, r.articles, r.support_props, keys(r)`
	setEdgeProps = planOnce + `UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.eid
SET r += row.props`
	// lockForget takes the write locks of the Article nodes that Forget
	// removes, before anything reads what they mention, as Load does.
	lockForget = planOnce + `UNWIND $ids AS id
MATCH (a:Article {id: id})
SET a.hash = a.hash`
	// unmention deletes the articles' MENTIONS and returns what each said
	// of each entity.
	unmention = planOnce + `UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[m:MENTIONS]->(e)
WITH id, collect(m) AS ms, collect(CASE WHEN e IS NULL THEN null ELSE [elementId(e), e.id, m.name, m.aliases, m.name_keys, m.props] END) AS ents
FOREACH (m IN ms | DELETE m)
RETURN id, ents`
	deleteArticles = planOnce + `UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a`
)

// mentionSig identifies what an article says of an entity.
func mentionSig(name string, aliases, keys []string, props string) string {
	return mustJSON([]any{name, aliases, keys, props})
}

// removeArticles removes the contributions of the articles with the given
// ids, locked by the caller, and everything only they supported; it
// returns how many it found. It deletes their Article nodes too unless
// keep, as when Load replaces the articles: a concurrent load waiting for
// the lock of such a node then finds it, not a deleted one. readd holds,
// by article and entity id, the mentions that the caller adds again in the
// same transaction: an entity mentioned again as before keeps its
// aliases, name keys and props, and need not be recomputed from all its
// mentions (costly for an entity that most articles mention).
func removeArticles(ctx context.Context, tx neo4j.ManagedTransaction, ids []string, readd map[[2]string]string, keep bool) (int, error) {
	recs, err := collect(ctx, tx, removeSupport, map[string]any{"ids": ids})
	if err != nil {
		return 0, inTx("remove support", err)
	}
	eids := make([]string, len(recs))
	for i, r := range recs {
		eids[i] = str(r.Values[0])
	}
	if err := fixEdgeProps(ctx, tx, eids); err != nil {
		return 0, inTx("edge props", err)
	}
	recs, err = collect(ctx, tx, unmention, map[string]any{"ids": ids})
	if err != nil {
		return 0, inTx("delete mentions", err)
	}
	if !keep {
		if _, err := collect(ctx, tx, deleteArticles, map[string]any{"ids": ids}); err != nil {
			return 0, inTx("delete articles", err)
		}
	}
	var ents []string
	for _, r := range recs {
		art := str(r.Values[0])
		for _, x := range r.Values[1].([]any) {
			v := x.([]any)
			sig, ok := readd[[2]string{art, str(v[1])}]
			if !ok || sig != mentionSig(str(v[2]), strs(v[3]), strs(v[4]), str(v[5])) {
				ents = append(ents, str(v[0]))
			}
		}
	}
	if err := recomputeEntities(ctx, tx, ents); err != nil {
		return 0, inTx("tidy entities", err)
	}
	return len(recs), nil
}

const (
	// entityMentions locks each entity (writing a property it reads) and
	// reads what its articles say of it.
	entityMentions = planOnce + `UNWIND $eids AS eid
MATCH (e) WHERE elementId(e) = eid
SET e.name = e.name
WITH e, eid
OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(e)
RETURN eid, properties(e) AS p, collect([a.id, m.aliases, m.name_keys, m.props, m.name]) AS ms`
	setNodes = planOnce + `UNWIND $rows AS row
MATCH (e) WHERE elementId(e) = row.eid
SET e = row.props`
	deleteOrphans = planOnce + `UNWIND $eids AS eid
MATCH (e) WHERE elementId(e) = eid AND NOT EXISTS { (e)--() }
DELETE e`
)

// recomputeEntities sets the aliases, name keys and props of the entities
// with the given element ids from the mentions they have left, and deletes
// those left with no relationship at all.
func recomputeEntities(ctx context.Context, tx neo4j.ManagedTransaction, eids []string) error {
	if len(eids) == 0 {
		return nil
	}
	eids = slices.Compact(slices.Sorted(slices.Values(eids)))
	recs, err := collect(ctx, tx, entityMentions, map[string]any{"eids": eids})
	if err != nil {
		return err
	}
	var set []map[string]any
	var orphans []string
	for _, r := range recs {
		p := r.Values[1].(map[string]any)
		type mention struct {
			article       string
			name          any // nil on a mention written before kg kept names
			aliases, keys []string
			props         map[string]string
		}
		var ms []mention
		for _, x := range r.Values[2].([]any) {
			v := x.([]any)
			if v[0] == nil {
				continue
			}
			m := mention{article: str(v[0]), aliases: strs(v[1]), keys: strs(v[2]), name: v[4]}
			json.Unmarshal([]byte(str(v[3])), &m.props)
			ms = append(ms, m)
		}
		if len(ms) == 0 {
			orphans = append(orphans, str(r.Values[0]))
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].article < ms[j].article })
		out := map[string]any{"id": p["id"], "uuid": p["uuid"], "name": p["name"], "name_article": p["name_article"]}
		aliases, keys := []string{}, []string{}
		merged := map[string]string{}
		for _, m := range ms {
			aliases, keys = append(aliases, m.aliases...), append(keys, m.keys...)
			maps.Copy(merged, m.props)
			if m.name != nil { // the greatest article id names the entity
				out["name"], out["name_article"] = m.name, m.article
			}
		}
		out["aliases"] = slices.Compact(slices.Sorted(slices.Values(aliases)))
		out["name_keys"] = slices.Compact(slices.Sorted(slices.Values(keys)))
		for k, v := range merged {
			if !nodeKeys[k] {
				out[k] = v
			}
		}
		set = append(set, map[string]any{"eid": r.Values[0], "props": out})
	}
	if len(set) > 0 {
		if _, err := collect(ctx, tx, setNodes, map[string]any{"rows": set}); err != nil {
			return err
		}
	}
	if len(orphans) > 0 {
		if _, err := collect(ctx, tx, deleteOrphans, map[string]any{"eids": orphans}); err != nil {
			return err
		}
	}
	return nil
}

// fixEdgeProps sets the props of the edges with the given element ids from
// their articles' props, merged in order of article id so that the
// greatest id wins a key. The caller holds the edges' locks.
func fixEdgeProps(ctx context.Context, tx neo4j.ManagedTransaction, eids []string) error {
	if len(eids) == 0 {
		return nil
	}
	eids = slices.Compact(slices.Sorted(slices.Values(eids)))
	recs, err := collect(ctx, tx, edgeSupport, map[string]any{"eids": eids})
	if err != nil {
		return err
	}
	var rows []map[string]any
	for _, r := range recs {
		arts, props := strs(r.Values[1]), strs(r.Values[2])
		if len(props) != len(arts) {
			continue // not written by kg: leave it alone
		}
		order := make([]int, len(arts))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(i, j int) bool { return arts[order[i]] < arts[order[j]] })
		merged := map[string]any{}
		for _, i := range order {
			var ps map[string]string
			json.Unmarshal([]byte(props[i]), &ps)
			for k, v := range ps {
				merged[k] = v
			}
		}
		for _, k := range strs(r.Values[3]) {
			if _, ok := merged[k]; !ok && !edgeKeys[k] {
				merged[k] = nil // SET += removes it
			}
		}
		for k := range merged {
			if edgeKeys[k] {
				delete(merged, k)
			}
		}
		rows = append(rows, map[string]any{"eid": r.Values[0], "props": merged})
	}
	if len(rows) > 0 {
		if _, err := collect(ctx, tx, setEdgeProps, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	return nil
}

// Forget removes the articles with the given ids and everything only they
// supported, BatchSize/rowsPerArticle articles per transaction (at least
// one). It returns how many it
// removed; after a connection lost during a commit that did happen, the
// count leaves out the articles of that commit.
func (s *Store) Forget(ctx context.Context, ids []string) (int, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	total := 0
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), max(1, s.batch/rowsPerArticle))]
		ids = ids[len(chunk):]
		n, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			if _, err := collect(ctx, tx, lockForget, map[string]any{"ids": chunk}); err != nil {
				return nil, inTx("lock articles", err)
			}
			return removeArticles(ctx, tx, chunk, nil, false)
		})
		if err != nil {
			return total, wrap("forget", err)
		}
		total += n.(int)
	}
	return total, nil
}

// Stats counts the nodes of each schema label and the relationships of each
// schema type (from Neo4j's count store); zero counts are left out.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Nodes: map[string]int64{}, Relationships: map[string]int64{}}
	_, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		clear(st.Nodes)
		clear(st.Relationships)
		for _, l := range schema.Labels {
			n, err := count(ctx, tx, fmt.Sprintf("MATCH (n:%s) RETURN count(n)", l))
			if err != nil {
				return nil, err
			}
			if n > 0 {
				st.Nodes[l] = n
			}
		}
		for _, t := range schema.Types() {
			n, err := count(ctx, tx, fmt.Sprintf("MATCH ()-[r:%s]->() RETURN count(r)", t))
			if err != nil {
				return nil, err
			}
			if n > 0 {
				st.Relationships[t] = n
			}
		}
		return nil, nil
	})
	if err != nil {
		return graph.Stats{}, wrap("stats", err)
	}
	return st, nil
}

func count(ctx context.Context, tx neo4j.ManagedTransaction, cypher string) (int64, error) {
	recs, err := collect(ctx, tx, cypher, nil)
	if err != nil || len(recs) == 0 {
		return 0, err
	}
	n, _ := recs[0].Values[0].(int64)
	return n, nil
}

// Snapshot reads the whole graph (the nodes of schema labels and the
// relationships of schema types) in one read transaction.
func (s *Store) Snapshot(ctx context.Context) (*graph.Graph, error) {
	out, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		g := &graph.Graph{}
		for _, l := range schema.Labels {
			recs, err := collect(ctx, tx, fmt.Sprintf("MATCH (n:%s) RETURN properties(n)", l), nil)
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				g.Nodes = append(g.Nodes, toNode(l, r.Values[0].(map[string]any)))
			}
		}
		recs, err := collect(ctx, tx, "MATCH (a:Article)-[:MENTIONS]->(e) RETURN a.id, e.id", nil)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			g.Edges = append(g.Edges, graph.Edge{Type: schema.Mentions, Source: str(r.Values[0]), Target: str(r.Values[1])})
		}
		for _, rt := range schema.RelationTypes {
			recs, err := collect(ctx, tx, fmt.Sprintf("MATCH (s)-[r:%s]->(t) RETURN s.id, t.id, properties(r)", rt.Name), nil)
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				g.Edges = append(g.Edges, toEdge(rt.Name, str(r.Values[0]), str(r.Values[1]), r.Values[2].(map[string]any)))
			}
		}
		return g, nil
	})
	if err != nil {
		return nil, wrap("snapshot", err)
	}
	g := out.(*graph.Graph)
	g.Sort()
	return g, nil
}

func toNode(label string, p map[string]any) graph.Node {
	n := graph.Node{ID: str(p["id"]), Label: label, Props: map[string]string{}}
	if label == schema.Article {
		n.Name = str(p["title"])
		for _, k := range []string{"url", "published", "source", "hash", "extractor"} {
			if v := str(p[k]); v != "" {
				n.Props[k] = v
			}
		}
	} else {
		n.Name = str(p["name"])
		n.Aliases = slices.Compact(slices.Sorted(slices.Values(strs(p["aliases"]))))
		for k, v := range p {
			if !nodeKeys[k] {
				n.Props[k] = str(v)
			}
		}
	}
	if len(n.Aliases) == 0 {
		n.Aliases = nil
	}
	if len(n.Props) == 0 {
		n.Props = nil
	}
	return n
}

func toEdge(typ, source, target string, p map[string]any) graph.Edge {
	e := graph.Edge{Type: typ, Source: source, Target: target, Date: str(p["date"]),
		Articles: strs(p["articles"]), Rules: strs(p["rules"]), Props: map[string]string{}}
	e.Confidence, _ = p["confidence"].(float64)
	sent, arts := strs(p["evidence"]), strs(p["evidence_articles"])
	starts, _ := p["evidence_starts"].([]any) // absent on edges written by others than kg
	ends, _ := p["evidence_ends"].([]any)
	for i := range sent {
		x := graph.Evidence{Sentence: sent[i]}
		if i < len(arts) {
			x.Article = arts[i]
		}
		if i < len(starts) {
			x.Start = toInt(starts[i])
		}
		if i < len(ends) {
			x.End = toInt(ends[i])
		}
		e.Evidence = append(e.Evidence, x)
	}
	for k, v := range p {
		if !edgeKeys[k] {
			e.Props[k] = str(v)
		}
	}
	if len(e.Props) == 0 {
		e.Props = nil
	}
	return e
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return fmt.Sprint(v)
}

func strs(v any) []string {
	l, _ := v.([]any)
	if l == nil {
		return nil
	}
	out := make([]string, len(l))
	for i, x := range l {
		out[i] = str(x)
	}
	return out
}

func toInt(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}

// Query runs one Cypher statement in a read transaction and returns the
// column names and the rows. Values are plain Go values: nodes,
// relationships and paths become maps, temporal values strings.
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error) {
	return s.query(ctx, cypher, params, false)
}

// QueryWrite is Query in a write transaction.
func (s *Store) QueryWrite(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error) {
	return s.query(ctx, cypher, params, true)
}

func (s *Store) query(ctx context.Context, cypher string, params map[string]any, write bool) ([]string, [][]any, error) {
	type result struct {
		cols []string
		rows [][]any
	}
	work := func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		keys, err := res.Keys()
		if err != nil {
			return nil, err
		}
		out := result{cols: keys}
		for _, r := range recs {
			row := make([]any, len(r.Values))
			for i, v := range r.Values {
				row[i] = plain(v)
			}
			out.rows = append(out.rows, row)
		}
		return out, nil
	}
	var out any
	var err error
	if write {
		// Not retried after a lost commit: a user's statement may not be
		// idempotent.
		out, err = s.execute(ctx, neo4j.AccessModeWrite, work)
	} else {
		out, err = s.read(ctx, work)
	}
	if err != nil {
		return nil, nil, wrap("query", err)
	}
	r := out.(result)
	return r.cols, r.rows, nil
}

// plain turns the driver's values into maps, lists, strings and numbers.
func plain(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plain(e)
		}
		return out
	case dbtype.Node:
		return map[string]any{"elementId": x.ElementId, "labels": x.Labels, "properties": plain(x.Props)}
	case dbtype.Relationship:
		return map[string]any{"elementId": x.ElementId, "type": x.Type, "start": x.StartElementId,
			"end": x.EndElementId, "properties": plain(x.Props)}
	case dbtype.Path:
		nodes, rels := make([]any, len(x.Nodes)), make([]any, len(x.Relationships))
		for i, n := range x.Nodes {
			nodes[i] = plain(n)
		}
		for i, r := range x.Relationships {
			rels[i] = plain(r)
		}
		return map[string]any{"nodes": nodes, "relationships": rels}
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.Date, dbtype.LocalTime, dbtype.LocalDateTime, dbtype.Time, dbtype.Duration, dbtype.Point2D, dbtype.Point3D:
		return fmt.Sprint(x)
	}
	return v
}
