package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

func entityCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "entity",
		Usage:     "what the graph knows of an entity",
		ArgsUsage: "NAME",
		Description: `entity shows an entity (found by name, alias or id): its label, aliases and
roles, how many articles mention it, and its relations grouped by type and
counterpart, with counts and date ranges.

Example:
   kg entity Lavrov
   kg entity Washington --format json`,
		Flags: queryFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("entity needs one name")
			}
			return withReader(c, func(ctx context.Context, r graph.Reader) error {
				n, err := resolve(ctx, r, c.Args().First())
				if err != nil {
					return err
				}
				mentions, err := r.Mentions(ctx, n.ID)
				if err != nil {
					return err
				}
				es, err := r.Relations(ctx, graph.Filter{Entity: n.ID})
				if err != nil {
					return err
				}
				s := summarize(newNamer(ctx, r), n, mentions, es)
				switch c.String("format") {
				case "json":
					enc := json.NewEncoder(e.stdout)
					enc.SetIndent("", "  ")
					return enc.Encode(s)
				case "table":
					fmt.Fprintf(e.stdout, "%s (%s, %s)\n", n.Name, n.Label, n.ID)
					if len(n.Aliases) > 0 {
						fmt.Fprintf(e.stdout, "aliases:   %s\n", strings.Join(n.Aliases, ", "))
					}
					if len(s.Roles) > 0 {
						fmt.Fprintf(e.stdout, "roles:     %s\n", strings.Join(s.Roles, "; "))
					}
					fmt.Fprintf(e.stdout, "articles:  %d\n\n", mentions)
				}
				rows := make([][]any, len(s.Relations))
				for i, g := range s.Relations {
					rows[i] = []any{g.Type, g.Direction, g.With, g.Count, g.First, g.Last}
				}
				return writeRows(e.stdout, c.String("format"), []string{"type", "direction", "with", "relations", "first", "last"}, rows)
			})
		},
	}
}

// entitySummary is what kg entity prints.
type entitySummary struct {
	ID        string          `json:"id"`
	Label     string          `json:"label"`
	Name      string          `json:"name"`
	Aliases   []string        `json:"aliases"`
	Roles     []string        `json:"roles"`
	Articles  int             `json:"articles"`
	Relations []relationGroup `json:"relations"`
}

// relationGroup counts an entity's relations of one type with one other
// entity in one direction.
type relationGroup struct {
	Type      string `json:"type"`
	Direction string `json:"direction"` // "out", "in", or "both" for symmetric types
	With      string `json:"with"`
	Count     int    `json:"count"`
	First     string `json:"first"` // earliest date, "" if none is dated
	Last      string `json:"last"`
}

func summarize(nm *namer, n graph.Node, mentions int, es []graph.Edge) entitySummary {
	s := entitySummary{ID: n.ID, Label: n.Label, Name: n.Name, Aliases: n.Aliases, Articles: mentions,
		Roles: []string{}, Relations: []relationGroup{}}
	if s.Aliases == nil {
		s.Aliases = []string{}
	}
	index := map[[3]string]int{}
	for _, e := range es {
		other, dir := e.Target, "out"
		if e.Target == n.ID {
			other, dir = e.Source, "in"
		}
		if rt, _ := schema.Relation(e.Type); rt.Symmetric {
			dir = "both"
		}
		if e.Type == schema.Represents && dir == "out" {
			role := e.Props["role"]
			if role == "" {
				role = "represents"
			}
			if r := fmt.Sprintf("%s (%s)", role, nm.name(other)); !slices.Contains(s.Roles, r) {
				s.Roles = append(s.Roles, r)
			}
		}
		key := [3]string{e.Type, dir, other}
		i, ok := index[key]
		if !ok {
			i = len(s.Relations)
			index[key] = i
			s.Relations = append(s.Relations, relationGroup{Type: e.Type, Direction: dir, With: nm.name(other)})
		}
		g := &s.Relations[i]
		g.Count++
		if e.Date != "" {
			if g.First == "" || e.Date < g.First {
				g.First = e.Date
			}
			g.Last = max(g.Last, e.Date)
		}
	}
	slices.SortStableFunc(s.Relations, func(a, b relationGroup) int {
		if a.Type != b.Type {
			return strings.Compare(a.Type, b.Type)
		}
		return b.Count - a.Count
	})
	return s
}
