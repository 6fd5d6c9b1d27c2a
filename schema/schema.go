// Package schema is the executable form of ONTOLOGY.md: the node labels, the
// relation types, which labels each type may connect, and the constraints and
// indexes a store needs. Stores take labels and relation types only from here,
// never from article text, so nothing in an article can change a query.
package schema

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// Node labels.
const (
	Person       = "Person"
	Country      = "Country"
	Organization = "Organization"
	Treaty       = "Treaty"
	Summit       = "Summit"
	Place        = "Place"
	Article      = "Article"
)

// Labels lists every node label, Article last.
var Labels = []string{Person, Country, Organization, Treaty, Summit, Place, Article}

// EntityLabels lists the labels of the nodes that extraction produces.
var EntityLabels = Labels[:len(Labels)-1]

// Relation types.
const (
	MetWith      = "MET_WITH"
	Condemned    = "CONDEMNED"
	WithdrewFrom = "WITHDREW_FROM"
	Attended     = "ATTENDED"
	HeldIn       = "HELD_IN"
	LocatedIn    = "LOCATED_IN"
	Represents   = "REPRESENTS"
	Accused      = "ACCUSED"
	Detained     = "DETAINED"
	Urged        = "URGED"
	Sanctioned   = "SANCTIONED"
	Signed       = "SIGNED"
	Joined       = "JOINED"
	Attacked     = "ATTACKED"
	Supports     = "SUPPORTS"
	Visited      = "VISITED"
	// Mentions links an Article to each entity it mentions.
	Mentions = "MENTIONS"
)

// RelationType describes one relation type of the ontology.
type RelationType struct {
	Name      string
	Core      bool     // scored strictly; the types the graph exists for
	Symmetric bool     // stored once, from the smaller id to the larger
	From, To  []string // labels allowed at each end
}

var actors = []string{Person, Country, Organization}

// RelationTypes lists the relation types that extraction may produce, core first.
var RelationTypes = []RelationType{
	{Name: MetWith, Core: true, Symmetric: true, From: actors, To: actors},
	{Name: Condemned, Core: true, From: actors, To: actors},
	{Name: WithdrewFrom, Core: true, From: actors, To: []string{Treaty, Organization, Summit}},
	{Name: Attended, From: actors, To: []string{Summit}},
	{Name: HeldIn, From: []string{Summit}, To: []string{Place, Country}},
	{Name: LocatedIn, From: []string{Place}, To: []string{Country}},
	{Name: Represents, From: []string{Person}, To: []string{Country, Organization}},
	{Name: Accused, From: actors, To: actors},
	{Name: Detained, From: actors, To: []string{Person}},
	{Name: Urged, From: actors, To: actors},
	{Name: Sanctioned, From: actors, To: actors},
	{Name: Signed, From: actors, To: []string{Treaty}},
	{Name: Joined, From: actors, To: []string{Organization, Treaty}},
	{Name: Attacked, From: actors, To: actors},
	{Name: Supports, From: actors, To: actors},
	{Name: Visited, From: actors, To: []string{Country, Place}},
}

// Types returns every relationship type of the graph, in the order of
// stores' statistics and exports: MENTIONS, then RelationTypes.
func Types() []string {
	ts := []string{Mentions}
	for _, rt := range RelationTypes {
		ts = append(ts, rt.Name)
	}
	return ts
}

// Relation returns the relation type called name.
func Relation(name string) (RelationType, bool) {
	for _, rt := range RelationTypes {
		if rt.Name == name {
			return rt, true
		}
	}
	return RelationType{}, false
}

// IsLabel reports whether label is a node label of the schema.
func IsLabel(label string) bool { return slices.Contains(Labels, label) }

// Allows reports whether the type may connect a node labelled from to one
// labelled to.
func (rt RelationType) Allows(from, to string) bool {
	return slices.Contains(rt.From, from) && slices.Contains(rt.To, to)
}

// Validate checks that a relation of type name between the labels from and to
// is part of the schema.
func Validate(name, from, to string) error {
	rt, ok := Relation(name)
	if !ok {
		return fmt.Errorf("unknown relation type %q", name)
	}
	if !rt.Allows(from, to) {
		return fmt.Errorf("%s does not go from %s to %s", name, from, to)
	}
	return nil
}

// Namespace is the namespace of the name-based UUIDs of kg's nodes.
var Namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/newsgraph/kg"))

// UUID returns the stable name-based UUID of a node id: the same on every run
// and every machine.
func UUID(id string) string { return uuid.NewSHA1(Namespace, []byte(id)).String() }

// EntityID returns the stable id of an entity: its label in lower case and the
// slug of its key ("person:sergey-lavrov"). Countries use their ISO 3166-1
// alpha-3 code as key ("country:RUS").
func EntityID(label, key string) string {
	if label == Country {
		return "country:" + strings.ToUpper(key)
	}
	return strings.ToLower(label) + ":" + Slug(key)
}

// Slug folds a name to lower-case ASCII words joined by hyphens: accents are
// dropped, punctuation separates words.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "Côte d'Ivoire" → "cote-divoire": an apostrophe joins.
		default:
			dash = true
		}
	}
	return b.String()
}

// Constraint is a uniqueness constraint or an index that a store creates
// before its first write.
type Constraint struct {
	Name      string
	Label     string // labels joined by "|" for an index over several
	Property  string
	Unique    bool
	Statement string // Cypher, idempotent
}

// NameKeysIndex is the full-text index over the name_keys of every entity
// label: the folded names and aliases (graph.NameKey) by which kg looks
// entities up. Its keyword analyzer indexes each key whole, so a query
// finds exactly the nodes that hold the key.
const NameKeysIndex = "kg_entity_name_keys"

// Constraints lists the constraints and indexes of the graph: every node is
// unique by id within its label; names are indexed, and the name keys of
// all entity labels are in one full-text index (NameKeysIndex), for
// look-ups.
func Constraints() []Constraint {
	var cs []Constraint
	for _, l := range Labels {
		name := "kg_" + strings.ToLower(l) + "_id"
		cs = append(cs, Constraint{Name: name, Label: l, Property: "id", Unique: true,
			Statement: fmt.Sprintf("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE", name, l)})
	}
	for _, l := range EntityLabels {
		name := "kg_" + strings.ToLower(l) + "_name"
		cs = append(cs, Constraint{Name: name, Label: l, Property: "name",
			Statement: fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.name)", name, l)})
	}
	labels := strings.Join(EntityLabels, "|")
	cs = append(cs, Constraint{Name: NameKeysIndex, Label: labels, Property: "name_keys",
		Statement: fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [n.name_keys] "+
			"OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}", NameKeysIndex, labels)})
	return cs
}
