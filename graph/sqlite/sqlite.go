// Package sqlite is kg's embedded default store: the graph in one SQLite file
// (pure Go, no server), with the same model and semantics as the Neo4j store.
//
// Support is kept per article (which article states which edge, with what
// confidence, rules and evidence: the support and evidence tables; what
// each article calls each entity, with what aliases and props: mentions and
// names), so forgetting or re-extracting an article leaves exactly the
// graph that the other articles give. A node's name is the one that the
// article of the greatest id gives it; the nodes table keeps it.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strings"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DefaultPath is where the embedded store lives unless told otherwise.
const DefaultPath = "kg.db"

const ddl = `
CREATE TABLE IF NOT EXISTS articles (
	id TEXT PRIMARY KEY, title TEXT, url TEXT, published TEXT, source TEXT,
	hash TEXT NOT NULL, extractor TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
	id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS nodes_label_name ON nodes (label, name);
CREATE TABLE IF NOT EXISTS mentions (
	article TEXT NOT NULL REFERENCES articles(id), node TEXT NOT NULL REFERENCES nodes(id),
	aliases TEXT NOT NULL, props TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', PRIMARY KEY (article, node));
CREATE TABLE IF NOT EXISTS names (
	key TEXT NOT NULL, node TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (key, node, article));
CREATE INDEX IF NOT EXISTS names_article ON names (article);
CREATE TABLE IF NOT EXISTS edges (
	id INTEGER PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
	date TEXT NOT NULL, UNIQUE (type, source, target, date));
CREATE INDEX IF NOT EXISTS edges_source ON edges (source);
CREATE INDEX IF NOT EXISTS edges_target ON edges (target);
CREATE TABLE IF NOT EXISTS support (
	edge INTEGER NOT NULL REFERENCES edges(id), article TEXT NOT NULL REFERENCES articles(id),
	confidence REAL NOT NULL, rules TEXT NOT NULL, props TEXT NOT NULL, PRIMARY KEY (edge, article));
CREATE INDEX IF NOT EXISTS support_article ON support (article);
CREATE TABLE IF NOT EXISTS evidence (
	edge INTEGER NOT NULL, article TEXT NOT NULL, sentence TEXT NOT NULL,
	start INTEGER NOT NULL, "end" INTEGER NOT NULL, PRIMARY KEY (edge, article, start, "end", sentence));
CREATE INDEX IF NOT EXISTS evidence_article ON evidence (article);
`

// Store is the embedded graph store.
type Store struct {
	db   *sql.DB
	path string
}

var (
	_ graph.Store  = (*Store)(nil)
	_ graph.Reader = (*Store)(nil)
)

// Open opens (creating if need be) the store in the file at path.
func Open(path string) (*Store, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(30000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// Path returns the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Init creates the tables and indexes, and brings a store made by an
// earlier kg up to date; it is idempotent.
func (s *Store) Init(ctx context.Context) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, ddl); err != nil {
			return err
		}
		// mentions gained the name each article gives its entity; until a
		// store's articles are loaded again, the node's name stands for it.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('mentions') WHERE name = 'name'`).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			for _, q := range []string{
				`ALTER TABLE mentions ADD COLUMN name TEXT NOT NULL DEFAULT ''`,
				`UPDATE mentions SET name = (SELECT name FROM nodes WHERE nodes.id = mentions.node)`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
		}
		// (node, article) finds a node's greatest article; it serves what
		// (node) served.
		_, err := tx.ExecContext(ctx, `DROP INDEX IF EXISTS mentions_node;
CREATE INDEX IF NOT EXISTS mentions_node_article ON mentions (node, article);`)
		return err
	})
	if err != nil {
		return fmt.Errorf("init store: %w", err)
	}
	return nil
}

// Load upserts the records in one transaction.
func (s *Store) Load(ctx context.Context, recs []kg.Record) (graph.LoadResult, error) {
	var res graph.LoadResult
	cs := make([]graph.Contribution, 0, len(recs))
	for _, r := range recs {
		c, err := graph.Flatten(r)
		if err != nil {
			return res, fmt.Errorf("load: %w", err)
		}
		cs = append(cs, c)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, c := range cs {
			var hash, extractor string
			err := tx.QueryRowContext(ctx, `SELECT hash, extractor FROM articles WHERE id = ?`, c.Article.ID).Scan(&hash, &extractor)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				res.Loaded++
			case err != nil:
				return err
			case hash == c.Article.Hash && extractor == c.Article.Extractor:
				res.Skipped++
				continue
			default:
				if err := remove(ctx, tx, c.Article.ID); err != nil {
					return err
				}
				res.Replaced++
			}
			if err := add(ctx, tx, c); err != nil {
				return fmt.Errorf("article %s: %w", c.Article.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return graph.LoadResult{}, fmt.Errorf("load: %w", err)
	}
	return res, nil
}

func add(ctx context.Context, tx *sql.Tx, c graph.Contribution) error {
	a := c.Article
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles (id, title, url, published, source, hash, extractor) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Title, a.URL, a.Published, a.Source, a.Hash, a.Extractor); err != nil {
		return err
	}
	for _, n := range c.Entities {
		if _, err := tx.ExecContext(ctx, `INSERT INTO nodes (id, label, name) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			n.ID, n.Label, n.Name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mentions (article, node, aliases, props, name) VALUES (?, ?, ?, ?, ?)`,
			a.ID, n.ID, mustJSON(n.Aliases), mustJSON(n.Props), n.Name); err != nil {
			return err
		}
		// The article of the greatest id names the node, whatever the order
		// of loading.
		if _, err := tx.ExecContext(ctx, `UPDATE nodes SET name = ?3
			WHERE id = ?1 AND ?2 >= (SELECT max(article) FROM mentions WHERE node = ?1)`, n.ID, a.ID, n.Name); err != nil {
			return err
		}
		for _, name := range append([]string{n.Name}, n.Aliases...) {
			key := graph.NameKey(name)
			if key == "" { // punctuation only: no look-up finds it
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO names (key, node, article) VALUES (?, ?, ?)`,
				key, n.ID, a.ID); err != nil {
				return err
			}
		}
	}
	for _, e := range c.Edges {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO edges (type, source, target, date) VALUES (?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET date = excluded.date RETURNING id`, e.Type, e.Source, e.Target, e.Date).Scan(&id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO support (edge, article, confidence, rules, props) VALUES (?, ?, ?, ?, ?)`,
			id, a.ID, e.Confidence, mustJSON(e.Rules), mustJSON(e.Props)); err != nil {
			return err
		}
		for _, ev := range e.Evidence {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO evidence (edge, article, sentence, start, "end") VALUES (?, ?, ?, ?, ?)`,
				id, a.ID, ev.Sentence, ev.Start, ev.End); err != nil {
				return err
			}
		}
	}
	return nil
}

// remove deletes an article and its contribution: its support and evidence,
// then the edges and nodes nothing supports any more.
func remove(ctx context.Context, tx *sql.Tx, id string) error {
	for _, q := range []string{
		`DELETE FROM evidence WHERE article = ?1`,
		`CREATE TEMP TABLE IF NOT EXISTS touched (node TEXT PRIMARY KEY)`,
		`DELETE FROM touched`,
		`INSERT OR IGNORE INTO touched SELECT node FROM mentions WHERE article = ?1`,
		`DELETE FROM support WHERE article = ?1`,
		`DELETE FROM edges WHERE source IN (SELECT node FROM touched) AND NOT EXISTS (SELECT 1 FROM support WHERE edge = edges.id)`,
		`DELETE FROM mentions WHERE article = ?1`,
		`DELETE FROM names WHERE article = ?1`,
		`DELETE FROM nodes WHERE id IN (SELECT node FROM touched)
			AND NOT EXISTS (SELECT 1 FROM mentions WHERE node = nodes.id)
			AND NOT EXISTS (SELECT 1 FROM edges WHERE source = nodes.id OR target = nodes.id)`,
		`UPDATE nodes SET name = (SELECT name FROM mentions WHERE node = nodes.id ORDER BY article DESC LIMIT 1)
			WHERE id IN (SELECT node FROM touched) AND EXISTS (SELECT 1 FROM mentions WHERE node = nodes.id)`,
		`DELETE FROM articles WHERE id = ?1`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("remove article %s: %w", id, err)
		}
	}
	return nil
}

// Forget removes the articles and everything only they supported.
func (s *Store) Forget(ctx context.Context, ids []string) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, id).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			if err := remove(ctx, tx, id); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("forget: %w", err)
	}
	return n, nil
}

// Stats counts nodes by label and relationships by type.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Nodes: map[string]int64{}, Relationships: map[string]int64{}}
	counts := []struct {
		q string
		m map[string]int64
	}{
		{`SELECT label, count(*) FROM nodes GROUP BY label`, st.Nodes},
		{`SELECT 'Article', count(*) FROM articles`, st.Nodes},
		{`SELECT type, count(*) FROM edges GROUP BY type`, st.Relationships},
		{`SELECT 'MENTIONS', count(*) FROM mentions`, st.Relationships},
	}
	for _, c := range counts {
		rows, err := s.db.QueryContext(ctx, c.q)
		if err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		for rows.Next() {
			var k string
			var n int64
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return st, fmt.Errorf("stats: %w", err)
			}
			if n > 0 {
				c.m[k] = n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
	}
	return st, nil
}

// Snapshot returns the whole graph in canonical order.
func (s *Store) Snapshot(ctx context.Context) (*graph.Graph, error) {
	g := &graph.Graph{}
	if err := s.snapshot(ctx, g); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	g.Sort()
	return g, nil
}

func (s *Store) snapshot(ctx context.Context, g *graph.Graph) error {
	err := each(ctx, s.db, `SELECT id, title, url, published, source, hash, extractor FROM articles`, func(rows *sql.Rows) error {
		var a kg.Article
		if err := rows.Scan(&a.ID, &a.Title, &a.URL, &a.Published, &a.Source, &a.Hash, &a.Extractor); err != nil {
			return err
		}
		g.Nodes = append(g.Nodes, graph.ArticleNode(a))
		return nil
	})
	if err != nil {
		return err
	}
	err = each(ctx, s.db, `SELECT article, node FROM mentions`, func(rows *sql.Rows) error {
		var e graph.Edge
		e.Type = schema.Mentions
		if err := rows.Scan(&e.Source, &e.Target); err != nil {
			return err
		}
		g.Edges = append(g.Edges, e)
		return nil
	})
	if err != nil {
		return err
	}
	nodes, err := s.nodes(ctx, "", nil)
	if err != nil {
		return err
	}
	g.Nodes = append(g.Nodes, nodes...)
	edges, err := s.edges(ctx, "", nil)
	if err != nil {
		return err
	}
	g.Edges = append(g.Edges, edges...)
	return nil
}

// nodes assembles the entity nodes that the SQL condition cond (over the
// nodes table n, with args) selects. An entity's aliases are the union of
// its articles' and its props are theirs merged, the greatest article id
// winning a conflict.
func (s *Store) nodes(ctx context.Context, cond string, args []any) ([]graph.Node, error) {
	if cond == "" {
		cond = "1"
	}
	var out []graph.Node
	index := map[string]int{}
	err := each(ctx, s.db, `SELECT n.id, n.label, n.name, m.aliases, m.props FROM nodes n
		JOIN mentions m ON m.node = n.id WHERE `+cond+` ORDER BY n.label, n.id, m.article`, func(rows *sql.Rows) error {
		var n graph.Node
		var as, ps string
		if err := rows.Scan(&n.ID, &n.Label, &n.Name, &as, &ps); err != nil {
			return err
		}
		i, ok := index[n.ID]
		if !ok {
			i = len(out)
			index[n.ID] = i
			n.Props = map[string]string{}
			out = append(out, n)
		}
		x := &out[i]
		var al []string
		var pm map[string]string
		if err := json.Unmarshal([]byte(as), &al); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(ps), &pm); err != nil {
			return err
		}
		x.Aliases = sortedSet(append(x.Aliases, al...))
		maps.Copy(x.Props, pm)
		return nil
	}, args...)
	return out, err
}

// edges assembles the relation edges that the SQL condition cond (over the
// edges table e, with args) selects, with their support and evidence.
func (s *Store) edges(ctx context.Context, cond string, args []any) ([]graph.Edge, error) {
	if cond == "" {
		cond = "1"
	}
	edges := map[int64]*graph.Edge{}
	var order []int64
	err := each(ctx, s.db, `SELECT e.id, e.type, e.source, e.target, e.date, s.article, s.confidence, s.rules, s.props
		FROM edges e JOIN support s ON s.edge = e.id WHERE `+cond+` ORDER BY e.id, s.article`, func(rows *sql.Rows) error {
		var id int64
		var e graph.Edge
		var art, rules, props string
		var conf float64
		if err := rows.Scan(&id, &e.Type, &e.Source, &e.Target, &e.Date, &art, &conf, &rules, &props); err != nil {
			return err
		}
		x, ok := edges[id]
		if !ok {
			e.Props = map[string]string{}
			x = &e
			edges[id] = x
			order = append(order, id)
		}
		var rs []string
		var ps map[string]string
		if err := json.Unmarshal([]byte(rules), &rs); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(props), &ps); err != nil {
			return err
		}
		x.Articles = append(x.Articles, art)
		x.Confidence = max(x.Confidence, conf)
		x.Rules = sortedSet(append(x.Rules, rs...))
		maps.Copy(x.Props, ps)
		return nil
	}, args...)
	if err != nil {
		return nil, err
	}
	err = each(ctx, s.db, `SELECT v.edge, v.article, v.sentence, v.start, v."end" FROM evidence v
		JOIN edges e ON e.id = v.edge WHERE `+cond, func(rows *sql.Rows) error {
		var id int64
		var ev graph.Evidence
		if err := rows.Scan(&id, &ev.Article, &ev.Sentence, &ev.Start, &ev.End); err != nil {
			return err
		}
		if x := edges[id]; x != nil {
			x.Evidence = append(x.Evidence, ev)
		}
		return nil
	}, args...)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Edge, 0, len(order))
	for _, id := range order {
		out = append(out, *edges[id])
	}
	return out, nil
}

func each(ctx context.Context, db *sql.DB, q string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func mustJSON(v any) string {
	switch x := v.(type) {
	case []string:
		if x == nil {
			return "[]"
		}
	case map[string]string:
		if x == nil {
			return "{}"
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only strings, maps and slices of strings come here
	}
	return string(b)
}

func sortedSet(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := slices.Clone(ss)
	sort.Strings(out)
	return slices.Compact(out)
}

// Lookup returns the entities whose name or an alias has the graph.NameKey
// of name. A name whose key is empty (punctuation only) finds nothing.
func (s *Store) Lookup(ctx context.Context, name string) ([]graph.Node, error) {
	key := graph.NameKey(name)
	if key == "" {
		return nil, nil
	}
	nodes, err := s.nodes(ctx, `n.id IN (SELECT node FROM names WHERE key = ?)`, []any{key})
	if err != nil {
		return nil, fmt.Errorf("look up %q: %w", name, err)
	}
	return nodes, nil
}

// Relations returns the relation edges that f selects.
func (s *Store) Relations(ctx context.Context, f graph.Filter) ([]graph.Edge, error) {
	var conds []string
	var args []any
	for _, id := range []string{f.Entity, f.Source, f.Target} {
		if id != "" {
			conds = append(conds, `(e.source = ? OR e.target = ?)`)
			args = append(args, id, id)
		}
	}
	if len(f.Types) > 0 {
		conds = append(conds, `e.type IN (`+strings.TrimSuffix(strings.Repeat("?,", len(f.Types)), ",")+`)`)
		for _, t := range f.Types {
			args = append(args, t)
		}
	}
	edges, err := s.edges(ctx, strings.Join(conds, " AND "), args)
	if err != nil {
		return nil, fmt.Errorf("relations: %w", err)
	}
	g := &graph.Graph{Edges: slices.DeleteFunc(edges, func(e graph.Edge) bool { return !f.Match(e) })}
	g.Sort() // the lists inside each edge, as in a Snapshot
	graph.SortEdges(g.Edges)
	return g.Edges, nil
}

// Mentions returns the number of articles that mention the entity id.
func (s *Store) Mentions(ctx context.Context, id string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM mentions WHERE node = ?`, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("mentions of %s: %w", id, err)
	}
	return n, nil
}

// Nodes returns the entities with the given ids.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]graph.Node, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	nodes, err := s.nodes(ctx, `n.id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`)`, args)
	if err != nil {
		return nil, fmt.Errorf("nodes: %w", err)
	}
	return nodes, nil
}
