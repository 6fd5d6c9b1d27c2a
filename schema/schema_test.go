package schema

import (
	"strings"
	"testing"
)

func TestEntityID(t *testing.T) {
	tests := []struct{ label, key, want string }{
		{Country, "rus", "country:RUS"},
		{Person, "Sergey Lavrov", "person:sergey-lavrov"},
		{Person, "Recep Tayyip Erdoğan", "person:recep-tayyip-erdogan"},
		{Country, "CIV", "country:CIV"},
		{Place, "Côte d'Ivoire", "place:cote-divoire"},
		{Treaty, "  New START  treaty ", "treaty:new-start-treaty"},
		{Organization, "U.S. State Department", "organization:u-s-state-department"},
	}
	for _, tt := range tests {
		if got := EntityID(tt.label, tt.key); got != tt.want {
			t.Errorf("EntityID(%s, %q) = %q, want %q", tt.label, tt.key, got, tt.want)
		}
	}
}

func TestUUIDIsStable(t *testing.T) {
	// The same id gives the same UUID on every run and machine: this value
	// is part of every graph kg has built, so it must never change.
	if got := UUID("country:RUS"); got != UUID("country:RUS") || len(got) != 36 || got[14] != '5' {
		t.Errorf("UUID(country:RUS) = %q, want a stable version-5 UUID", got)
	}
	if UUID("country:RUS") == UUID("country:USA") {
		t.Error("two ids share a UUID")
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		typ, from, to string
		ok            bool
	}{
		{MetWith, Person, Country, true},
		{WithdrewFrom, Country, Treaty, true},
		{WithdrewFrom, Country, Person, false},
		{Condemned, Treaty, Country, false},
		{Represents, Person, Organization, true},
		{"LIKED", Person, Person, false},
		{Mentions, Article, Person, false}, // MENTIONS is the stores', not extraction's
	}
	for _, tt := range tests {
		if err := Validate(tt.typ, tt.from, tt.to); (err == nil) != tt.ok {
			t.Errorf("Validate(%s, %s, %s) = %v, want ok=%v", tt.typ, tt.from, tt.to, err, tt.ok)
		}
	}
}

func TestConstraints(t *testing.T) {
	seen := map[string]bool{}
	unique := 0
	for _, c := range Constraints() {
		if seen[c.Name] {
			t.Errorf("constraint name %s twice", c.Name)
		}
		seen[c.Name] = true
		if !strings.Contains(c.Statement, "IF NOT EXISTS") {
			t.Errorf("%s is not idempotent: %s", c.Name, c.Statement)
		}
		if c.Unique {
			unique++
		}
	}
	if unique != len(Labels) {
		t.Errorf("%d uniqueness constraints, want one per label (%d)", unique, len(Labels))
	}
}

func TestTypes(t *testing.T) {
	ts := Types()
	if len(ts) != len(RelationTypes)+1 || ts[0] != Mentions {
		t.Fatalf("Types() = %v, want MENTIONS and the %d relation types", ts, len(RelationTypes))
	}
	for i, rt := range RelationTypes {
		if ts[i+1] != rt.Name {
			t.Errorf("Types()[%d] = %s, want %s", i+1, ts[i+1], rt.Name)
		}
	}
}
