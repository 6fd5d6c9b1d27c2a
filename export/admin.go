package export

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/schema"
)

// IDSpace is the ID space of the node files of AdminCSV. Node ids are unique
// across labels in a kg graph, so one space serves them all and a
// relationship file can hold every edge of a type, whatever its ends.
const IDSpace = "kg"

// ErrNotEmpty is returned by AdminCSV for an output directory that holds
// files already.
var ErrNotEmpty = errors.New("directory not empty")

// ErrEmpty is returned by AdminCSV for a graph without nodes: there is
// nothing to import.
var ErrEmpty = errors.New("the graph is empty: nothing to import")

// AdminImport describes the files that AdminCSV wrote and how to import
// them.
type AdminImport struct {
	Dir           string      // the directory of the files
	Nodes         []AdminFile // one file per label, in the order of schema.Labels
	Relationships []AdminFile // one file per type, MENTIONS first
	// ArrayDelimiter separates the elements of list properties: the first
	// of U+001F, U+001E, U+001D, U+001C (the ASCII separators) and then the
	// private use area that no element of any list holds.
	ArrayDelimiter rune
	// Multiline is set when a value holds a line break, which the importer
	// reads only with --multiline-fields=true (slower, so only then).
	Multiline bool
	// LongestLine is the length in bytes of the longest line of the files.
	// The importer reads a file in buffers that must hold a whole line (4
	// MiB unless --read-buffer-size says more); an edge that many articles
	// support, with all their sentences, can be longer.
	LongestLine int
}

// defaultReadBuffer is the importer's --read-buffer-size when not given.
const defaultReadBuffer = 4 << 20

// ReadBuffer returns the --read-buffer-size that the files need, 0 when the
// importer's default does: twice the longest line, in whole MiB.
func (a *AdminImport) ReadBuffer() int {
	if 2*a.LongestLine <= defaultReadBuffer {
		return 0
	}
	return (2*a.LongestLine + 1<<20 - 1) >> 20 << 20
}

// AdminFile is one CSV file of an AdminImport.
type AdminFile struct {
	Name string // file name in Dir
	Kind string // node label or relationship type
	Rows int    // nodes or relationships, the header not counted
}

// Args returns the arguments of neo4j-admin that import the files into the
// named database, file names relative to Dir (run it from there: the
// importer reads file names as regular expressions, which a directory's
// name might not be). The database comes first: after --nodes or
// --relationships it would be taken for one more file.
func (a *AdminImport) Args(database string) []string {
	args := []string{"database", "import", "full", database,
		fmt.Sprintf("--array-delimiter=U+%04X", a.ArrayDelimiter)}
	if a.Multiline {
		args = append(args, "--multiline-fields=true")
	}
	if n := a.ReadBuffer(); n > 0 {
		args = append(args, fmt.Sprintf("--read-buffer-size=%dm", n>>20))
	}
	for _, f := range a.Nodes {
		args = append(args, "--nodes="+f.Name)
	}
	for _, f := range a.Relationships {
		args = append(args, "--relationships="+f.Name)
	}
	return args
}

// Command returns the shell command that imports the files into the named
// database: cd into Dir, then neo4j-admin database import full.
func (a *AdminImport) Command(database string) string {
	var b strings.Builder
	b.WriteString("cd " + shellQuote(a.Dir) + " && neo4j-admin")
	for _, arg := range a.Args(database) {
		b.WriteString(" " + shellQuote(arg))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=+:,@%", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// AdminCSV writes g into dir as the CSV files that
// `neo4j-admin database import full` reads, the fastest way to put a large
// graph into a new Neo4j database, and returns what it wrote; Command gives
// the command to run. dir must not exist or be empty; the files appear in it
// only once all of them are complete.
//
// There is one node file per label (nodes-Person.csv, ...) and one
// relationship file per type (relationships-MET_WITH.csv, ...), each with a
// header of the importer's format: id:ID(kg) and :LABEL, :START_ID(kg),
// :END_ID(kg) and :TYPE, then typed properties (confidence:double,
// evidence_starts:long[], aliases:string[], ...). Lists are written with
// the ArrayDelimiter, which no element holds.
//
// The graph it imports is the graph that kg's Neo4j store holds, so that
// kg can go on loading into it: besides graph.go's model, entity nodes get
// name_keys (for kg entity and the other lookups by name) and name_article
// (the greatest id of the articles that mention them), MENTIONS edges what
// their article said of the entity (name, aliases, name_keys, props), and
// relation edges their support per article (support_confidence,
// support_rules, support_rule_articles, support_props). A snapshot does not
// say which article gave which rule, prop, confidence, name or alias, so
// each article is credited with all of its edge's and its entity's:
// forgetting or re-extracting an article later removes what only it
// supported, as always, but does not lower a confidence or drop a rule,
// prop value or alias that only it gave to an edge or entity that other
// articles keep. As in the other formats, a prop named like one of these
// properties is written as prop_NAME.
//
// Strings are quoted, quotes doubled (RFC 4180; no backslash escapes), and
// invalid UTF-8 becomes U+FFFD. An empty string is written as "", which the
// importer keeps; an absent value (an article without a title) as nothing.
// The importer stores no empty list: an empty list (an entity without
// aliases) is left out, as is a list of one empty string, and kg reads a
// missing list as an empty one.
func AdminCSV(dir string, g *graph.Graph) (*AdminImport, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("admin-csv: %s: %w", dir, ErrNotEmpty)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("admin-csv: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("admin-csv: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".*")
	if err != nil {
		return nil, fmt.Errorf("admin-csv: %w", err)
	}
	defer os.RemoveAll(tmp) // fails harmlessly once renamed
	a, err := writeAdmin(g, func(name string, write func(io.Writer) error) error {
		f, err := os.OpenFile(filepath.Join(tmp, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("admin-csv: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("admin-csv: %w", err)
	}
	// An empty directory gives way; one that got files meanwhile does not.
	if err := os.Remove(abs); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("admin-csv: %s: %w", dir, ErrNotEmpty)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return nil, fmt.Errorf("admin-csv: %w", err)
	}
	a.Dir = abs
	return a, nil
}

// Reserved property names of the admin files' nodes and edges (a prop by
// one of these names is written as prop_NAME).
var (
	adminEntityFields  = []string{"id", "uuid", "name", "aliases", "name_keys", "name_article"}
	adminArticleFields = []string{"id", "uuid", "title"}
	adminEdgeFields    = []string{"date", "articles", "evidence", "evidence_articles", "evidence_starts", "evidence_ends",
		"confidence", "rules", "support_confidence", "support_rules", "support_rule_articles", "support_props"}
)

// adminNode and adminEdge are the rows of the files, lists and props
// worked out once so that the delimiter can be chosen before writing.
type adminNode struct {
	n           graph.Node
	props       []prop
	nameKeys    []string
	propsJSON   string // of an entity: what each MENTIONS edge to it says
	nameArticle string // of an entity: the greatest id of the articles that mention it
}

type adminEdge struct {
	e                              graph.Edge
	props                          []prop
	sentences, evArticles          []string
	starts, ends                   []int64
	supportConf                    []float64
	supportRules, supportRuleArts  []string
	supportProps                   []string
	mentionAliases, mentionNameKey []string // MENTIONS: the entity's
	mentionName, mentionProps      string
}

// writeAdmin writes the files of g through create, which makes the named
// file and calls write with it.
func writeAdmin(g *graph.Graph, create func(name string, write func(io.Writer) error) error) (*AdminImport, error) {
	labels, err := index(g)
	if err != nil {
		return nil, err
	}
	if len(g.Nodes) == 0 {
		return nil, ErrEmpty // neo4j-admin needs a node file
	}
	a := &AdminImport{}
	nodes := map[string][]*adminNode{}
	byID := map[string]*adminNode{}
	var lists [][]string // every list that the files hold, to choose the delimiter
	for _, n := range g.Nodes {
		if !schema.IsLabel(n.Label) {
			return nil, fmt.Errorf("node %s: label %q is not in the schema", n.ID, n.Label)
		}
		an := &adminNode{n: n}
		if n.Label == schema.Article {
			an.props = props(n.Props, adminArticleFields)
		} else {
			an.props = props(n.Props, adminEntityFields)
			an.nameKeys = graph.NameKeys(n.Name, n.Aliases)
			an.propsJSON = propsJSON(an.props)
			lists = append(lists, n.Aliases, an.nameKeys)
		}
		if err := checkColumns(an.props); err != nil {
			return nil, fmt.Errorf("%s node %s: %w", n.Label, n.ID, err)
		}
		nodes[n.Label] = append(nodes[n.Label], an)
		byID[n.ID] = an
	}
	edges := map[string][]*adminEdge{}
	for _, e := range g.Edges {
		ae := &adminEdge{e: e}
		if e.Type == schema.Mentions {
			from, to := labels[e.Source], labels[e.Target]
			if from != schema.Article || to == schema.Article {
				return nil, fmt.Errorf("MENTIONS edge %s -> %s: from %s to %s, want from Article to an entity", e.Source, e.Target, from, to)
			}
			ent := byID[e.Target]
			ae.mentionName, ae.mentionAliases, ae.mentionNameKey, ae.mentionProps = ent.n.Name, ent.n.Aliases, ent.nameKeys, ent.propsJSON
			ent.nameArticle = max(ent.nameArticle, e.Source)
		} else {
			if _, ok := schema.Relation(e.Type); !ok {
				return nil, fmt.Errorf("edge %s -> %s: type %q is not in the schema", e.Source, e.Target, e.Type)
			}
			ae.props = props(e.Props, adminEdgeFields)
			if err := checkColumns(ae.props); err != nil {
				return nil, fmt.Errorf("%s edge %s -> %s: %w", e.Type, e.Source, e.Target, err)
			}
			for _, x := range e.Evidence {
				ae.sentences = append(ae.sentences, x.Sentence)
				ae.evArticles = append(ae.evArticles, x.Article)
				ae.starts = append(ae.starts, int64(x.Start))
				ae.ends = append(ae.ends, int64(x.End))
			}
			pj := propsJSON(ae.props)
			for _, art := range e.Articles {
				ae.supportConf = append(ae.supportConf, e.Confidence)
				ae.supportProps = append(ae.supportProps, pj)
				for _, r := range e.Rules {
					ae.supportRules = append(ae.supportRules, r)
					ae.supportRuleArts = append(ae.supportRuleArts, art)
				}
			}
			lists = append(lists, e.Articles, ae.sentences, ae.evArticles, e.Rules, ae.supportProps)
		}
		edges[e.Type] = append(edges[e.Type], ae)
	}
	a.ArrayDelimiter = delimiter(lists)
	a.Multiline = multiline(g)

	for _, l := range schema.Labels {
		ns := nodes[l]
		if len(ns) == 0 {
			continue
		}
		f := AdminFile{Name: "nodes-" + l + ".csv", Kind: l, Rows: len(ns)}
		if err := create(f.Name, func(w io.Writer) error { return writeNodes(w, a.ArrayDelimiter, &a.LongestLine, l, ns) }); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		a.Nodes = append(a.Nodes, f)
	}
	types := schema.Types()
	for _, t := range types {
		es := edges[t]
		if len(es) == 0 {
			continue
		}
		f := AdminFile{Name: "relationships-" + t + ".csv", Kind: t, Rows: len(es)}
		if err := create(f.Name, func(w io.Writer) error { return writeEdges(w, a.ArrayDelimiter, &a.LongestLine, t, es) }); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		a.Relationships = append(a.Relationships, f)
	}
	return a, nil
}

// checkColumns refuses the prop names that a header of neo4j-admin import
// cannot carry: the importer reads ':' as the start of a type, '(' of an ID
// space and '{' of options, and a line break would end the header. (kg's
// own props are plain words: iso3, country, kind, role, ...)
func checkColumns(ps []prop) error {
	for _, p := range ps {
		if strings.ContainsAny(p.name, ":(){}[]") || strings.ContainsFunc(p.name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return fmt.Errorf("prop name %q cannot be a column of neo4j-admin import (it has one of : ( ) { } [ ] or a control character)", p.name)
		}
	}
	return nil
}

// propsJSON is a JSON object of props, keys sorted, as kg's Neo4j store
// keeps an article's props of an entity or edge.
func propsJSON(ps []prop) string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[strings.ToValidUTF8(p.name, "\uFFFD")] = p.value
	}
	b, err := json.Marshal(m) // sorts the keys; invalid UTF-8 becomes U+FFFD
	if err != nil {
		panic(err) // a map of strings always encodes
	}
	return string(b)
}

// delimiter returns the first candidate that no string of lists holds.
func delimiter(lists [][]string) rune {
	used := map[rune]bool{}
	for _, l := range lists {
		for _, s := range l {
			for _, r := range s {
				if r < 0x20 || r >= 0xE000 && r <= 0xF8FF {
					used[r] = true
				}
			}
		}
	}
	for _, r := range []rune{0x1F, 0x1E, 0x1D, 0x1C} {
		if !used[r] {
			return r
		}
	}
	for r := rune(0xE000); ; r++ { // the graph cannot use all 6400
		if !used[r] {
			return r
		}
	}
}

// multiline reports whether a string of g that the files hold has a line
// break.
func multiline(g *graph.Graph) bool {
	has := func(ss ...string) bool {
		for _, s := range ss {
			if strings.ContainsAny(s, "\r\n") {
				return true
			}
		}
		return false
	}
	for _, n := range g.Nodes {
		if has(n.ID, n.Name) || has(n.Aliases...) || has(slices.Collect(maps.Keys(n.Props))...) || has(slices.Collect(maps.Values(n.Props))...) {
			return true
		}
	}
	for _, e := range g.Edges {
		if has(e.Source, e.Target, e.Date) || has(e.Articles...) || has(e.Rules...) ||
			has(slices.Collect(maps.Keys(e.Props))...) || has(slices.Collect(maps.Values(e.Props))...) {
			return true
		}
		for _, x := range e.Evidence {
			if has(x.Sentence, x.Article) {
				return true
			}
		}
	}
	return false
}

// columns returns the prop names of rows, sorted.
func columns(rows [][]prop) []string {
	seen := map[string]bool{}
	for _, ps := range rows {
		for _, p := range ps {
			seen[p.name] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

func writeNodes(w io.Writer, delim rune, longest *int, label string, ns []*adminNode) error {
	ps := make([][]prop, len(ns))
	for i, n := range ns {
		ps[i] = n.props
	}
	cols := columns(ps)
	c := newCSV(w, delim, longest)
	c.name("id:ID(" + IDSpace + ")")
	c.name(":LABEL")
	c.name("uuid")
	if label == schema.Article {
		c.name("title")
	} else {
		c.name("name")
		c.name("name_article")
		c.name("aliases:string[]")
		c.name("name_keys:string[]")
	}
	for _, k := range cols {
		c.name(k)
	}
	c.end()
	for _, n := range ns {
		c.str(n.n.ID)
		c.str(label)
		c.str(schema.UUID(n.n.ID))
		if label == schema.Article {
			if n.n.Name == "" {
				c.null() // kg's store keeps no title rather than an empty one
			} else {
				c.str(n.n.Name)
			}
		} else {
			c.str(n.n.Name)
			if n.nameArticle == "" {
				c.null() // mentioned by no article
			} else {
				c.str(n.nameArticle)
			}
			c.strs(n.n.Aliases)
			c.strs(n.nameKeys)
		}
		c.props(cols, n.props)
		c.end()
	}
	return c.flush()
}

func writeEdges(w io.Writer, delim rune, longest *int, typ string, es []*adminEdge) error {
	ps := make([][]prop, len(es))
	for i, e := range es {
		ps[i] = e.props
	}
	cols := columns(ps)
	c := newCSV(w, delim, longest)
	c.name(":START_ID(" + IDSpace + ")")
	c.name(":END_ID(" + IDSpace + ")")
	c.name(":TYPE")
	if typ == schema.Mentions {
		for _, h := range []string{"name", "aliases:string[]", "name_keys:string[]", "props"} {
			c.name(h)
		}
	} else {
		for _, h := range []string{"date", "articles:string[]", "evidence:string[]", "evidence_articles:string[]",
			"evidence_starts:long[]", "evidence_ends:long[]", "confidence:double", "rules:string[]",
			"support_confidence:double[]", "support_rules:string[]", "support_rule_articles:string[]", "support_props:string[]"} {
			c.name(h)
		}
	}
	for _, k := range cols {
		c.name(k)
	}
	c.end()
	for _, e := range es {
		c.str(e.e.Source)
		c.str(e.e.Target)
		c.str(typ)
		if typ == schema.Mentions {
			c.str(e.mentionName)
			c.strs(e.mentionAliases)
			c.strs(e.mentionNameKey)
			c.str(e.mentionProps)
		} else {
			c.str(e.e.Date) // "" when the text gives none, never absent: kg merges on it
			c.strs(e.e.Articles)
			c.strs(e.sentences)
			c.strs(e.evArticles)
			c.ints(e.starts)
			c.ints(e.ends)
			c.float(e.e.Confidence)
			c.strs(e.e.Rules)
			c.floats(e.supportConf)
			c.strs(e.supportRules)
			c.strs(e.supportRuleArts)
			c.strs(e.supportProps)
		}
		c.props(cols, e.props)
		c.end()
	}
	return c.flush()
}

// csvWriter writes the importer's CSV: fields separated by commas, strings
// quoted, lines ended by \n. It builds each line in row and keeps the
// length of the longest; bufio.Writer keeps the first error.
type csvWriter struct {
	w       *bufio.Writer
	delim   rune
	row     []byte
	longest *int
}

func newCSV(w io.Writer, delim rune, longest *int) *csvWriter {
	return &csvWriter{w: bufio.NewWriterSize(w, 1<<16), delim: delim, longest: longest}
}

func (c *csvWriter) sep() {
	if len(c.row) > 0 {
		c.row = append(c.row, ',')
	}
}

func (c *csvWriter) end() {
	c.row = append(c.row, '\n')
	*c.longest = max(*c.longest, len(c.row))
	c.w.Write(c.row)
	c.row = c.row[:0]
}

func (c *csvWriter) flush() error { return c.w.Flush() }

// name writes a header field; the names are kg's or checked by
// headerName, so quoting them is only ever about commas and quotes.
func (c *csvWriter) name(s string) {
	c.sep()
	c.quoted(s)
}

// null writes an absent value: nothing between the commas. (A line of
// a file never starts with one.)
func (c *csvWriter) null() { c.sep() }

func (c *csvWriter) str(s string) {
	c.sep()
	c.quoted(s)
}

// quoted writes s in double quotes, a quote as two, invalid UTF-8 as
// U+FFFD.
func (c *csvWriter) quoted(s string) {
	c.row = append(c.row, '"')
	c.text(s)
	c.row = append(c.row, '"')
}

func (c *csvWriter) text(s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			c.row = append(c.row, "\uFFFD"...)
		case r == '"':
			c.row = append(c.row, `""`...)
		default:
			c.row = append(c.row, s[i:i+size]...)
		}
		i += size
	}
}

func (c *csvWriter) strs(l []string) {
	c.sep()
	c.row = append(c.row, '"')
	for i, s := range l {
		if i > 0 {
			c.row = utf8.AppendRune(c.row, c.delim)
		}
		c.text(s)
	}
	c.row = append(c.row, '"')
}

func (c *csvWriter) ints(l []int64) {
	c.sep()
	for i, n := range l {
		if i > 0 {
			c.row = utf8.AppendRune(c.row, c.delim)
		}
		c.row = strconv.AppendInt(c.row, n, 10)
	}
}

func (c *csvWriter) float(f float64) {
	c.sep()
	c.row = strconv.AppendFloat(c.row, f, 'g', -1, 64)
}

func (c *csvWriter) floats(l []float64) {
	c.sep()
	for i, f := range l {
		if i > 0 {
			c.row = utf8.AppendRune(c.row, c.delim)
		}
		c.row = strconv.AppendFloat(c.row, f, 'g', -1, 64)
	}
}

// props writes the values of the columns cols that ps has, nothing for the
// others.
func (c *csvWriter) props(cols []string, ps []prop) {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.name] = p.value
	}
	for _, k := range cols {
		if v, ok := m[k]; ok {
			c.str(v)
		} else {
			c.null()
		}
	}
}
