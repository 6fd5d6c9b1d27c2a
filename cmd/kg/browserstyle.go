package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/browserstyle"
)

func browserStyleCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "browser-style",
		Usage: "print kg's stylesheet for Neo4j Browser (GraSS)",
		Description: `browser-style prints a Graph Style Sheet for Neo4j Browser that draws kg's
graph for reading: each label has its own colour and size (countries large,
people medium, articles small and grey), entities show their name and
articles their title, relationships show their type (meetings green,
condemnations red, withdrawals purple).

To apply it in Neo4j Browser (http://127.0.0.1:7474/browser/ for the server
of scripts/neo4j), either
  - save it to a file and drag and drop the file onto the Browser window, or
  - type :style in the editor, then a space and the stylesheet (paste it),
    and run it.
Browser keeps the style until you change it; ':style' shows the style in
use and ':style reset' goes back to Browser's own.

Example:
   kg browser-style > kg.grass    # then drop kg.grass onto Neo4j Browser`,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("browser-style takes no arguments")
			}
			_, err := fmt.Fprint(e.stdout, browserstyle.Grass)
			return err
		},
	}
}
