package main

import (
	"context"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

func relationsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "relations",
		Usage: "list relations, filtered by type, ends and period",
		Description: `relations lists edges with their date, the number of articles that state
them and one evidence sentence, ordered by date. --from and --to take names,
aliases or ids; a symmetric type (MET_WITH) matches either way round. Dates
may be partial (2023, 2023-03).

Example:
   kg relations --type CONDEMNED --to Russia --since 2022
   kg relations --from Lavrov --type MET_WITH --format csv`,
		Flags: queryFlags(
			typeFlag(),
			&cli.StringFlag{Name: "from", Usage: "source `ENTITY`"},
			&cli.StringFlag{Name: "to", Usage: "target `ENTITY`"},
			&cli.StringFlag{Name: "since", Usage: "from `DATE` on"},
			&cli.StringFlag{Name: "until", Usage: "up to `DATE`"},
			&cli.IntFlag{Name: "limit", Value: 0, Usage: "print at most `N` rows (0: all)"},
		),
		Action: func(c *cli.Context) error {
			types, err := relationTypes(c.StringSlice("type"))
			if err != nil {
				return err
			}
			return withReader(c, func(ctx context.Context, r graph.Reader) error {
				f := graph.Filter{Types: types, Since: c.String("since"), Until: c.String("until")}
				for _, end := range []struct {
					flag string
					id   *string
				}{{"from", &f.Source}, {"to", &f.Target}} {
					if name := c.String(end.flag); name != "" {
						n, err := resolve(ctx, r, name)
						if err != nil {
							return err
						}
						*end.id = n.ID
					}
				}
				es, err := r.Relations(ctx, f)
				if err != nil {
					return err
				}
				if l := c.Int("limit"); l > 0 && len(es) > l {
					es = es[:l]
				}
				nm := newNamer(ctx, r)
				rows := make([][]any, len(es))
				for i, e := range es {
					rows[i] = nm.edgeRow(e)
				}
				return writeRows(e.stdout, c.String("format"), edgeCols, rows)
			})
		},
	}
}

// relationTypes reads --type values (repeated or comma-separated, any case)
// and checks them against the schema.
func relationTypes(vals []string) ([]string, error) {
	var types []string
	for _, v := range vals {
		for _, t := range strings.Split(v, ",") {
			t = strings.ToUpper(strings.TrimSpace(t))
			if _, ok := schema.Relation(t); !ok {
				return nil, usagef("unknown relation type %q (kg schema lists them)", t)
			}
			types = append(types, t)
		}
	}
	return types, nil
}
