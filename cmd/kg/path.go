package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
)

func pathCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "path",
		Usage:     "how two entities are connected: a shortest chain of relations",
		ArgsUsage: "ENTITY OTHER",
		Description: `path prints a shortest chain of relations (followed in either direction)
from ENTITY to OTHER, one relation a row with its evidence.

Example:
   kg path Blinken "New START"`,
		Flags: queryFlags(
			&cli.IntFlag{Name: "max-depth", Value: 4, Usage: "longest chain to look for (1-6)"},
			typeFlag(),
		),
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("path needs two entities")
			}
			maxDepth := c.Int("max-depth")
			if maxDepth < 1 || maxDepth > 6 {
				return usagef("--max-depth must be 1 to 6")
			}
			types, err := relationTypes(c.StringSlice("type"))
			if err != nil {
				return err
			}
			return withReader(c, func(ctx context.Context, r graph.Reader) error {
				ends, err := resolveArgs(ctx, r, c)
				if err != nil {
					return err
				}
				a, b := ends[0], ends[1]
				path, err := graph.Path(ctx, r, a.ID, b.ID, maxDepth, types)
				if err != nil {
					return err
				}
				if path == nil && a.ID != b.ID {
					return fmt.Errorf("no chain of at most %d relations joins %s and %s", maxDepth, a.Name, b.Name)
				}
				nm := newNamer(ctx, r)
				rows := make([][]any, len(path))
				for i, e := range path {
					rows[i] = nm.edgeRow(e)
				}
				return writeRows(e.stdout, c.String("format"), edgeCols, rows)
			})
		},
	}
}
