package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

func buildCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "extract articles and load them into the graph",
		ArgsUsage: "FILE|DIR|- ...",
		Description: `build reads articles (plain .txt/.md files, JSON Lines batches, gzip-compressed
or not, directories of them, or - for standard input), extracts entities and
relations and upserts them into the store. Articles already loaded unchanged
are skipped; articles whose text or extractor changed replace their old
contribution. It prints what it did and what the graph holds.

Example:
   kg build fixtures/articles
   kg build --neo4j bolt://127.0.0.1:7687 news/2024-*.jsonl.gz`,
		Flags: append(append(storeFlags(), extractFlags()...), batchSizeFlag()),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("build needs articles: a file, a directory or - for standard input")
			}
			x, err := newExtractor(c)
			if err != nil {
				return err
			}
			return withStore(c, func(ctx context.Context, s graph.Store, where string) error {
				l := newLoader(ctx, s, c.Int("batch-size"))
				read, err := extractBatch(ctx, e, c.Args().Slice(), x, l.add)
				if err == nil {
					err = l.flush()
				}
				if err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
				fmt.Fprintf(e.stdout, "Read %s: %s.\n", read, l.res)
				fmt.Fprintf(e.stdout, "Extracted %s.\n", l.tally)
				if err := printStats(ctx, e, s, where); err != nil {
					return err
				}
				if read.Skipped > 0 {
					return fmt.Errorf("%w: %d", errSkipped, read.Skipped)
				}
				return nil
			})
		},
	}
}

func batchSizeFlag() cli.Flag {
	return &cli.IntFlag{Name: "batch-size", Value: 1000, Usage: "articles per store transaction"}
}

// loader collects records into batches and loads each into the store.
type loader struct {
	ctx   context.Context
	s     graph.Store
	size  int
	recs  []kg.Record
	res   loadResult
	tally tally
}

// tally counts what records hold: entities, and relations by type.
type tally struct {
	entities  int
	relations map[string]int
}

func (t *tally) add(r kg.Record) {
	if t.relations == nil {
		t.relations = map[string]int{}
	}
	t.entities += len(r.Entities)
	for _, rel := range r.Relations {
		t.relations[rel.Type]++
	}
}

func (t tally) String() string {
	n := 0
	var parts []string
	for _, rt := range schema.RelationTypes {
		if c := t.relations[rt.Name]; c > 0 {
			n += c
			parts = append(parts, fmt.Sprintf("%s %d", rt.Name, c))
		}
	}
	s := fmt.Sprintf("%d entities and %d relations", t.entities, n)
	if n > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

// loadResult prints a graph.LoadResult for people.
type loadResult struct{ graph.LoadResult }

func (r loadResult) String() string {
	return fmt.Sprintf("%d loaded, %d replaced, %d unchanged", r.Loaded, r.Replaced, r.Skipped)
}

func newLoader(ctx context.Context, s graph.Store, size int) *loader {
	return &loader{ctx: ctx, s: s, size: max(size, 1)}
}

func (l *loader) add(r kg.Record) error {
	l.tally.add(r)
	l.recs = append(l.recs, r)
	if len(l.recs) >= l.size {
		return l.flush()
	}
	return nil
}

func (l *loader) flush() error {
	if len(l.recs) == 0 {
		return nil
	}
	res, err := l.s.Load(l.ctx, l.recs)
	if err != nil {
		return err
	}
	l.res.Add(res)
	l.recs = l.recs[:0]
	return nil
}
