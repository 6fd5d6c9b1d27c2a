package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
)

func forgetCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "forget",
		Usage:     "remove articles and everything only they supported",
		ArgsUsage: "ARTICLE-ID...",
		Description: `forget removes each article, its mentions and its evidence. Relations that
other articles also state keep theirs; relations and entities that only the
forgotten articles supported disappear. Unknown ids are reported, not errors.

Example:
   kg forget wire-2024-02-17-munich-talks
   kg forget --neo4j bolt://127.0.0.1:7687 a1 b2 c3`,
		Flags: storeFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("forget needs article ids")
			}
			return withStore(c, func(ctx context.Context, s graph.Store, where string) error {
				n, err := s.Forget(ctx, c.Args().Slice())
				if err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
				fmt.Fprintf(e.stdout, "Forgot %d of %d articles.\n", n, c.NArg())
				return printStats(ctx, e, s, where)
			})
		},
	}
}
