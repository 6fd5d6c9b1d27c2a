package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	kg "github.com/newsgraph/kg"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		s, err := Open(filepath.Join(t.TempDir(), "kg.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// A store made before mentions kept each article's name of its entity is
// brought up to date by Init: the node's name stands for its articles'.
func TestInit_UpgradesStoreWithoutMentionNames(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "kg.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := strings.Replace(ddl, ", name TEXT NOT NULL DEFAULT ''", "", 1)
	if old == ddl {
		t.Fatal("the mentions table of ddl has no name column to leave out")
	}
	for _, q := range []string{old, `CREATE INDEX mentions_node ON mentions (node)`,
		`INSERT INTO articles (id, hash, extractor) VALUES ('a', 'h', 'x')`,
		`INSERT INTO nodes (id, label, name) VALUES ('country:FRA', 'Country', 'Old name')`,
		`INSERT INTO mentions (article, node, aliases, props) VALUES ('a', 'country:FRA', '[]', '{}')`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for i := 0; i < 2; i++ {
		if err := s.Init(ctx); err != nil {
			t.Fatalf("Init %d: %v", i+1, err)
		}
	}
	name := func() string {
		t.Helper()
		ns, err := s.Nodes(ctx, []string{"country:FRA"})
		if err != nil || len(ns) != 1 {
			t.Fatalf("Nodes: %v, %v", ns, err)
		}
		return ns[0].Name
	}
	if got := name(); got != "Old name" {
		t.Errorf("after Init: name %q, want the old one", got)
	}
	rec := kg.Record{Article: kg.Article{ID: "z", Text: "France.", Extractor: "x"},
		Entities: []kg.Entity{{ID: "country:FRA", Label: "Country", Name: "France"}}}
	if _, err := s.Load(ctx, []kg.Record{rec}); err != nil {
		t.Fatal(err)
	}
	if got := name(); got != "France" {
		t.Errorf("after loading z: name %q, want France", got)
	}
	if _, err := s.Forget(ctx, []string{"z"}); err != nil {
		t.Fatal(err)
	}
	if got := name(); got != "Old name" {
		t.Errorf("after forgetting z: name %q, want the old one", got)
	}
}
