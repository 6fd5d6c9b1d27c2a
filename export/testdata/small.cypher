// kg graph export: a Cypher script that recreates the graph in Neo4j 5.
// Nodes (7): 2 Person, 2 Country, 1 Treaty, 2 Article.
// Relationships (7): 3 MENTIONS, 1 MET_WITH, 1 CONDEMNED, 1 WITHDREW_FROM, 1 REPRESENTS.
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
UNWIND [
  {id: 'person:antony-blinken', uuid: 'df0ebb81-7755-5220-a83c-3d07a52eb043', name: 'Antony Blinken', aliases: ['Blinken'], keys: ['antony-blinken', 'blinken'], props: {}},
  {id: 'person:sergey-lavrov', uuid: 'd00f6d41-5e40-50ac-b20d-15af2db9da80', name: 'Sergey Lavrov', aliases: ['Lavrov', 'Sergei Lavrov'], keys: ['lavrov', 'sergei-lavrov', 'sergey-lavrov'], props: {}}
] AS row
MERGE (n:Person {id: row.id})
SET n.uuid = row.uuid, n.name = row.name, n.aliases = row.aliases, n.name_keys = row.keys
SET n += row.props;
UNWIND [
  {id: 'country:RUS', uuid: '4c4cea8b-dd91-5679-87da-92fbe7302a62', name: 'Russia', aliases: ['Moscow', 'Russian Federation'], keys: ['moscow', 'russia', 'russian-federation'], props: {iso3: 'RUS'}},
  {id: 'country:USA', uuid: 'd4b8bd83-ad97-5a78-8a36-8b3a0265dddd', name: 'United States', aliases: ['Washington'], keys: ['united-states', 'washington'], props: {iso3: 'USA'}}
] AS row
MERGE (n:Country {id: row.id})
SET n.uuid = row.uuid, n.name = row.name, n.aliases = row.aliases, n.name_keys = row.keys
SET n += row.props;
UNWIND [
  {id: 'treaty:new-start', uuid: '5175af87-953d-5ee8-aec5-de17881e4376', name: 'New START', aliases: [], keys: ['new-start'], props: {}}
] AS row
MERGE (n:Treaty {id: row.id})
SET n.uuid = row.uuid, n.name = row.name, n.aliases = row.aliases, n.name_keys = row.keys
SET n += row.props;
UNWIND [
  {id: 'untitled', uuid: 'f947ff59-3ec0-5507-b70c-d1513277600c', title: null, props: {}},
  {id: 'wire-2024-02-17-munich-talks', uuid: '2cc7da67-6ef5-510b-86d4-eed8a0e406c5', title: 'Blinken and Lavrov meet in Munich', props: {extractor: 'rules/1', hash: 'abc123', published: '2024-02-17', source: 'wire'}}
] AS row
MERGE (n:Article {id: row.id})
SET n.uuid = row.uuid, n.title = row.title
SET n += row.props;
UNWIND [
  {s: 'wire-2024-02-17-munich-talks', t: 'country:RUS'}
] AS row
MATCH (s:Article {id: row.s})
MATCH (t:Country {id: row.t})
MERGE (s)-[:MENTIONS]->(t);
UNWIND [
  {s: 'wire-2024-02-17-munich-talks', t: 'person:antony-blinken'},
  {s: 'wire-2024-02-17-munich-talks', t: 'person:sergey-lavrov'}
] AS row
MATCH (s:Article {id: row.s})
MATCH (t:Person {id: row.t})
MERGE (s)-[:MENTIONS]->(t);
UNWIND [
  {s: 'country:USA', t: 'country:RUS', date: '', articles: ['wire-2024-02-17-munich-talks'], evidence: ['Washington condemned Moscow.'], evidence_articles: ['wire-2024-02-17-munich-talks'], evidence_starts: [120], evidence_ends: [148], confidence: 0.75, rules: ['condemned/verb'], props: {}}
] AS row
MATCH (s:Country {id: row.s})
MATCH (t:Country {id: row.t})
MERGE (s)-[r:CONDEMNED {date: row.date}]->(t)
SET r.articles = row.articles, r.evidence = row.evidence, r.evidence_articles = row.evidence_articles,
    r.evidence_starts = row.evidence_starts, r.evidence_ends = row.evidence_ends,
    r.confidence = row.confidence, r.rules = row.rules
SET r += row.props;
UNWIND [
  {s: 'person:antony-blinken', t: 'person:sergey-lavrov', date: '2024-02-17', articles: ['wire-2024-02-17-munich-talks'], evidence: ['Blinken met Lavrov in Munich on Saturday.', 'The two men spoke for an hour.'], evidence_articles: ['wire-2024-02-17-munich-talks', 'wire-2024-02-17-munich-talks'], evidence_starts: [0, 42], evidence_ends: [41, 72], confidence: 1.0, rules: ['met/talks', 'met/verb'], props: {}}
] AS row
MATCH (s:Person {id: row.s})
MATCH (t:Person {id: row.t})
MERGE (s)-[r:MET_WITH {date: row.date}]->(t)
SET r.articles = row.articles, r.evidence = row.evidence, r.evidence_articles = row.evidence_articles,
    r.evidence_starts = row.evidence_starts, r.evidence_ends = row.evidence_ends,
    r.confidence = row.confidence, r.rules = row.rules
SET r += row.props;
UNWIND [
  {s: 'person:sergey-lavrov', t: 'country:RUS', date: '', articles: ['wire-2024-02-17-munich-talks'], evidence: [], evidence_articles: [], evidence_starts: [], evidence_ends: [], confidence: 0.9, rules: ['represents/title'], props: {role: 'Foreign Minister'}}
] AS row
MATCH (s:Person {id: row.s})
MATCH (t:Country {id: row.t})
MERGE (s)-[r:REPRESENTS {date: row.date}]->(t)
SET r.articles = row.articles, r.evidence = row.evidence, r.evidence_articles = row.evidence_articles,
    r.evidence_starts = row.evidence_starts, r.evidence_ends = row.evidence_ends,
    r.confidence = row.confidence, r.rules = row.rules
SET r += row.props;
UNWIND [
  {s: 'country:RUS', t: 'treaty:new-start', date: '2023-02', articles: ['wire-2024-02-17-munich-talks'], evidence: [], evidence_articles: [], evidence_starts: [], evidence_ends: [], confidence: 0.8, rules: [], props: {}}
] AS row
MATCH (s:Country {id: row.s})
MATCH (t:Treaty {id: row.t})
MERGE (s)-[r:WITHDREW_FROM {date: row.date}]->(t)
SET r.articles = row.articles, r.evidence = row.evidence, r.evidence_articles = row.evidence_articles,
    r.evidence_starts = row.evidence_starts, r.evidence_ends = row.evidence_ends,
    r.confidence = row.confidence, r.rules = row.rules
SET r += row.props;
