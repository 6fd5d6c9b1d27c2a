package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/schema"
)

func schemaCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "print the labels, relation types, constraints and indexes of the graph",
		Description: `schema prints the graph's ontology and the Cypher that kg runs (idempotently)
before its first write to Neo4j.

Example:
   kg schema`,
		Action: func(c *cli.Context) error {
			fmt.Fprintln(e.stdout, "Node labels:")
			for _, l := range schema.Labels {
				fmt.Fprintf(e.stdout, "  %s\n", l)
			}
			fmt.Fprintln(e.stdout, "\nRelation types:")
			for _, rt := range schema.RelationTypes {
				kind := "extended"
				if rt.Core {
					kind = "core"
				}
				if rt.Symmetric {
					kind += ", symmetric"
				}
				fmt.Fprintf(e.stdout, "  %-14s %v -> %v (%s)\n", rt.Name, rt.From, rt.To, kind)
			}
			fmt.Fprintf(e.stdout, "  %-14s [%s] -> every entity label\n", schema.Mentions, schema.Article)
			fmt.Fprintln(e.stdout, "\nConstraints and indexes:")
			for _, cs := range schema.Constraints() {
				fmt.Fprintf(e.stdout, "  %s;\n", cs.Statement)
			}
			return nil
		},
	}
}
