package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/neo4j"
)

func queryCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a read-only Cypher query on Neo4j and print the result",
		ArgsUsage: "CYPHER",
		Description: `query runs one Cypher statement in a read transaction and prints the rows as
a table, JSON or CSV. Pass values with --param NAME=VALUE (VALUE is read as
JSON when it parses, else as a string) and use them as $NAME.

Example:
   kg query 'MATCH (a)-[r:CONDEMNED]->(b) RETURN a.name, b.name, r.date ORDER BY r.date'
   kg query --param name='Sergey Lavrov' --format json \
      'MATCH (p:Person {name: $name})-[:MET_WITH]-(q) RETURN q.name AS met'`,
		Flags: append(storeFlags(), formatFlag(),
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "query parameter `NAME=VALUE` (repeatable)"}),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("query needs one Cypher statement (quote it)")
			}
			if c.String("neo4j") == "" {
				return usagef("query runs Cypher on Neo4j: set --neo4j URI or NEO4J_URI (kg stats works on the embedded store)")
			}
			params, err := parseParams(c.StringSlice("param"))
			if err != nil {
				return err
			}
			return withStore(c, func(ctx context.Context, s graph.Store, where string) error {
				cols, rows, err := s.(*neo4j.Store).Query(ctx, c.Args().First(), params)
				if err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
				return writeRows(e.stdout, c.String("format"), cols, rows)
			})
		},
	}
}

// parseParams reads NAME=VALUE pairs; a VALUE that is valid JSON is taken as
// that JSON value, anything else as a string.
func parseParams(pairs []string) (map[string]any, error) {
	params := make(map[string]any, len(pairs))
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, usagef("--param %q: want NAME=VALUE", p)
		}
		var x any
		if err := json.Unmarshal([]byte(v), &x); err != nil {
			x = v
		}
		if f, ok := x.(float64); ok && f == float64(int64(f)) {
			x = int64(f)
		}
		params[k] = x
	}
	return params, nil
}
