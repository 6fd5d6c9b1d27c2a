package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/eval"
)

func evalCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against gold annotations (precision, recall, F1)",
		ArgsUsage: "ARTICLES...",
		Description: `eval extracts the articles (like kg extract) — or reads records that kg
extract wrote, with --records — and scores them against the gold files in
--gold: precision, recall and F1 for the core relation types together and
each alone, the extended types, and entities, plus date accuracy. With
--verbose it lists each miss and false positive with its sentence. The gold
format and the scoring rules are those of shared/gold/README.md.

Example:
   kg eval --gold ../shared/gold/dev ../shared/gold/dev/articles.jsonl
   kg eval --gold my-annotations/ --records records.jsonl --verbose`,
		Flags: append(extractFlags(),
			&cli.StringFlag{Name: "gold", Required: true, Usage: "`DIR` of gold annotation files (<article id>.json)"},
			&cli.StringSliceFlag{Name: "records", Usage: "score the records in `FILE` instead of extracting (repeatable)"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every miss and false positive"},
			&cli.BoolFlag{Name: "json", Usage: "write the report as JSON"},
		),
		Action: func(c *cli.Context) error {
			gold, err := eval.LoadGold(c.String("gold"))
			if err != nil {
				return err
			}
			var recs []kg.Record
			skipped := 0
			if files := c.StringSlice("records"); len(files) > 0 {
				for _, f := range files {
					err := readRecords(e, f, func(name string, r kg.Record, err error) error {
						if err != nil {
							skipped++
							fmt.Fprintf(e.stderr, "kg: skip %s: %v\n", name, err)
							return nil
						}
						recs = append(recs, r)
						return nil
					})
					if err != nil {
						return err
					}
				}
			} else {
				if c.NArg() == 0 {
					return usagef("eval needs articles to extract, or --records")
				}
				x, err := newExtractor(c)
				if err != nil {
					return err
				}
				read, err := extractBatch(c.Context, e, c.Args().Slice(), x, func(r kg.Record) error {
					recs = append(recs, r)
					return nil
				})
				if err != nil {
					return err
				}
				skipped = read.Skipped
			}
			rep := eval.Score(gold, recs)
			if c.Bool("json") {
				err = rep.WriteJSON(e.stdout)
			} else {
				err = rep.WriteText(e.stdout, c.Bool("verbose"))
			}
			if err != nil {
				return err
			}
			if skipped > 0 {
				return fmt.Errorf("%w: %d", errSkipped, skipped)
			}
			return nil
		},
	}
}
