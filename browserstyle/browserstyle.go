// Package browserstyle holds kg's stylesheet for Neo4j Browser, a Graph
// Style Sheet (GraSS) that `kg browser-style` prints. It gives each node
// label its own colour and size, countries largest, then organisations,
// people, treaties and summits, places, and articles small and grey; it
// captions entities with their name, articles with their title and
// relationships with their type, and colours the relationship types by
// kind (meetings and agreements green, condemnations and other hostile acts
// red, withdrawals purple, mentions pale).
//
// Neo4j Browser's GraSS parser knows no comments, so the file has none.
package browserstyle

import _ "embed"

// Grass is the stylesheet. Apply it in Neo4j Browser by dropping a file
// holding it onto the Browser window, or by running `:style` followed by it
// in the editor.
//
//go:embed kg.grass
var Grass string
