package main

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
)

func timelineCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "timeline",
		Usage:     "the dated events of an entity, or of a pair, in order",
		ArgsUsage: "ENTITY [OTHER]",
		Description: `timeline lists the dated relations of one entity, or those between two, from
the earliest to the latest.

Example:
   kg timeline Lavrov
   kg timeline "United States" Russia --type CONDEMNED,SANCTIONED`,
		Flags: queryFlags(
			typeFlag(),
		),
		Action: func(c *cli.Context) error {
			if c.NArg() < 1 || c.NArg() > 2 {
				return usagef("timeline needs one entity, or two")
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
				es, err := r.Relations(ctx, graph.Filter{Entity: ends[0].ID, Types: types})
				if err != nil {
					return err
				}
				other := ""
				if len(ends) == 2 {
					other = ends[1].ID
				}
				nm := newNamer(ctx, r)
				var rows [][]any
				for _, e := range es {
					if e.Date == "" || other != "" && e.Source != other && e.Target != other {
						continue
					}
					rows = append(rows, nm.edgeRow(e))
				}
				return writeRows(e.stdout, c.String("format"), edgeCols, rows)
			})
		},
	}
}
