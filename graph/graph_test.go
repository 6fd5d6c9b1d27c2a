package graph

import (
	"reflect"
	"testing"
)

func TestGraph_Sort(t *testing.T) {
	g := &Graph{
		Nodes: []Node{
			{ID: "person:b", Label: "Person", Aliases: []string{"Zed", "Bee", "Ay"}, Props: map[string]string{}},
			{ID: "country:AAA", Label: "Country", Aliases: []string{}},
			{ID: "person:a", Label: "Person"},
		},
		Edges: []Edge{{Type: "MET_WITH", Source: "person:a", Target: "person:b",
			Articles: []string{"y", "x"}, Rules: []string{"r2", "r1"},
			Evidence: []Evidence{
				{Article: "y", Sentence: "b", Start: 0, End: 9},
				{Article: "x", Sentence: "longer", Start: 5, End: 20},
				{Article: "x", Sentence: "z", Start: 5, End: 10},
				{Article: "x", Sentence: "a", Start: 5, End: 10},
			}}},
	}
	g.Sort()
	want := &Graph{
		Nodes: []Node{
			{ID: "country:AAA", Label: "Country"},
			{ID: "person:a", Label: "Person"},
			{ID: "person:b", Label: "Person", Aliases: []string{"Ay", "Bee", "Zed"}},
		},
		Edges: []Edge{{Type: "MET_WITH", Source: "person:a", Target: "person:b",
			Articles: []string{"x", "y"}, Rules: []string{"r1", "r2"},
			Evidence: []Evidence{
				{Article: "x", Sentence: "a", Start: 5, End: 10},
				{Article: "x", Sentence: "z", Start: 5, End: 10},
				{Article: "x", Sentence: "longer", Start: 5, End: 20},
				{Article: "y", Sentence: "b", Start: 0, End: 9},
			}}},
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("Sort:\ngot  %+v\nwant %+v", g, want)
	}
}

func TestEntityLabel(t *testing.T) {
	for _, tt := range []struct{ id, label string }{
		{"person:sergey-lavrov", "Person"}, {"country:RUS", "Country"}, {"organization:un", "Organization"},
		{"treaty:new-start", "Treaty"}, {"summit:g20", "Summit"}, {"place:sochi", "Place"},
		{"article:x", ""}, {"Person:x", ""}, {"person:", ""}, {"person", ""}, {"", ""}, {":x", ""},
	} {
		l, ok := EntityLabel(tt.id)
		if l != tt.label || ok != (tt.label != "") {
			t.Errorf("EntityLabel(%q) = %q, %v; want %q", tt.id, l, ok, tt.label)
		}
	}
}
