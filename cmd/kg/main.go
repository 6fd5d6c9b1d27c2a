// Command kg builds a knowledge graph of international relations from news
// articles: it extracts people, countries, organisations, treaties, summits
// and places and the relations between them, and upserts them into an
// embedded store or Neo4j.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
