package browserstyle

import (
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/kg/schema"
)

// parse reads GraSS the way Neo4j Browser does: selector { name: value; ... },
// braces inside quotes are text, quotes are dropped, and each declaration
// must split at exactly one colon.
func parse(t *testing.T, grass string) map[string]map[string]string {
	t.Helper()
	bodies := map[string]string{}
	var sel, body strings.Builder
	quoted, inBody := false, false
	for _, r := range grass {
		switch {
		case r == '\'' || r == '"':
			quoted = !quoted
		case r == '{' && !quoted:
			if inBody {
				t.Fatalf("{ inside the body of %s", sel.String())
			}
			inBody = true
		case r == '}' && !quoted:
			if _, dup := bodies[sel.String()]; dup {
				t.Errorf("selector %s twice", sel.String())
			}
			bodies[sel.String()] = body.String()
			sel.Reset()
			body.Reset()
			inBody = false
		case inBody:
			body.WriteRune(r)
		case r != ' ' && r != '\n' && r != '\t':
			sel.WriteRune(r)
		}
	}
	if inBody || quoted || strings.TrimSpace(sel.String()) != "" {
		t.Fatalf("GraSS ends inside a rule, a quote or a selector (%q)", sel.String())
	}
	rules := map[string]map[string]string{}
	for s, b := range bodies {
		decls := map[string]string{}
		for _, d := range strings.Split(b, ";") {
			if strings.TrimSpace(d) == "" {
				continue
			}
			parts := strings.Split(d, ":")
			if len(parts) != 2 {
				t.Errorf("%s: declaration %q has %d colons; Browser drops it", s, d, len(parts)-1)
				continue
			}
			decls[strings.TrimSpace(parts[0])] = strings.TrimSpace(parts[1])
		}
		rules[s] = decls
	}
	return rules
}

func px(t *testing.T, v string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimSuffix(v, "px"))
	if err != nil {
		t.Fatalf("size %q: %v", v, err)
	}
	return n
}

func TestGrass_StylesEveryLabel(t *testing.T) {
	rules := parse(t, Grass)
	colours := map[string]string{}
	for _, l := range schema.Labels {
		r, ok := rules["node."+l]
		if !ok {
			t.Errorf("no style for label %s", l)
			continue
		}
		want := "{name}"
		if l == schema.Article {
			want = "{title}"
		}
		if r["caption"] != want {
			t.Errorf("node.%s caption %q, want %q", l, r["caption"], want)
		}
		for _, p := range []string{"color", "diameter", "text-color-internal", "font-size"} {
			if r[p] == "" {
				t.Errorf("node.%s has no %s", l, p)
			}
		}
		if other, dup := colours[r["color"]]; dup {
			t.Errorf("%s and %s have the same colour %s", l, other, r["color"])
		}
		colours[r["color"]] = l
	}
	size := func(l string) int { return px(t, rules["node."+l]["diameter"]) }
	if !(size(schema.Country) > size(schema.Person) && size(schema.Person) > size(schema.Article)) {
		t.Errorf("sizes Country %d, Person %d, Article %d: want countries largest, articles smallest",
			size(schema.Country), size(schema.Person), size(schema.Article))
	}
}

func TestGrass_CaptionsEveryRelationshipWithItsType(t *testing.T) {
	rules := parse(t, Grass)
	types := schema.Types()
	if rules["relationship"]["caption"] != "<type>" {
		t.Errorf("default relationship caption %q, want <type>", rules["relationship"]["caption"])
	}
	for _, typ := range types {
		r, ok := rules["relationship."+typ]
		if !ok {
			t.Errorf("no style for relationship type %s", typ)
			continue
		}
		if r["caption"] != "<type>" || r["color"] == "" {
			t.Errorf("relationship.%s: caption %q, colour %q; want <type> and a colour", typ, r["caption"], r["color"])
		}
	}
	for sel := range rules {
		name, ok := strings.CutPrefix(sel, "node.")
		if ok && !schema.IsLabel(name) {
			t.Errorf("style for %s, a label not in the schema", sel)
		}
	}
}
