package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/batch"
	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/kb"
)

// readCounts says how much of a batch was read.
type readCounts struct {
	Articles int            // articles extracted
	Skipped  int            // inputs or lines skipped, each reported on stderr
	Reasons  map[string]int // skipped inputs by reason
	Took     time.Duration
}

// String summarises the counts for people: "11 articles in 1.2s (2 inputs
// skipped: 1 empty, 1 malformed)".
func (r readCounts) String() string {
	s := fmt.Sprintf("%d articles in %s", r.Articles, r.Took.Round(time.Millisecond))
	if r.Skipped == 0 {
		return s
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(r.Reasons)) {
		parts = append(parts, fmt.Sprintf("%d %s", r.Reasons[k], k))
	}
	return fmt.Sprintf("%s (%d inputs skipped: %s)", s, r.Skipped, strings.Join(parts, ", "))
}

// reason names the kind of problem an input had.
func reason(err error) string {
	for _, e := range []error{batch.ErrEmpty, batch.ErrBinary, batch.ErrTooLarge, batch.ErrMalformed, batch.ErrNoArticle} {
		if errors.Is(err, e) {
			return e.Error()
		}
	}
	return "unreadable"
}

// extractFlags let users extend the knowledge base and the rules.
func extractFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "kb", EnvVars: []string{"KG_KB"}, Usage: "extend the knowledge base with this JSON `FILE` or directory (repeatable)"},
		&cli.StringSliceFlag{Name: "rules", EnvVars: []string{"KG_RULES"}, Usage: "add or override extraction rules from this `FILE` or directory of *.rules (repeatable)"},
	}
}

// newExtractor loads the knowledge base and rules, with the user's
// additions, and returns an extractor over them.
func newExtractor(c *cli.Context) (*extract.Extractor, error) {
	k, err := kb.Load(c.StringSlice("kb")...)
	if err != nil {
		return nil, err
	}
	return extract.NewWithOptions(k, extract.Options{Rules: c.StringSlice("rules")})
}

// extractBatch reads the inputs, extracts their articles on all cores and
// calls emit with each record in input order. Memory stays bounded whatever
// the size of the batch: only a few records per worker are in flight.
func extractBatch(ctx context.Context, e *env, inputs []string, x *extract.Extractor, emit func(kg.Record) error) (readCounts, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		article  kg.Article
		consumed int64
		done     chan kg.Record
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job, workers*4)
	queue := make(chan job, workers*4)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.done <- x.Extract(j.article)
			}
		}()
	}

	counts := readCounts{Reasons: map[string]int{}}
	start := time.Now()
	var readErr error
	go func() {
		defer close(queue)
		defer close(jobs)
		readErr = batch.Read(ctx, inputs, e.stdin, func(it batch.Item) error {
			if it.Err != nil {
				counts.Skipped++
				counts.Reasons[reason(it.Err)]++
				fmt.Fprintf(e.stderr, "kg: skip %s: %v\n", it.Name, it.Err)
				return nil
			}
			j := job{article: it.Article, consumed: it.Consumed, done: make(chan kg.Record, 1)}
			select {
			case queue <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
			jobs <- j
			return nil
		})
	}()

	p := newProgress(e, "articles")
	if p.on() {
		p.total = batch.Size(inputs)
	}
	var emitErr error
	for j := range queue {
		rec := <-j.done
		if emitErr != nil {
			continue // drain so the reader and workers finish
		}
		if emitErr = emit(rec); emitErr != nil {
			cancel()
			continue
		}
		counts.Articles++
		p.tick(counts.Articles, j.consumed)
	}
	wg.Wait()
	p.done(counts.Articles)
	counts.Took = time.Since(start)
	if emitErr != nil {
		return counts, emitErr
	}
	if readErr != nil {
		return counts, readErr
	}
	return counts, nil
}

// progress prints a line on stderr every second while long work goes on,
// only when stderr is a terminal.
type progress struct {
	e     *env
	what  string
	total int64 // bytes of input, when known, for the share done and time left
	start time.Time
	last  time.Time
}

func newProgress(e *env, what string) *progress {
	now := time.Now()
	return &progress{e: e, what: what, start: now, last: now}
}

// on reports whether progress is shown at all.
func (p *progress) on() bool { return p.e.progress }

// tick reports n items done and, if the total is known, consumed bytes of it.
func (p *progress) tick(n int, consumed int64) {
	if !p.e.progress || time.Since(p.last) < time.Second {
		return
	}
	p.last = time.Now()
	el := time.Since(p.start)
	line := fmt.Sprintf("%d %s, %.0f/s", n, p.what, float64(n)/el.Seconds())
	if p.total > 0 && consumed > 0 {
		done := min(float64(consumed)/float64(p.total), 1)
		left := time.Duration(float64(el) * (1 - done) / done)
		line += fmt.Sprintf(", %.0f%%, %s left", 100*done, left.Round(time.Second))
	}
	fmt.Fprintf(p.e.stderr, "\r%s   ", line)
}

func (p *progress) done(n int) {
	if p.e.progress && p.last != p.start {
		fmt.Fprintf(p.e.stderr, "\r%d %s in %s\n", n, p.what, time.Since(p.start).Round(time.Millisecond))
	}
}
