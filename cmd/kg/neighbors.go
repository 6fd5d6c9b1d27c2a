package main

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
)

func neighborsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "neighbors",
		Usage:     "who is connected to an entity, and how",
		ArgsUsage: "ENTITY",
		Description: `neighbors lists the entities within --depth relations of ENTITY (in either
direction), each at its nearest distance, with the relation that reaches it
and how many relations join the two.

Example:
   kg neighbors "Sergey Lavrov"
   kg neighbors Russia --depth 2 --type MET_WITH`,
		Flags: queryFlags(
			&cli.IntFlag{Name: "depth", Aliases: []string{"d"}, Value: 1, Usage: "how many relations away (1-4)"},
			typeFlag(),
		),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("neighbors needs one entity")
			}
			depth := c.Int("depth")
			if depth < 1 || depth > 4 {
				return usagef("--depth must be 1 to 4")
			}
			types, err := relationTypes(c.StringSlice("type"))
			if err != nil {
				return err
			}
			return withReader(c, func(ctx context.Context, r graph.Reader) error {
				a, err := resolve(ctx, r, c.Args().First())
				if err != nil {
					return err
				}
				hops, err := graph.Neighbors(ctx, r, a.ID, depth, types)
				if err != nil {
					return err
				}
				nm := newNamer(ctx, r)
				rows := make([][]any, len(hops))
				for i, h := range hops {
					rows[i] = []any{h.Depth, nm.name(h.To), h.To, nm.name(h.From), h.Edge.Type, h.Edges}
				}
				return writeRows(e.stdout, c.String("format"), []string{"depth", "neighbor", "id", "via", "type", "relations"}, rows)
			})
		},
	}
}
