// kg graph export: a Cypher script that recreates the graph in Neo4j 5.
// Nodes (0): none.
// Relationships (0): none.
// Run it with: cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p PASSWORD -f FILE
// or paste it into Neo4j Browser. It MERGEs: a second run changes nothing.
CREATE CONSTRAINT kg_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_treaty_id IF NOT EXISTS FOR (n:Treaty) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_summit_id IF NOT EXISTS FOR (n:Summit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE INDEX kg_person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX kg_country_name IF NOT EXISTS FOR (n:Country) ON (n.name);
CREATE INDEX kg_organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX kg_treaty_name IF NOT EXISTS FOR (n:Treaty) ON (n.name);
CREATE INDEX kg_summit_name IF NOT EXISTS FOR (n:Summit) ON (n.name);
CREATE INDEX kg_place_name IF NOT EXISTS FOR (n:Place) ON (n.name);
CREATE FULLTEXT INDEX kg_entity_name_keys IF NOT EXISTS FOR (n:Person|Country|Organization|Treaty|Summit|Place) ON EACH [n.name_keys] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
CALL db.awaitIndexes(300);
