package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	kg "github.com/newsgraph/kg"
)

func extractCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "write the extraction records of articles as JSON Lines",
		ArgsUsage: "FILE|DIR|- ...",
		Description: `extract reads articles like build does and writes one extraction record per
article (the format of ONTOLOGY.md) to standard output or --output, in input
order. The output is the same, byte for byte, for the same input.

Example:
   kg extract fixtures/articles > records.jsonl
   kg load records.jsonl`,
		Flags: append(extractFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("extract needs articles: a file, a directory or - for standard input")
			}
			x, err := newExtractor(c)
			if err != nil {
				return err
			}
			out := e.stdout
			if p := c.String("output"); p != "" {
				f, err := os.Create(p)
				if err != nil {
					return err
				}
				defer f.Close()
				out = f
			}
			w := bufio.NewWriter(out)
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			read, err := extractBatch(c.Context, e, c.Args().Slice(), x, func(r kg.Record) error {
				return enc.Encode(r)
			})
			if ferr := w.Flush(); err == nil {
				err = ferr
			}
			if err != nil {
				return err
			}
			if read.Skipped > 0 {
				return fmt.Errorf("%w: %d", errSkipped, read.Skipped)
			}
			return nil
		},
	}
}
