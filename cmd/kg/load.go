package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/graph"
)

func loadCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "load extraction records (JSON Lines) into the graph",
		ArgsUsage: "FILE|- ...",
		Description: `load upserts the extraction records that kg extract wrote (JSON Lines, gzip
or not) into the store. Records of articles already held unchanged are
skipped; a malformed line is reported and skipped.

Example:
   kg extract news.jsonl.gz > records.jsonl
   kg load --neo4j bolt://127.0.0.1:7687 records.jsonl`,
		Flags: append(storeFlags(), batchSizeFlag()),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("load needs record files, or - for standard input")
			}
			return withStore(c, func(ctx context.Context, s graph.Store, where string) error {
				l := newLoader(ctx, s, c.Int("batch-size"))
				skipped := 0
				p := newProgress(e, "records")
				n := 0
				for _, in := range c.Args().Slice() {
					err := readRecords(e, in, func(name string, r kg.Record, err error) error {
						if err == nil {
							_, err = graph.Flatten(r)
						}
						if err != nil {
							skipped++
							fmt.Fprintf(e.stderr, "kg: skip %s: %v\n", name, err)
							return nil
						}
						n++
						p.tick(n, 0)
						return l.add(r)
					})
					if err != nil {
						return fmt.Errorf("%s: %w", where, err)
					}
				}
				if err := l.flush(); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
				p.done(n)
				fmt.Fprintf(e.stdout, "Read %d records (%d skipped): %s.\n", n, skipped, l.res)
				if err := printStats(ctx, e, s, where); err != nil {
					return err
				}
				if skipped > 0 {
					return fmt.Errorf("%w: %d", errSkipped, skipped)
				}
				return nil
			})
		},
	}
}

// readRecords calls fn with each record of a JSON Lines file ("-" is standard
// input), or with the error that kept a line from being one. It returns an
// error only when fn does.
func readRecords(e *env, name string, fn func(string, kg.Record, error) error) error {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fn(name, kg.Record{}, err)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, 1<<20)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fn(name, kg.Record{}, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<20)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		var rec kg.Record
		err := json.Unmarshal(line, &rec)
		if err != nil {
			err = fmt.Errorf("malformed record: %v", err)
		}
		if err := fn(fmt.Sprintf("%s:%d", name, n), rec, err); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fn(name, kg.Record{}, fmt.Errorf("read: %w", err))
	}
	return nil
}
