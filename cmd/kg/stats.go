package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

func statsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count the graph's nodes by label and relationships by type",
		Description: `Example:
   kg stats
   kg stats --format json --neo4j bolt://127.0.0.1:7687`,
		Flags: append(storeFlags(), formatFlag()),
		Action: func(c *cli.Context) error {
			return withStore(c, func(ctx context.Context, s graph.Store, where string) error {
				if c.String("format") != "table" {
					st, err := s.Stats(ctx)
					if err != nil {
						return err
					}
					var rows [][]any
					for _, k := range order(st.Nodes, schema.Labels) {
						rows = append(rows, []any{"node", k, st.Nodes[k]})
					}
					for _, k := range order(st.Relationships, relationNames()) {
						rows = append(rows, []any{"relationship", k, st.Relationships[k]})
					}
					return writeRows(e.stdout, c.String("format"), []string{"kind", "name", "count"}, rows)
				}
				return printStats(ctx, e, s, where)
			})
		},
	}
}

// printStats prints the counts of the graph in s as two aligned lists.
func printStats(ctx context.Context, e *env, s graph.Store, where string) error {
	st, err := s.Stats(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	fmt.Fprintf(e.stdout, "Graph in %s:\n  nodes\n", where)
	for _, k := range order(st.Nodes, schema.Labels) {
		fmt.Fprintf(e.stdout, "    %-15s %8d\n", k, st.Nodes[k])
	}
	fmt.Fprintln(e.stdout, "  relationships")
	for _, k := range order(st.Relationships, relationNames()) {
		fmt.Fprintf(e.stdout, "    %-15s %8d\n", k, st.Relationships[k])
	}
	return nil
}

func relationNames() []string {
	var names []string
	for _, rt := range schema.RelationTypes {
		names = append(names, rt.Name)
	}
	return append(names, schema.Mentions)
}

// order lists the keys of m that appear in known, in that order, then any
// others sorted.
func order(m map[string]int64, known []string) []string {
	var out []string
	for _, k := range known {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	var rest []string
	for k := range m {
		if !slices.Contains(known, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}
