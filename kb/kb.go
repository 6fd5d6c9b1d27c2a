// Package kb is kg's knowledge base: countries, organisations, treaties,
// places and office holders that the extractor recognises and resolves
// mentions against. The default knowledge base is embedded in the binary;
// users extend it with their own files in the same format, no rebuild needed.
//
// A knowledge-base file is a JSON object with any of the keys "countries",
// "organizations", "treaties", "places", "people" and "roles", each a list of
// the entries of the same name below. Later files add to earlier ones; an
// entry whose key (ISO code or name) is already known adds its aliases and
// terms to that entry instead of making a second one.
package kb

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Country is a sovereign state (UN member or observer, Taiwan, Kosovo).
type Country struct {
	ISO3 string `json:"iso3"` // ISO 3166-1 alpha-3, the country's key
	Name string `json:"name"` // common short English name: "Russia"
	// Aliases are other names of the state: official and short forms and
	// abbreviations ("Russian Federation", "US", "U.S.", "DPRK").
	Aliases []string `json:"aliases,omitempty"`
	// Demonyms are adjectives and nouns for its people or state
	// ("Russian", "Russians"); they mark the state only as an actor.
	Demonyms []string `json:"demonyms,omitempty"`
	// Capitals are the capital city and other seats of government that news
	// uses for the state itself ("Moscow", "the Kremlin").
	Capitals []string `json:"capitals,omitempty"`
	// Ambiguous lists names of the country that are also common words or
	// other things ("Georgia", "Jordan", "Chad", "Turkey"): the extractor
	// accepts them only with supporting context.
	Ambiguous []string `json:"ambiguous,omitempty"`
}

// Organization is an intergovernmental body, ministry, agency, party, armed
// group, company or media outlet.
type Organization struct {
	Name    string   `json:"name"` // canonical short name: "NATO", "US State Department"
	Aliases []string `json:"aliases,omitempty"`
	Kind    string   `json:"kind,omitempty"`    // intergovernmental, ministry, agency, party, armed_group, company, media, bloc
	Country string   `json:"country,omitempty"` // ISO3 of a national body
}

// Treaty is a treaty, agreement, accord, convention, pact or deal.
type Treaty struct {
	Name    string   `json:"name"` // canonical name: "New START"
	Aliases []string `json:"aliases,omitempty"`
	Year    int      `json:"year,omitempty"` // year signed or adopted
}

// Place is a city or region that is not a country.
type Place struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Country string   `json:"country"`        // ISO3
	Kind    string   `json:"kind,omitempty"` // city, region
}

// Term is a person's time in an office.
type Term struct {
	Role    string `json:"role"`              // canonical role name, one of the Roles
	Country string `json:"country,omitempty"` // ISO3 of the state served
	Org     string `json:"org,omitempty"`     // organisation served, by canonical name
	From    string `json:"from"`              // YYYY-MM-DD
	To      string `json:"to,omitempty"`      // YYYY-MM-DD; empty while in office
}

// Person is a known person, typically an office holder.
type Person struct {
	Name    string   `json:"name"` // canonical full name: "Sergey Lavrov"
	Aliases []string `json:"aliases,omitempty"`
	Country string   `json:"country,omitempty"` // ISO3 of nationality
	Terms   []Term   `json:"terms,omitempty"`
}

// Role is an office, with the titles that name it in news text.
type Role struct {
	Name string `json:"name"` // canonical: "Foreign Minister"
	// Titles are other ways to write it ("Minister of Foreign Affairs",
	// "Foreign Secretary", "Secretary of State", "top diplomat").
	Titles []string `json:"titles,omitempty"`
	// HeadOf marks roles that lead a state ("President", "Prime Minister").
	HeadOf string `json:"head_of,omitempty"` // "state", "government" or both "state,government"
}

// KB is a loaded knowledge base.
type KB struct {
	Countries     []Country      `json:"countries,omitempty"`
	Organizations []Organization `json:"organizations,omitempty"`
	Treaties      []Treaty       `json:"treaties,omitempty"`
	Places        []Place        `json:"places,omitempty"`
	People        []Person       `json:"people,omitempty"`
	Roles         []Role         `json:"roles,omitempty"`
}

//go:embed data/*.json
var data embed.FS

// Default returns a fresh copy of the embedded knowledge base.
func Default() (*KB, error) {
	k := &KB{}
	if err := k.addFS(data, "data"); err != nil {
		return nil, fmt.Errorf("embedded knowledge base: %w", err)
	}
	return k, nil
}

// Load returns the embedded knowledge base extended with each path, a JSON
// file or a directory of them (read in name order).
func Load(paths ...string) (*KB, error) {
	k, err := Default()
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("knowledge base: %w", err)
		}
		if info.IsDir() {
			err = k.addFS(os.DirFS(p), ".")
		} else {
			err = k.addFile(os.DirFS(filepath.Dir(p)), filepath.Base(p))
		}
		if err != nil {
			return nil, fmt.Errorf("knowledge base %s: %w", p, err)
		}
	}
	return k, nil
}

func (k *KB) addFS(fsys fs.FS, dir string) error {
	// fs.FS names always use forward slashes, whatever the OS: path, not
	// filepath, or the pattern matches nothing on Windows.
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := k.addFile(fsys, name); err != nil {
			return err
		}
	}
	return nil
}

func (k *KB) addFile(fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	var more KB
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&more); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if dec.More() {
		return fmt.Errorf("%s: more than one JSON object", name)
	}
	k.Merge(&more)
	return nil
}

// Merge adds the entries of other to k. Entries with a key that k already
// has (ISO code, or name case-insensitively) extend that entry.
func (k *KB) Merge(other *KB) {
	for _, c := range other.Countries {
		if i := slices.IndexFunc(k.Countries, func(x Country) bool { return strings.EqualFold(x.ISO3, c.ISO3) }); i >= 0 {
			x := &k.Countries[i]
			x.Aliases = union(x.Aliases, c.Aliases)
			x.Demonyms = union(x.Demonyms, c.Demonyms)
			x.Capitals = union(x.Capitals, c.Capitals)
			x.Ambiguous = union(x.Ambiguous, c.Ambiguous)
			continue
		}
		k.Countries = append(k.Countries, c)
	}
	for _, o := range other.Organizations {
		if i := slices.IndexFunc(k.Organizations, func(x Organization) bool { return strings.EqualFold(x.Name, o.Name) }); i >= 0 {
			k.Organizations[i].Aliases = union(k.Organizations[i].Aliases, o.Aliases)
			continue
		}
		k.Organizations = append(k.Organizations, o)
	}
	for _, t := range other.Treaties {
		if i := slices.IndexFunc(k.Treaties, func(x Treaty) bool { return strings.EqualFold(x.Name, t.Name) }); i >= 0 {
			k.Treaties[i].Aliases = union(k.Treaties[i].Aliases, t.Aliases)
			continue
		}
		k.Treaties = append(k.Treaties, t)
	}
	for _, p := range other.Places {
		if i := slices.IndexFunc(k.Places, func(x Place) bool { return strings.EqualFold(x.Name, p.Name) && x.Country == p.Country }); i >= 0 {
			k.Places[i].Aliases = union(k.Places[i].Aliases, p.Aliases)
			continue
		}
		k.Places = append(k.Places, p)
	}
	for _, p := range other.People {
		if i := slices.IndexFunc(k.People, func(x Person) bool { return strings.EqualFold(x.Name, p.Name) }); i >= 0 {
			x := &k.People[i]
			x.Aliases = union(x.Aliases, p.Aliases)
			for _, t := range p.Terms {
				if !slices.Contains(x.Terms, t) {
					x.Terms = append(x.Terms, t)
				}
			}
			continue
		}
		k.People = append(k.People, p)
	}
	for _, r := range other.Roles {
		if i := slices.IndexFunc(k.Roles, func(x Role) bool { return strings.EqualFold(x.Name, r.Name) }); i >= 0 {
			k.Roles[i].Titles = union(k.Roles[i].Titles, r.Titles)
			continue
		}
		k.Roles = append(k.Roles, r)
	}
}

func union(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

// Country returns the country with the ISO 3166-1 alpha-3 code iso3.
func (k *KB) Country(iso3 string) (Country, bool) {
	i := slices.IndexFunc(k.Countries, func(c Country) bool { return c.ISO3 == iso3 })
	if i < 0 {
		return Country{}, false
	}
	return k.Countries[i], true
}

// HoldersOf returns the people who held role for country (ISO3) or org on
// date (YYYY-MM-DD, or a prefix of it: a term that overlaps the period counts).
func (k *KB) HoldersOf(role, country, org, date string) []Person {
	var out []Person
	for _, p := range k.People {
		for _, t := range p.Terms {
			if !strings.EqualFold(t.Role, role) || t.Country != country || !strings.EqualFold(t.Org, org) {
				continue
			}
			if overlaps(t, date) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// overlaps reports whether a term covers any part of the period date names;
// without a date only a current term counts.
func overlaps(t Term, date string) bool {
	// The period [lo, hi] of a partial date: "2023" is 2023-01-01..2023-12-31.
	if date == "" {
		return t.To == ""
	}
	var lo, hi string
	switch len(date) {
	case 4:
		lo, hi = date+"-01-01", date+"-12-31"
	case 7:
		lo, hi = date+"-01", date+"-31"
	default:
		lo, hi = date, date
	}
	return t.From <= hi && (t.To == "" || t.To >= lo)
}
