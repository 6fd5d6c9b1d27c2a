package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Gold is the hand annotation of one article: the gold file format of
// ../shared/gold/README.md. Fields the scoring does not use (url, file) are
// accepted and ignored.
type Gold struct {
	ID        string         `json:"id"`
	Published string         `json:"published,omitempty"`
	Title     string         `json:"title,omitempty"`
	Source    string         `json:"source,omitempty"`
	Entities  []GoldEntity   `json:"entities"`
	Relations []GoldRelation `json:"relations"`
	NotEdges  []NotEdge      `json:"not_edges,omitempty"`

	// File is the path the annotation was read from; LoadGold sets it.
	File string `json:"-"`
}

// GoldEntity is an entity of a gold file. Relations name it by Key.
type GoldEntity struct {
	Key     string   `json:"key"`
	Label   string   `json:"label"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	ISO3    string   `json:"iso3,omitempty"` // countries only
}

// GoldRelation is an edge that the article states. A doubtful one is a case
// careful readers disagree on: predicting it is neither right nor wrong, and
// not predicting it is no miss.
type GoldRelation struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	Date     string `json:"date,omitempty"`
	Role     string `json:"role,omitempty"` // REPRESENTS only; not scored
	Evidence string `json:"evidence,omitempty"`
	Doubtful bool   `json:"doubtful,omitempty"`
	Note     string `json:"note,omitempty"`
}

// NotEdge is a tempting non-edge of a gold file, kept to explain false
// positives. Predicting a doubtful one is neither right nor wrong.
type NotEdge struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	Why      string `json:"why,omitempty"`
	Evidence string `json:"evidence,omitempty"`
	Doubtful bool   `json:"doubtful,omitempty"`
}

// LoadGold reads every *.json gold file directly in dir (subdirectories such
// as texts/ are not read) and returns them keyed by article id. A file
// without an id takes its name without the extension as id.
func LoadGold(dir string) (map[string]*Gold, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("load gold: %w", err)
	}
	golds := make(map[string]*Gold)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		g, err := readGold(path)
		if err != nil {
			return nil, fmt.Errorf("load gold %s: %w", path, err)
		}
		if g.ID == "" {
			g.ID = strings.TrimSuffix(e.Name(), ".json")
		}
		if prev, ok := golds[g.ID]; ok {
			return nil, fmt.Errorf("load gold %s: article %q is also annotated in %s", path, g.ID, prev.File)
		}
		golds[g.ID] = g
	}
	if len(golds) == 0 {
		return nil, fmt.Errorf("load gold %s: no gold files (*.json)", dir)
	}
	return golds, nil
}

func readGold(path string) (*Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, err
	}
	g.File = path
	if err := g.check(); err != nil {
		return nil, err
	}
	return &g, nil
}

// check reports annotation mistakes that would otherwise score silently
// wrong: entities without key or name, and edges naming unknown keys.
func (g *Gold) check() error {
	var errs []error
	keys := make(map[string]bool, len(g.Entities))
	for i, e := range g.Entities {
		switch {
		case e.Key == "":
			errs = append(errs, fmt.Errorf("entity %d (%q) has no key", i, e.Name))
		case keys[e.Key]:
			errs = append(errs, fmt.Errorf("entity key %q is used twice", e.Key))
		case normalize(e.Name) == "":
			errs = append(errs, fmt.Errorf("entity %q has no name", e.Key))
		}
		keys[e.Key] = true
	}
	edge := func(what, typ, src, tgt string) {
		if typ == "" {
			errs = append(errs, fmt.Errorf("%s %s-%s has no type", what, src, tgt))
		}
		for _, k := range []string{src, tgt} {
			if !keys[k] {
				errs = append(errs, fmt.Errorf("%s %s %s-%s: no entity has key %q", what, typ, src, tgt, k))
			}
		}
	}
	for _, r := range g.Relations {
		edge("relation", r.Type, r.Source, r.Target)
	}
	for _, n := range g.NotEdges {
		edge("not_edge", n.Type, n.Source, n.Target)
	}
	return errors.Join(errs...)
}
