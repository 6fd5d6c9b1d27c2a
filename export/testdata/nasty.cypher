// kg graph export: a Cypher script that recreates the graph in Neo4j 5.
// Nodes (5): 3 Person, 1 Country, 1 Article.
// Relationships (4): 2 MENTIONS, 1 MET_WITH, 1 REPRESENTS.
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
  {id: 'person:a', uuid: '8818d3c6-79c2-584b-aa53-325300bb6e34', name: 'O\'Brien said "no" \\ maybe', aliases: ['Ségolène Royal, Владимир Путин, 習近平, محمد بن سلمان, 🇺🇦🕊️', 'back\\slash \\\' \\\\\' \\u0041 \\n written out', 'line one\nline two\r\nline three\tafter a tab'], keys: ['back-slash-u0041-n-written-out', 'line-one-line-two-line-three-after-a-tab', 'obrien-said-no-maybe', 'segolene-royal-владимир-путин-習近平-محمد-بن-سلمان'], props: {}},
  {id: 'person:b', uuid: 'ba97195f-dd98-5b44-89c8-c7ba98c6350e', name: 'controls \u0000\u0001\u0008\u000B\u000C\u001F\u007F \u0085 \u2028 \u2029 \uFEFF end', aliases: [], keys: ['controls-end'], props: {}},
  {id: 'person:o\'brien "the <boss>" & co\n', uuid: '99797f4b-5ba2-5600-9908-ad451da03e4a', name: 'bad utf-8 �� end', aliases: [], keys: ['bad-utf-8-end'], props: {}}
] AS row
MERGE (n:Person {id: row.id})
SET n.uuid = row.uuid, n.name = row.name, n.aliases = row.aliases, n.name_keys = row.keys
SET n += row.props;
UNWIND [
  {id: 'country:XYZ', uuid: '035cc349-f8dd-5579-be59-e8676ce882a5', name: '</data><![CDATA[ ]]> &amp; <script>alert(1)</script> -- not a comment end', aliases: ['  leading and trailing spaces  ', '\'}] AS row MATCH (n) DETACH DELETE n; //', '</data><![CDATA[ ]]> &amp; <script>alert(1)</script> -- not a comment end', 'O\'Brien said "no" \\ maybe', 'Ségolène Royal, Владимир Путин, 習近平, محمد بن سلمان, 🇺🇦🕊️', 'back\\slash \\\' \\\\\' \\u0041 \\n written out', 'back`tick `` `', 'bad utf-8 �� end', 'controls \u0000\u0001\u0008\u000B\u000C\u001F\u007F \u0085 \u2028 \u2029 \uFEFF end', 'line one\nline two\r\nline three\tafter a tab', 'semi; colon // not a comment /* nor this */'], keys: ['as-row-match-n-detach-delete-n', 'back-slash-u0041-n-written-out', 'back-tick', 'bad-utf-8-end', 'controls-end', 'data-cdata-amp-script-alert-1-script-not-a-comment-end', 'leading-and-trailing-spaces', 'line-one-line-two-line-three-after-a-tab', 'obrien-said-no-maybe', 'segolene-royal-владимир-путин-習近平-محمد-بن-سلمان', 'semi-colon-not-a-comment-nor-this'], props: {prop_: 'empty key', prop_id: 'a prop called id', iso3: 'XYZ', label: 'a prop called label', `we``ird key`: 'back`tick `` `', `x y`: 'O\'Brien said "no" \\ maybe'}}
] AS row
MERGE (n:Country {id: row.id})
SET n.uuid = row.uuid, n.name = row.name, n.aliases = row.aliases, n.name_keys = row.keys
SET n += row.props;
UNWIND [
  {id: 'nasty-article', uuid: 'ba46f7d2-556b-567f-ab8b-873168f01af6', title: '\'}] AS row MATCH (n) DETACH DELETE n; //', props: {source: 'semi; colon // not a comment /* nor this */', url: 'https://example.org/a?b=1&c=\'2\'#x'}}
] AS row
MERGE (n:Article {id: row.id})
SET n.uuid = row.uuid, n.title = row.title
SET n += row.props;
UNWIND [
  {s: 'nasty-article', t: 'person:a'},
  {s: 'nasty-article', t: 'person:o\'brien "the <boss>" & co\n'}
] AS row
MATCH (s:Article {id: row.s})
MATCH (t:Person {id: row.t})
MERGE (s)-[:MENTIONS]->(t);
UNWIND [
  {s: 'person:a', t: 'person:b', date: '2024', articles: ['O\'Brien said "no" \\ maybe', 'nasty-article'], evidence: ['controls \u0000\u0001\u0008\u000B\u000C\u001F\u007F \u0085 \u2028 \u2029 \uFEFF end', 'line one\nline two\r\nline three\tafter a tab', 'Ségolène Royal, Владимир Путин, 習近平, محمد بن سلمان, 🇺🇦🕊️'], evidence_articles: ['O\'Brien said "no" \\ maybe', 'nasty-article', 'nasty-article'], evidence_starts: [21, 0, 11], evidence_ends: [30, 10, 20], confidence: 0.875, rules: ['back\\slash \\\' \\\\\' \\u0041 \\n written out', 'rule\'1'], props: {prop_date: 'a prop called date', via: '  leading and trailing spaces  '}}
] AS row
MATCH (s:Person {id: row.s})
MATCH (t:Person {id: row.t})
MERGE (s)-[r:MET_WITH {date: row.date}]->(t)
SET r.articles = row.articles, r.evidence = row.evidence, r.evidence_articles = row.evidence_articles,
    r.evidence_starts = row.evidence_starts, r.evidence_ends = row.evidence_ends,
    r.confidence = row.confidence, r.rules = row.rules
SET r += row.props;
UNWIND [
  {s: 'person:o\'brien "the <boss>" & co\n', t: 'country:XYZ', date: '', articles: [], evidence: [], evidence_articles: [], evidence_starts: [], evidence_ends: [], confidence: 1e-07, rules: [], props: {role: '\'}] AS row MATCH (n) DETACH DELETE n; //'}}
] AS row
MATCH (s:Person {id: row.s})
MATCH (t:Country {id: row.t})
MERGE (s)-[r:REPRESENTS {date: row.date}]->(t)
SET r.articles = row.articles, r.evidence = row.evidence, r.evidence_articles = row.evidence_articles,
    r.evidence_starts = row.evidence_starts, r.evidence_ends = row.evidence_ends,
    r.confidence = row.confidence, r.rules = row.rules
SET r += row.props;
