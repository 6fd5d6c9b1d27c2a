package neo4j

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

// The load benchmark of issue 4: a real corpus into the real Neo4j, the
// naive way against kg's loader, and a reload. It is a command to run by
// hand, not a timed test: it wipes the database of the server that
// NEO4J_URI names and runs only when KG_BENCH_RECORDS names a file of
// extraction records (JSON Lines as kg extract writes them, gzip or not):
//
//	go run ./cmd/kg extract ../shared/corpus/whitehouse.jsonl.gz -o /tmp/wh.records.jsonl
//	KG_BENCH_RECORDS=/tmp/wh.records.jsonl go test ./graph/neo4j -run '^$' \
//	    -bench 'BenchmarkLoad$' -benchtime 1x -timeout 2h
//
// Other settings, all optional:
//
//	KG_BENCH_NAIVE    articles for the naive way and the loader's run on the
//	                  same sample (default 1000; "all" for the whole corpus)
//	KG_BENCH_TAIL     articles at the end of the corpus for the comparison on
//	                  a big graph (default 1000; 0 to leave it out)
//	KG_BENCH_ARTICLES records per Store.Load call (default 1000, as kg load)
//	KG_BENCH_ROWS     Config.BatchSize of the loader (default DefaultBatchSize);
//	                  BenchmarkLoadBatchSize takes a comma-separated list
//	KG_BENCH_CHECK=1  check that the naive way and the loader build the same
//	                  graph of the sample (one Snapshot each, untimed)
//
// Records are read from the file as kg load reads them, benchArticles to a
// Store.Load call (the default of kg load's --batch-size), so the time and
// the memory are those of `kg load FILE`, JSON decoding included.
//
// Each sub-benchmark reports articles/s, nodes/s and rels/s (the nodes and
// relationships that the run added to the graph over the wall time: for a
// reload, those of the graph, which it skipped), statements (for the naive way: the Cypher statements,
// and so transactions, it sent), peak-heap-MB (the largest live Go heap
// during the run, sampled every 5 ms after a GC) and maxrss-MB (the
// process's peak resident set so far: it only grows).
const benchArticles = 1000

// benchEnv is what the load benchmarks share.
type benchEnv struct {
	path  string
	cfg   Config
	naive int // articles in the naive sample; 0 for all
	tail  int // articles in the tail comparison; 0 for none
	// articles is the number of records per Store.Load call.
	articles int
}

func newBenchEnv(b *testing.B) benchEnv {
	b.Helper()
	path := os.Getenv("KG_BENCH_RECORDS")
	if path == "" {
		b.Skip("KG_BENCH_RECORDS not set: see bench_test.go (go run ./cmd/kg extract CORPUS -o FILE, then KG_BENCH_RECORDS=FILE)")
	}
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		b.Skip("NEO4J_URI not set; start a server with `scripts/neo4j start` and `eval $(scripts/neo4j env)`")
	}
	e := benchEnv{path: path, naive: 1000, tail: 1000, articles: benchArticles, cfg: Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}}
	if v := os.Getenv("KG_BENCH_NAIVE"); v == "all" {
		e.naive = 0
	} else if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("KG_BENCH_NAIVE=%q: want a positive number of articles or all", v)
		}
		e.naive = n
	}
	if v := os.Getenv("KG_BENCH_TAIL"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			b.Fatalf("KG_BENCH_TAIL=%q: want a number of articles (0 for none)", v)
		}
		e.tail = n
	}
	if v := os.Getenv("KG_BENCH_ARTICLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("KG_BENCH_ARTICLES=%q: want a positive number of articles", v)
		}
		e.articles = n
	}
	return e
}

// rowSizes reads KG_BENCH_ROWS.
func rowSizes(b *testing.B) []int {
	v := os.Getenv("KG_BENCH_ROWS")
	if v == "" {
		return []int{DefaultBatchSize}
	}
	var out []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			b.Fatalf("KG_BENCH_ROWS=%q: want positive numbers separated by commas", v)
		}
		out = append(out, n)
	}
	return out
}

// open opens the store with the given rows per transaction, initialised.
func (e benchEnv) open(b *testing.B, rows int) *Store {
	b.Helper()
	cfg := e.cfg
	cfg.BatchSize = rows
	s, err := Open(context.Background(), cfg)
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Init(context.Background()); err != nil {
		b.Fatalf("Init: %v", err)
	}
	return s
}

// span selects records of the file: limit records (all if 0) after the
// first skip.
type span struct{ skip, limit int }

// eachBatch streams the records of sp in slices of e.articles, and returns
// how many it streamed.
func (e benchEnv) eachBatch(sp span, fn func([]kg.Record) error) (int, error) {
	f, err := os.Open(e.path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if strings.HasSuffix(e.path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return 0, err
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n, skipped := 0, 0
	var recs []kg.Record
	for sc.Scan() && (sp.limit == 0 || n < sp.limit) {
		if len(sc.Bytes()) == 0 {
			continue
		}
		if skipped < sp.skip {
			skipped++
			continue
		}
		var rec kg.Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return n, fmt.Errorf("%s: record %d: %w", e.path, skipped+n+1, err)
		}
		n++
		recs = append(recs, rec)
		if len(recs) == e.articles {
			if err := fn(recs); err != nil {
				return n, err
			}
			recs = nil
		}
	}
	if err := sc.Err(); err != nil {
		return n, err
	}
	if len(recs) > 0 {
		return n, fn(recs)
	}
	return n, nil
}

// run is one timed pass: how many articles it read, statements it sent,
// and the graph it left.
type run struct {
	articles, statements int
	res                  graph.LoadResult
	nodes, rels          int64
	took                 time.Duration
	peakHeap, maxRSS     uint64
}

// pass times load over the articles of sp and measures what it added to
// the graph (for a reload, which skips every article: the whole graph). b's
// timer runs only around load.
func (e benchEnv) pass(b *testing.B, s *Store, sp span, load func([]kg.Record) (int, graph.LoadResult, error)) run {
	b.Helper()
	var r run
	nodes0, rels0 := graphSize(b, s)
	w := watchHeap()
	b.StartTimer()
	start := time.Now()
	n, err := e.eachBatch(sp, func(recs []kg.Record) error {
		st, res, err := load(recs)
		r.statements += st
		r.res.Add(res)
		return err
	})
	r.took = time.Since(start)
	b.StopTimer()
	r.peakHeap = w.stop()
	r.maxRSS = maxRSS()
	if err != nil {
		b.Fatal(err)
	}
	r.articles = n
	r.nodes, r.rels = graphSize(b, s)
	if r.res.Skipped < r.articles {
		r.nodes, r.rels = r.nodes-nodes0, r.rels-rels0
	}
	return r
}

// graphSize counts the nodes and relationships of the graph.
func graphSize(b *testing.B, s *Store) (nodes, rels int64) {
	st, err := s.Stats(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range st.Nodes {
		nodes += c
	}
	for _, c := range st.Relationships {
		rels += c
	}
	return nodes, rels
}

func (r run) report(b *testing.B, what string) {
	sec := r.took.Seconds()
	b.ReportMetric(float64(r.articles)/sec, "articles/s")
	b.ReportMetric(float64(r.nodes)/sec, "nodes/s")
	b.ReportMetric(float64(r.rels)/sec, "rels/s")
	if r.statements > 0 {
		b.ReportMetric(float64(r.statements), "statements")
	}
	b.ReportMetric(float64(r.peakHeap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(r.maxRSS)/(1<<20), "maxrss-MB")
	b.Logf("%s: %d articles (loaded %d, replaced %d, skipped %d) → %d nodes, %d relationships in %s, %d statements",
		what, r.articles, r.res.Loaded, r.res.Replaced, r.res.Skipped, r.nodes, r.rels, r.took.Round(time.Millisecond), r.statements)
}

// loader is kg's loader as a load function (it does not count statements).
func loader(ctx context.Context, s *Store) func([]kg.Record) (int, graph.LoadResult, error) {
	return func(recs []kg.Record) (int, graph.LoadResult, error) {
		res, err := s.Load(ctx, recs)
		return 0, res, err
	}
}

func naive(ctx context.Context, s *Store) func([]kg.Record) (int, graph.LoadResult, error) {
	return func(recs []kg.Record) (int, graph.LoadResult, error) {
		n, err := naiveLoad(ctx, s, recs)
		return n, graph.LoadResult{Loaded: len(recs)}, err
	}
}

func reset(b *testing.B, s *Store) {
	b.Helper()
	if err := s.Reset(context.Background()); err != nil {
		b.Fatalf("Reset: %v", err)
	}
}

// BenchmarkLoad measures, in this order: the naive way on a sample of the
// corpus (its first articles) loaded into an empty graph, kg's loader on
// the same sample, kg's loader on the whole corpus, a reload of the whole
// corpus (every article skipped), and then the naive way and kg's loader
// on the corpus's last articles loaded onto a graph of all the others (as
// a new batch comes to a graph that holds years of news: the hub edges are
// long). The database is wiped before each but the reload.
func BenchmarkLoad(b *testing.B) {
	e := newBenchEnv(b)
	ctx := context.Background()
	rows := rowSizes(b)[0]
	s := e.open(b, rows)
	sample := "sample"
	if e.naive == 0 {
		sample = "all"
	}
	var naiveRun, sampleRun, fullRun, reloadRun run
	var naiveGraph *graph.Graph
	check := os.Getenv("KG_BENCH_CHECK") == "1"

	b.Run("naive/"+sample, func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			reset(b, s)
			naiveRun = e.pass(b, s, span{limit: e.naive}, naive(ctx, s))
		}
		naiveRun.report(b, "naive")
		if check {
			g, err := s.Snapshot(ctx)
			if err != nil {
				b.Fatal(err)
			}
			naiveGraph = g
		}
	})
	b.Run(fmt.Sprintf("loader/%s/rows=%d", sample, rows), func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			reset(b, s)
			sampleRun = e.pass(b, s, span{limit: e.naive}, loader(ctx, s))
		}
		sampleRun.report(b, "loader on the naive sample")
		if naiveGraph != nil {
			g, err := s.Snapshot(ctx)
			if err != nil {
				b.Fatal(err)
			}
			// Where articles give an entity or edge conflicting props, the
			// loader keeps those of the greatest article id, the naive way
			// those of the last article loaded (it takes an entity's name
			// from the greatest article id, as the loader does): compare
			// the props apart.
			if d := storetest.Diff(withoutProps(g), withoutProps(naiveGraph)); d != "" {
				b.Errorf("the naive way built another graph than the loader (want: loader, got: naive):\n%.4000s", d)
			} else {
				b.Logf("check: the naive way and the loader built the same graph (%d nodes, %d edges)", len(g.Nodes), len(g.Edges))
			}
			if d := storetest.Diff(g, naiveGraph); d != "" {
				b.Logf("check: props that differ (articles disagree, the loader keeps the greatest article id's):\n%.2000s", d)
			}
		}
	})
	b.Run(fmt.Sprintf("loader/all/rows=%d", rows), func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			reset(b, s)
			fullRun = e.pass(b, s, span{}, loader(ctx, s))
		}
		fullRun.report(b, "loader")
	})
	b.Run(fmt.Sprintf("reload/all/rows=%d", rows), func(b *testing.B) {
		b.StopTimer()
		if fullRun.articles == 0 { // run alone: load first, untimed
			e.pass(b, s, span{}, loader(ctx, s))
		}
		for range b.N {
			b.StopTimer()
			reloadRun = e.pass(b, s, span{}, loader(ctx, s))
		}
		reloadRun.report(b, "reload")
		if reloadRun.res.Skipped != reloadRun.articles {
			b.Errorf("reload skipped %d of %d articles", reloadRun.res.Skipped, reloadRun.articles)
		}
	})

	var naiveTail, loaderTail run
	if e.tail > 0 {
		total, err := e.eachBatch(span{}, func([]kg.Record) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		head, tail := span{limit: max(total-e.tail, 0)}, span{skip: max(total-e.tail, 0)}
		for _, t := range []struct {
			name string
			out  *run
			load func([]kg.Record) (int, graph.LoadResult, error)
		}{{"naive", &naiveTail, naive(ctx, s)}, {"loader", &loaderTail, loader(ctx, s)}} {
			b.Run(fmt.Sprintf("%s/tail/rows=%d", t.name, rows), func(b *testing.B) {
				for range b.N {
					b.StopTimer()
					reset(b, s)
					e.pass(b, s, head, loader(ctx, s)) // untimed
					*t.out = e.pass(b, s, tail, t.load)
				}
				t.out.report(b, fmt.Sprintf("%s, the last %d articles onto the first %d", t.name, t.out.articles, head.limit))
			})
		}
	}

	// The parent of sub-benchmarks has its log discarded: print.
	summary := func(format string, args ...any) { fmt.Printf("BenchmarkLoad: "+format+"\n", args...) }
	perArticle := func(r run) float64 { return r.took.Seconds() / float64(r.articles) }
	if naiveRun.articles > 0 && sampleRun.articles > 0 {
		summary("loader vs naive on the same %d articles: %.1f× faster (%.1f vs %.1f articles/s)",
			naiveRun.articles, perArticle(naiveRun)/perArticle(sampleRun), 1/perArticle(sampleRun), 1/perArticle(naiveRun))
	}
	if naiveRun.articles > 0 && fullRun.articles > 0 {
		summary("loader on all %d articles vs naive per article: %.1f× faster", fullRun.articles, perArticle(naiveRun)/perArticle(fullRun))
	}
	if naiveTail.articles > 0 && loaderTail.articles > 0 {
		summary("loader vs naive on the last %d articles, onto a graph of the others: %.1f× faster (%.1f vs %.1f articles/s)",
			loaderTail.articles, perArticle(naiveTail)/perArticle(loaderTail), 1/perArticle(loaderTail), 1/perArticle(naiveTail))
	}
	if fullRun.articles > 0 && reloadRun.articles > 0 {
		summary("reload vs first load: %.1f× faster (%s vs %s)", fullRun.took.Seconds()/reloadRun.took.Seconds(),
			reloadRun.took.Round(time.Millisecond), fullRun.took.Round(time.Millisecond))
	}
}

// BenchmarkLoadBatchSize loads the whole corpus into an empty database with
// each of the rows per transaction in KG_BENCH_ROWS (default 100, 500,
// 1000, 2000, 5000), then reloads it.
func BenchmarkLoadBatchSize(b *testing.B) {
	e := newBenchEnv(b)
	ctx := context.Background()
	sizes := []int{100, 500, 1000, 2000, 5000}
	if os.Getenv("KG_BENCH_ROWS") != "" {
		sizes = rowSizes(b)
	}
	for _, rows := range sizes {
		s := e.open(b, rows)
		loaded := false
		b.Run(fmt.Sprintf("load/rows=%d", rows), func(b *testing.B) {
			var r run
			for range b.N {
				b.StopTimer()
				reset(b, s)
				r = e.pass(b, s, span{}, loader(ctx, s))
			}
			loaded = true
			r.report(b, fmt.Sprintf("load, %d rows per transaction", rows))
		})
		b.Run(fmt.Sprintf("reload/rows=%d", rows), func(b *testing.B) {
			b.StopTimer()
			if !loaded { // run alone: load first, untimed
				e.pass(b, s, span{}, loader(ctx, s))
			}
			var r run
			for range b.N {
				b.StopTimer()
				r = e.pass(b, s, span{}, loader(ctx, s))
			}
			r.report(b, fmt.Sprintf("reload, %d rows per transaction", rows))
		})
	}
}

// withoutProps returns a copy of g without the props of nodes and edges.
func withoutProps(g *graph.Graph) *graph.Graph {
	c := &graph.Graph{Nodes: slices.Clone(g.Nodes), Edges: slices.Clone(g.Edges)}
	for i := range c.Nodes {
		c.Nodes[i].Props = nil
	}
	for i := range c.Edges {
		c.Edges[i].Props = nil
	}
	return c
}

// heapWatch samples the live Go heap until stopped.
type heapWatch struct {
	done chan struct{}
	wg   sync.WaitGroup
	peak uint64
}

func watchHeap() *heapWatch {
	runtime.GC()
	w := &heapWatch{done: make(chan struct{})}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > w.peak {
			w.peak = v
		}
	}
	read()
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				read()
				return
			case <-t.C:
				read()
			}
		}
	}()
	return w
}

func (w *heapWatch) stop() uint64 {
	close(w.done)
	w.wg.Wait()
	return w.peak
}

// maxRSS is the peak resident set of this process so far.
func maxRSS() uint64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return uint64(ru.Maxrss) * 1024 // kilobytes on Linux
}
