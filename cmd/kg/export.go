package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/export"
	"github.com/newsgraph/kg/graph"
)

// exportExtensions guess the format from the output file's name.
var exportExtensions = map[string]string{
	".graphml": "graphml", ".xml": "graphml",
	".json":   "json",
	".cypher": "cypher", ".cyp": "cypher", ".cql": "cypher",
}

func exportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the whole graph as GraphML, JSON (nodes and links), a Cypher script or CSV files for neo4j-admin import",
		Description: `export reads the whole graph from the store (the embedded one, or Neo4j with
--neo4j or NEO4J_URI) and writes it to standard output or to --output FILE:

  graphml  GraphML for Gephi, yEd, Cytoscape and networkx. Nodes have the
           attributes labels (Person, Country, ...), label (the name to draw),
           name, aliases and their properties; edges type, label, date,
           confidence, articles, evidence, rules and role. Lists are JSON
           arrays in a string.
  json     {"nodes": [...], "links": [...]} for d3 and networkx
           (networkx.node_link_graph(data, edges="links")).
  cypher   a script that recreates the graph in any Neo4j 5, constraints
           included; it MERGEs, so running it twice changes nothing.
  admin-csv
           a directory (-o DIR, new or empty) of CSV files for
           neo4j-admin database import full, the fastest way into a new Neo4j
           database: build a large corpus into the embedded store, export it,
           import it. export prints the neo4j-admin command to run. The
           imported graph is the one kg's Neo4j store holds, so kg can go on
           loading into it.

Without --format the format follows the output file's extension (.graphml,
.json, .cypher).

Example:
   kg export --format graphml -o kg.graphml     # then open kg.graphml in Gephi
   kg export --format json > kg.json
   kg export -o kg.cypher && cypher-shell -u neo4j -p PASSWORD -f kg.cypher
   kg export --format admin-csv -o kg-import    # then run the command it prints`,
		Flags: append(storeFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "export `FORMAT`: graphml, json, cypher or admin-csv"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (replaced whole, only once the export is complete) instead of standard output; for admin-csv the directory"}),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("export takes no arguments (did you mean --output %s?)", c.Args().First())
			}
			out := c.String("output")
			format := c.String("format")
			if format == "" {
				format = exportExtensions[strings.ToLower(filepath.Ext(out))]
			}
			if format == "" {
				return usagef("export needs --format graphml, json, cypher or admin-csv")
			}
			if format != "graphml" && format != "json" && format != "cypher" && format != "admin-csv" {
				return usagef("unknown format %q: use graphml, json, cypher or admin-csv", format)
			}
			if format == "admin-csv" {
				if out == "" || out == "-" {
					return usagef("admin-csv writes a directory of CSV files: give a new or empty one with -o DIR")
				}
				if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
					return usagef("%s is not empty: give a new or empty directory for the admin-csv files", out)
				}
			}
			return withStore(c, func(ctx context.Context, s graph.Store, where string) error {
				g, err := s.Snapshot(ctx)
				if err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
				if format == "admin-csv" {
					return exportAdmin(e, g, where, out)
				}
				if out == "" || out == "-" {
					return export.Write(e.stdout, format, g)
				}
				if err := writeFileAtomic(out, func(f *os.File) error { return export.Write(f, format, g) }); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Exported %d nodes and %d relationships from %s to %s (%s).\n",
					len(g.Nodes), len(g.Edges), where, out, format)
				return nil
			})
		},
	}
}

// exportAdmin writes the admin-csv files of g into dir and says how to
// import them.
func exportAdmin(e *env, g *graph.Graph, where, dir string) error {
	a, err := export.AdminCSV(dir, g)
	if errors.Is(err, export.ErrNotEmpty) {
		return usagef("%s is not empty: give a new or empty directory for the admin-csv files", dir)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	fmt.Fprintf(e.stdout, "Exported %d nodes and %d relationships from %s to %s (admin-csv: %d node files, %d relationship files).\n",
		len(g.Nodes), len(g.Edges), where, a.Dir, len(a.Nodes), len(a.Relationships))
	fmt.Fprintf(e.stdout, `
To import them into a new Neo4j database, stop Neo4j and run, as the user that
owns its data (neo4j-admin is in the bin directory of a Neo4j installation):

  %s

The database must not exist yet: import before the first start of a new
installation, or add --overwrite-destination=true to replace it (its data is
deleted). Then start Neo4j and run any kg command against it, such as
kg stats: kg creates its constraints and indexes when it first connects.
`, a.Command("neo4j"))
	return nil
}

// writeFileAtomic writes path through a temporary file in the same
// directory and renames it into place, so that a failed export leaves the
// old file, if any, as it was.
func writeFileAtomic(path string, write func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name()) // fails harmlessly once renamed
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
