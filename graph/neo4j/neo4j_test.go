package neo4j

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
	"github.com/newsgraph/kg/schema"
)

// The tests run against the server that NEO4J_URI, NEO4J_USERNAME,
// NEO4J_PASSWORD and NEO4J_DATABASE name, and wipe its database: point them
// at a test server only. They run one after the other (no t.Parallel).

func testConfig(t *testing.T) Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI not set in CI")
		}
		t.Skip("NEO4J_URI not set; start a test server with `scripts/neo4j start` and `eval $(scripts/neo4j env)`")
	}
	return Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE")}
}

// openEmpty opens the test server's database, wipes it and initialises it.
func openEmpty(t *testing.T, cfg Config) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Reset(ctx); err != nil {
		t.Fatalf("Reset: %v", err)
	}
	return s
}

func TestStore(t *testing.T) {
	cfg := testConfig(t)
	storetest.Run(t, func(t *testing.T) graph.Store { return openEmpty(t, cfg) })
}

// With three rows per transaction every article is a chunk of its own, and
// removals and re-additions meet across transactions.
func TestStore_OneArticlePerTransaction(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 3
	storetest.Run(t, func(t *testing.T) graph.Store { return openEmpty(t, cfg) })
}

func TestOpen_Unreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = Open(ctx, Config{URI: "bolt://" + addr, Username: "neo4j", Password: "x"})
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("Open of a closed port: error %v, want one wrapping graph.ErrUnavailable", err)
	}
	if !strings.HasPrefix(err.Error(), "neo4j bolt://"+addr+": ") {
		t.Errorf("error %q does not start with the URI", err)
	}
}

func TestOpen_BadURI(t *testing.T) {
	_, err := Open(context.Background(), Config{URI: "http://127.0.0.1:7474"})
	if err == nil || errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("Open with an http URI: error %v, want a plain error", err)
	}
}

func TestOpen_WrongPassword(t *testing.T) {
	cfg := testConfig(t)
	cfg.Password += "-wrong"
	_, err := Open(context.Background(), cfg)
	if err == nil {
		t.Fatal("Open with a wrong password: no error")
	}
	if errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("wrong password reported as unavailable: %v", err)
	}
}

func TestOpen_UnknownDatabase(t *testing.T) {
	cfg := testConfig(t)
	cfg.Database = "kg-no-such-database"
	_, err := Open(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "database kg-no-such-database") {
		t.Fatalf("Open of a missing database: error %v, want one naming it", err)
	}
}

// reference loads recs through cfg into the emptied database and returns
// the store with the graph they make, the database emptied again for the
// test's own load.
func reference(t *testing.T, cfg Config, recs []kg.Record) (*Store, *graph.Graph) {
	t.Helper()
	ctx := context.Background()
	s := openEmpty(t, cfg)
	if err := s.Init(ctx); err != nil {
		t.Fatal(err)
	}
	g := loadSnapshot(t, s, recs)
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	return s, g
}

// loadConcurrently loads each part at the same time through a store of its
// own and returns what each Load returned.
func loadConcurrently(t *testing.T, cfg Config, parts ...[]kg.Record) []graph.LoadResult {
	t.Helper()
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, len(parts))
	results := make([]graph.LoadResult, len(parts))
	for i, part := range parts {
		s, err := Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = s.Load(ctx, part)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("loader %d: %v", i, err)
		}
	}
	return results
}

// loadSnapshot loads recs into s and returns the graph it then holds.
func loadSnapshot(t *testing.T, s *Store, recs []kg.Record) *graph.Graph {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Load(ctx, recs); err != nil {
		t.Fatalf("Load: %v", err)
	}
	g, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	return g
}

func query(t *testing.T, s *Store, cypher string, params map[string]any) [][]any {
	t.Helper()
	_, rows, err := s.Query(context.Background(), cypher, params)
	if err != nil {
		t.Fatalf("Query %q: %v", cypher, err)
	}
	return rows
}

// The stored form beyond what a Snapshot shows: uuids, Article metadata,
// per-article support and the aliases on MENTIONS.
func TestStore_StoredProperties(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	ctx := context.Background()
	if err := s.Init(ctx); err != nil {
		t.Fatal(err)
	}
	recs := storetest.Batch(3)
	recs[1].Entities[0].Props = map[string]string{"rank": "minister"}
	if _, err := s.Load(ctx, recs); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"person:official-00", "country:USA"} {
		rows := query(t, s, "MATCH (n {id: $id}) RETURN n.uuid", map[string]any{"id": id})
		if len(rows) != 1 || rows[0][0] != schema.UUID(id) {
			t.Errorf("uuid of %s = %v, want %s", id, rows, schema.UUID(id))
		}
	}
	rows := query(t, s, "MATCH (a:Article {id: 'syn-00000'}) RETURN a.uuid, a.hash, a.extractor, a.url", nil)
	if len(rows) != 1 || rows[0][0] != schema.UUID("syn-00000") || rows[0][1] != kg.ContentHash(recs[0].Article.Title, recs[0].Article.Text) ||
		rows[0][2] != "synthetic/1" || rows[0][3] != nil {
		t.Errorf("article syn-00000 = %v", rows)
	}
	rows = query(t, s, `MATCH (:Person {id: 'person:official-01'})-[r:REPRESENTS]->()
RETURN r.articles, r.support_confidence, r.support_rules, r.support_rule_articles, r.support_props, r.role`, nil)
	want := []any{[]any{"syn-00001"}, []any{0.7}, []any{"speaks-for"}, []any{"syn-00001"}, []any{`{"role":"role-1"}`}, "role-1"}
	if len(rows) != 1 || !equalAny(rows[0], want) {
		t.Errorf("REPRESENTS support = %v, want %v", rows, want)
	}
	rows = query(t, s, "MATCH (n:Person {id: 'person:official-01'}) RETURN n.rank", nil)
	if len(rows) != 1 || rows[0][0] != "minister" {
		t.Errorf("person:official-01 = %v, want rank minister", rows)
	}
	rows = query(t, s, "MATCH (:Article {id: 'syn-00000'})-[m:MENTIONS]->(:Country {id: 'country:USA'}) RETURN m.name, m.aliases, m.name_keys, m.props", nil)
	want = []any{"USA", []any{"USA government", "alias-0"}, []any{"alias-0", "usa", "usa-government"}, `{"iso3":"USA"}`}
	if len(rows) != 1 || !equalAny(rows[0], want) {
		t.Errorf("MENTIONS of the USA = %v, want %v", rows, want)
	}
	rows = query(t, s, "MATCH (n:Country {id: 'country:USA'}) RETURN n.name, n.name_article, n.name_keys", nil)
	want = []any{"USA", "syn-00000", []any{"alias-0", "usa", "usa-government"}}
	if len(rows) != 1 || !equalAny(rows[0], want) {
		t.Errorf("country:USA = %v, want %v", rows, want)
	}
}

func equalAny(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, xok := a[i].([]any)
		y, yok := b[i].([]any)
		if xok && yok {
			if !equalAny(x, y) {
				return false
			}
		} else if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestQuery(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	ctx := context.Background()
	cols, rows, err := s.QueryWrite(ctx, "CREATE (n:Scratch {name: $name, on: date('2024-01-02')}) RETURN n.name AS name, n.on AS on, n", map[string]any{"name": "x'}) //"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cols, ",") != "name,on,n" || len(rows) != 1 || rows[0][0] != "x'}) //" || rows[0][1] != "2024-01-02" {
		t.Fatalf("QueryWrite: cols %q rows %v", cols, rows)
	}
	if n, ok := rows[0][2].(map[string]any); !ok || n["labels"].([]string)[0] != "Scratch" {
		t.Errorf("node value = %#v, want a map with labels", rows[0][2])
	}
	_, _, err = s.Query(ctx, "CREATE (n:Scratch) RETURN n", nil)
	if err == nil {
		t.Error("Query ran a write in a read transaction")
	}
	if _, _, err := s.Query(ctx, "MATCH (n:Scratch) RETURN count(*) AS n", nil); err != nil {
		t.Error(err)
	}
	if _, _, err := s.Query(ctx, "THIS IS NOT CYPHER", nil); err == nil || errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("bad Cypher: error %v, want a plain error", err)
	}
}

// Two loaders on overlapping batches end with the graph of one sequential
// load: no duplicate nodes or edges, no lost evidence.
func TestStore_ConcurrentLoads(t *testing.T) {
	cfg := testConfig(t)
	ctx := context.Background()
	recs := storetest.Batch(300)
	ref, want := reference(t, cfg, recs) // in chunks of the default size
	cfg.BatchSize = 40                   // the loaders, in many small chunks that interleave
	reversed := make([]kg.Record, 0, 200)
	for i := 299; i >= 100; i-- {
		reversed = append(reversed, recs[i])
	}
	loadConcurrently(t, cfg, recs[:200], reversed, recs[50:250])
	got, err := ref.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := storetest.Diff(want, got); d != "" {
		t.Errorf("concurrent loads differ from one sequential load:\n%s", d)
	}
	// Nothing is duplicated, however the loads interleaved.
	rows := query(t, ref, `MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id`, nil)
	rows = append(rows, query(t, ref, `MATCH (s)-[r]->(t) WITH s, t, type(r) AS ty, r.date AS d, count(*) AS c WHERE c > 1 RETURN s.id, ty, t.id, d`, nil)...)
	if len(rows) > 0 {
		t.Errorf("duplicates: %v", rows)
	}
}

// Two loaders that load different versions of the same articles at once
// (one the articles as first extracted, the other as re-extracted) end
// with each article in one of its versions and exactly the graph that a
// sequential load of those versions gives: no article with the support of
// both. The articles are new to the graph, or held in a third version that
// both loaders replace.
func TestStore_ConcurrentVersions(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 40
	v1 := storetest.Batch(120)
	version := func(extractor string, edit func(*kg.Record)) []kg.Record {
		out := make([]kg.Record, len(v1))
		for i, r := range v1 {
			r.Article.Extractor = extractor
			r.Relations = append([]kg.Relation(nil), r.Relations...)
			edit(&r)
			out[i] = r
		}
		return out
	}
	v0 := version("synthetic/0", func(r *kg.Record) { r.Relations = r.Relations[:1] }) // MET_WITH only
	v2 := version("synthetic/2", func(r *kg.Record) {
		r.Relations = r.Relations[1:] // no MET_WITH
		r.Relations[0].Confidence = 0.99
	})
	slices.Reverse(v2) // loaded in the other order, so that the loaders meet
	byVersion := map[string][]kg.Record{"synthetic/1": v1, "synthetic/2": v2}
	for _, tc := range []struct {
		name string
		held []kg.Record
		want graph.LoadResult // the two loaders' counts added
	}{
		{"new", nil, graph.LoadResult{Loaded: len(v1), Replaced: len(v1)}},
		{"held", v0, graph.LoadResult{Replaced: 2 * len(v1)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := openEmpty(t, cfg)
			if err := s.Init(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Load(ctx, tc.held); err != nil {
				t.Fatal(err)
			}
			var total graph.LoadResult
			for _, r := range loadConcurrently(t, cfg, v1, v2) {
				total.Add(r)
			}
			if total != tc.want {
				t.Errorf("the loaders' counts add up to %+v, want %+v", total, tc.want)
			}
			got, err := s.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// The versions that the graph holds, loaded one by one.
			held := map[string]string{}
			for _, row := range query(t, s, "MATCH (a:Article) RETURN a.id, a.extractor", nil) {
				held[row[0].(string)] = row[1].(string)
			}
			var want []kg.Record
			n := map[string]int{}
			for _, r := range v1 {
				e := held[r.Article.ID]
				i := slices.IndexFunc(byVersion[e], func(x kg.Record) bool { return x.Article.ID == r.Article.ID })
				if i < 0 {
					t.Fatalf("article %s: held as %q", r.Article.ID, e)
				}
				want = append(want, byVersion[e][i])
				n[e]++
			}
			t.Logf("versions held: %v", n)
			if err := s.Reset(ctx); err != nil {
				t.Fatal(err)
			}
			if d := storetest.Diff(loadSnapshot(t, s, want), got); d != "" {
				t.Errorf("concurrent loads of two versions differ from a sequential load of the versions held:\n%s", d)
			}
		})
	}
}

// proxy forwards TCP connections to the server until cut, after which it
// refuses them: the server "goes away" for the store behind it.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
}

// viaProxy starts a proxy in front of the server of cfg and returns it with
// cfg through it. It skips the test unless cfg's URI is bolt://host:port.
func viaProxy(t *testing.T, cfg Config) (*proxy, Config) {
	t.Helper()
	host := strings.TrimPrefix(cfg.URI, "bolt://")
	if host == cfg.URI || strings.Contains(host, "/") {
		t.Skipf("the fault test needs a bolt://host:port URI, not %s", cfg.URI)
	}
	p := startProxy(t, host)
	cfg.URI = "bolt://" + p.ln.Addr().String()
	return p, cfg
}

func startProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return serveProxy(t, ln, target)
}

// serveProxy forwards the connections that ln accepts to target.
func serveProxy(t *testing.T, ln net.Listener, target string) *proxy {
	p := &proxy{ln: ln, target: target}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, u); c.Close() }()
		}
	}()
	t.Cleanup(p.cut)
	return p
}

// drop closes the open connections but goes on accepting new ones: a
// network blip.
func (p *proxy) drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) cut() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// If Neo4j goes away mid-load, Load says so with graph.ErrUnavailable, the
// graph holds whole articles only, and a rerun completes it to exactly the
// graph of an uninterrupted load.
func TestStore_ServerGoneMidLoad(t *testing.T) {
	cfg := testConfig(t)
	ctx := context.Background()
	recs := storetest.Batch(300)
	direct, want := reference(t, cfg, recs) // and the rerun, in chunks of the default size
	cfg.BatchSize = 30                      // the interrupted load, in many small chunks
	p, flakyCfg := viaProxy(t, cfg)
	flakyCfg.MaxRetryTime = 2 * time.Second
	flaky, err := Open(ctx, flakyCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer flaky.Close()
	done := make(chan struct{})
	go func() { // cut once some chunks are in
		defer close(done)
		for {
			_, rows, err := direct.Query(ctx, "MATCH (a:Article) RETURN count(a)", nil)
			if err == nil && rows[0][0].(int64) >= 40 {
				p.cut()
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	start := time.Now()
	_, err = flaky.Load(ctx, recs)
	<-done
	t.Logf("load stopped after %v: %v", time.Since(start).Round(time.Millisecond), err)
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("Load with the server gone: error %v, want one wrapping graph.ErrUnavailable", err)
	}
	partial, err := direct.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var present []string
	held := map[string]bool{}
	for _, n := range partial.Nodes {
		if n.Label == schema.Article {
			present = append(present, n.ID)
			held[n.ID] = true
		}
	}
	if len(present) == 0 || len(present) == len(recs) {
		t.Fatalf("the cut came at the wrong time: %d of %d articles in", len(present), len(recs))
	}
	t.Logf("%d of %d articles were in when the server went away", len(present), len(recs))

	res, err := direct.Load(ctx, recs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped != len(present) || res.Loaded != len(recs)-len(present) {
		t.Errorf("rerun: %+v, want %d skipped and %d loaded", res, len(present), len(recs)-len(present))
	}
	got, err := direct.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := storetest.Diff(want, got); d != "" {
		t.Errorf("rerun after the fault differs from an uninterrupted load:\n%s", d)
	}

	// What the fault left was exactly the graph of the articles it held.
	if err := direct.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	var some []kg.Record
	for _, r := range recs {
		if held[r.Article.ID] {
			some = append(some, r)
		}
	}
	whole := loadSnapshot(t, direct, some)
	if d := storetest.Diff(whole, partial); d != "" {
		t.Errorf("the interrupted load left half-written articles:\n%s", d)
	}
}

// Connections that drop mid-load are retried (by the driver, or by Load
// itself when one is lost during a commit): the load completes to the graph
// of an undisturbed one.
func TestStore_ConnectionsDroppedMidLoad(t *testing.T) {
	cfg := testConfig(t)
	ctx := context.Background()
	recs := storetest.Batch(250)
	direct, want := reference(t, cfg, recs) // in chunks of the default size
	cfg.BatchSize = 30                      // the disturbed load, in many small chunks
	p, flakyCfg := viaProxy(t, cfg)
	flaky, err := Open(ctx, flakyCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer flaky.Close()
	stop, done := make(chan struct{}), make(chan struct{})
	drops := 0
	go func() {
		defer close(done)
		for i := 0; i < 6; i++ {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				p.drop()
				drops++
			}
		}
	}()
	res, err := flaky.Load(ctx, recs)
	close(stop)
	<-done
	t.Logf("load with %d dropped connections: %+v, %v", drops, res, err)
	if err != nil {
		t.Fatalf("Load with %d dropped connections: %v", drops, err)
	}
	if drops == 0 {
		t.Fatal("the load ended before any connection was dropped")
	}
	if res.Loaded != len(recs) {
		t.Errorf("Load: %+v, want %d loaded", res, len(recs))
	}
	got, err := direct.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := storetest.Diff(want, got); d != "" {
		t.Errorf("load with dropped connections differs from an undisturbed one:\n%s", d)
	}
}
