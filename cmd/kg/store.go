package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/neo4j"
	"github.com/newsgraph/kg/graph/sqlite"
)

// storeFlags choose the store: the embedded file unless a Neo4j URI is given.
func storeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "store", Value: sqlite.DefaultPath, EnvVars: []string{"KG_STORE"}, Usage: "embedded store `FILE`, used when no Neo4j URI is set"},
		&cli.StringFlag{Name: "neo4j", EnvVars: []string{"NEO4J_URI"}, Usage: "Neo4j `URI` (bolt://, neo4j://, neo4j+s://...); overrides --store"},
		&cli.StringFlag{Name: "neo4j-user", Value: "neo4j", EnvVars: []string{"NEO4J_USERNAME"}, Usage: "Neo4j user"},
		&cli.StringFlag{Name: "neo4j-password", EnvVars: []string{"NEO4J_PASSWORD"}, Usage: "Neo4j password"},
		&cli.StringFlag{Name: "neo4j-database", EnvVars: []string{"NEO4J_DATABASE"}, Usage: "Neo4j database (default: the server's default)"},
	}
}

// openStore opens the store the flags choose and returns it with a
// description of where it is.
func openStore(ctx context.Context, c *cli.Context) (graph.Store, string, error) {
	if uri := c.String("neo4j"); uri != "" {
		s, err := neo4j.Open(ctx, neo4j.Config{
			URI:      uri,
			Username: c.String("neo4j-user"),
			Password: c.String("neo4j-password"),
			Database: c.String("neo4j-database"),
		})
		if err != nil {
			return nil, "", err
		}
		where := "Neo4j at " + uri
		if db := c.String("neo4j-database"); db != "" {
			where += ", database " + db
		}
		return s, where, nil
	}
	path := c.String("store")
	s, err := sqlite.Open(path)
	if err != nil {
		return nil, "", err
	}
	return s, "embedded store " + path, nil
}

// withStore opens the store, initialises it and runs fn.
func withStore(c *cli.Context, fn func(ctx context.Context, s graph.Store, where string) error) error {
	ctx := c.Context
	s, where, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Init(ctx); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	return fn(ctx, s, where)
}
