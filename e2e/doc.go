// Package e2e holds kg's end-to-end tests, which drive the kg binary the way
// a user does, against a real Neo4j and a real browser. Its tests wipe the
// Neo4j database that NEO4J_URI names, like those of graph/neo4j: point
// them at a test server only. scripts/test runs this package after the
// others, so that no other test writes to the server meanwhile.
package e2e
