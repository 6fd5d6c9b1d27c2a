package extract

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/kg/schema"
)

// The rule files: word classes and relation patterns, as data. The format is
// documented in rules/README.md.

//go:embed rules/*.rules
var embeddedRules embed.FS

// ruleSet is the parsed content of the rule files: word classes and
// patterns, in load order.
type ruleSet struct {
	classes map[string][][]string // @name → phrases, each a list of folded words
	raw     map[string][]string   // @name → its phrases as written
	rules   []ruleDef
}

// ruleDef is one pattern line before compilation.
type ruleDef struct {
	typ        string
	id         string
	confidence float64
	pattern    []string // the pattern's items, split on white space
	where      string   // file:line, for errors
}

func newRuleSet() *ruleSet {
	return &ruleSet{classes: make(map[string][][]string), raw: make(map[string][]string)}
}

// loadEmbedded adds the rule files built into kg.
func (rs *ruleSet) loadEmbedded() error {
	return rs.loadFS(embeddedRules, "rules")
}

// loadPath adds a rule file, or every *.rules file of a directory in name order.
func (rs *ruleSet) loadPath(p string) error {
	info, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("rules: %w", err)
	}
	if info.IsDir() {
		return rs.loadFS(os.DirFS(p), ".")
	}
	return rs.loadFile(os.DirFS(filepath.Dir(p)), filepath.Base(p))
}

func (rs *ruleSet) loadFS(fsys fs.FS, dir string) error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.rules"))
	if err != nil {
		return fmt.Errorf("rules %s: %w", dir, err)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := rs.loadFile(fsys, name); err != nil {
			return err
		}
	}
	return nil
}

func (rs *ruleSet) loadFile(fsys fs.FS, name string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("rules: %w", err)
	}
	defer f.Close()
	if err := rs.parse(f, name); err != nil {
		return fmt.Errorf("rules %s", err)
	}
	return nil
}

// parse reads rule lines from r; name names the source in errors.
func (rs *ruleSet) parse(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n)
		if err := rs.parseLine(line, where); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	return sc.Err()
}

func (rs *ruleSet) parseLine(line, where string) error {
	if strings.HasPrefix(line, "@") {
		return rs.parseClass(line)
	}
	f := strings.Fields(line)
	if f[0] == "disable" {
		if len(f) != 2 {
			return fmt.Errorf("want: disable <rule id>")
		}
		rs.rules = slices.DeleteFunc(rs.rules, func(d ruleDef) bool { return d.id == f[1] })
		return nil
	}
	if len(f) < 4 {
		return fmt.Errorf("want: <TYPE> <id> <confidence> <pattern>, or @class = words")
	}
	if _, ok := schema.Relation(f[0]); !ok {
		return fmt.Errorf("unknown relation type %q", f[0])
	}
	conf, err := strconv.ParseFloat(f[2], 64)
	if err != nil || conf <= 0 || conf > 1 {
		return fmt.Errorf("confidence %q: want a number in (0, 1]", f[2])
	}
	d := ruleDef{typ: f[0], id: f[1], confidence: conf, pattern: f[3:], where: where}
	// A rule with a known id replaces it, so that a user file can refine
	// an embedded rule.
	if i := slices.IndexFunc(rs.rules, func(x ruleDef) bool { return x.id == d.id }); i >= 0 {
		rs.rules[i] = d
		return nil
	}
	rs.rules = append(rs.rules, d)
	return nil
}

// parseClass reads "@name = a, b c, d" (define) or "@name += e" (extend).
func (rs *ruleSet) parseClass(line string) error {
	name, body, ok := strings.Cut(line, "=")
	if !ok {
		return fmt.Errorf("word class: want @name = words")
	}
	name = strings.TrimSpace(name)
	extend := strings.HasSuffix(name, "+")
	name = strings.TrimSpace(strings.TrimSuffix(name, "+"))
	if len(name) < 2 || strings.ContainsAny(name[1:], " @{}[]|") {
		return fmt.Errorf("word class name %q", name)
	}
	var phrases [][]string
	var raw []string
	if extend {
		phrases, raw = rs.classes[name], rs.raw[name]
	}
	for _, p := range strings.Split(body, ",") {
		words := phraseWords(p)
		if len(words) > 0 {
			phrases = append(phrases, words)
			raw = append(raw, strings.TrimSpace(p))
		}
	}
	rs.classes[name], rs.raw[name] = phrases, raw
	return nil
}

// phraseWords folds and tokenises a phrase of a rule file as the text
// tokenizer would: "U.S.-led" → "u.s.", "-", "led".
func phraseWords(p string) []string {
	p = strings.TrimSpace(p)
	if p == "'s" || p == "’s" {
		return []string{"'s"} // the possessive token
	}
	var out []string
	for _, t := range tokenize(p) {
		out = append(out, t.norm)
	}
	return out
}

// words returns the single-word members of class name as a set.
func (rs *ruleSet) words(name string) map[string]bool {
	set := make(map[string]bool)
	for _, p := range rs.classes[name] {
		if len(p) == 1 {
			set[p[0]] = true
		}
	}
	return set
}
