package kb

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// The tests below check the embedded data as much as the code: a typo in a
// key, an ISO code or a date, an alias claimed by two countries, or a gap in
// the list of a G20 state's leaders should fail here, not in extraction.

const dateLayout = "2006-01-02"

// rawFile is one embedded data file, decoded strictly and not merged, so
// that duplicates within or across files are still visible.
type rawFile struct {
	name string
	kb   KB
}

func rawFiles(t *testing.T) []rawFile {
	t.Helper()
	names, err := fs.Glob(data, "data/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no embedded data files")
	}
	var out []rawFile
	for _, name := range names {
		b, err := fs.ReadFile(data, name)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		var k KB
		if err := dec.Decode(&k); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// A second JSON value after the first would be ignored by Load.
		if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
			t.Fatalf("%s: trailing data after the JSON object (%v)", name, err)
		}
		out = append(out, rawFile{name, k})
	}
	return out
}

// raw returns every embedded entry, unmerged.
func raw(t *testing.T) KB {
	t.Helper()
	var all KB
	for _, f := range rawFiles(t) {
		all.Countries = append(all.Countries, f.kb.Countries...)
		all.Organizations = append(all.Organizations, f.kb.Organizations...)
		all.Treaties = append(all.Treaties, f.kb.Treaties...)
		all.Places = append(all.Places, f.kb.Places...)
		all.People = append(all.People, f.kb.People...)
		all.Roles = append(all.Roles, f.kb.Roles...)
	}
	return all
}

func mustDefault(t *testing.T) *KB {
	t.Helper()
	k, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return k
}

// key folds a name the way the extractor's gazetteer matches it: case and
// dots do not count, nor a leading "the".
func key(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "the ")
	return strings.ReplaceAll(s, ".", "")
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		t.Fatalf("date %q: %v", s, err)
	}
	return d
}

func TestDefault_Loads(t *testing.T) {
	k := mustDefault(t)
	tests := []struct {
		what string
		got  int
		min  int
	}{
		{"countries", len(k.Countries), 197},
		{"organizations", len(k.Organizations), 150},
		{"treaties", len(k.Treaties), 60},
		{"places", len(k.Places), 300},
		{"people", len(k.People), 400},
		{"roles", len(k.Roles), 20},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			if tt.got < tt.min {
				t.Errorf("%d %s, want at least %d", tt.got, tt.what, tt.min)
			}
		})
	}
}

func TestDefault_ReturnsFreshCopy(t *testing.T) {
	a := mustDefault(t)
	a.Countries[0].Name = "changed"
	a.People = nil
	b := mustDefault(t)
	if b.Countries[0].Name == "changed" || len(b.People) == 0 {
		t.Error("a change to one Default() result shows in the next")
	}
}

func TestData_FilesAreStrict(t *testing.T) {
	// rawFiles fails on unknown keys and trailing data; every file must
	// also hold something.
	for _, f := range rawFiles(t) {
		n := len(f.kb.Countries) + len(f.kb.Organizations) + len(f.kb.Treaties) +
			len(f.kb.Places) + len(f.kb.People) + len(f.kb.Roles)
		if n == 0 {
			t.Errorf("%s holds no entries", f.name)
		}
	}
}

func TestData_StringsAreClean(t *testing.T) {
	k := raw(t)
	check := func(where string, ss ...string) {
		seen := map[string]bool{}
		for _, s := range ss {
			switch {
			case s == "":
				t.Errorf("%s: empty string", where)
			case s != strings.TrimSpace(s):
				t.Errorf("%s: %q has surrounding space", where, s)
			case strings.Contains(s, "  "):
				t.Errorf("%s: %q has a double space", where, s)
			case seen[s]:
				t.Errorf("%s: %q listed twice", where, s)
			}
			seen[s] = true
		}
	}
	for _, c := range k.Countries {
		check("country "+c.ISO3+" name", c.Name)
		check("country "+c.ISO3+" aliases", c.Aliases...)
		check("country "+c.ISO3+" demonyms", c.Demonyms...)
		check("country "+c.ISO3+" capitals", c.Capitals...)
		check("country "+c.ISO3+" ambiguous", c.Ambiguous...)
	}
	for _, o := range k.Organizations {
		check("organization "+o.Name, append([]string{o.Name}, o.Aliases...)...)
	}
	for _, tr := range k.Treaties {
		check("treaty "+tr.Name, append([]string{tr.Name}, tr.Aliases...)...)
	}
	for _, p := range k.Places {
		check("place "+p.Name, append([]string{p.Name}, p.Aliases...)...)
	}
	for _, p := range k.People {
		check("person "+p.Name, append([]string{p.Name}, p.Aliases...)...)
	}
	for _, r := range k.Roles {
		check("role "+r.Name, append([]string{r.Name}, r.Titles...)...)
	}
}

var iso3RE = regexp.MustCompile(`^[A-Z]{3}$`)

func TestCountries_CodesAndNamesUnique(t *testing.T) {
	k := raw(t)
	codes, names := map[string]bool{}, map[string]bool{}
	for _, c := range k.Countries {
		if !iso3RE.MatchString(c.ISO3) {
			t.Errorf("%q (%s) is not 3 upper-case letters", c.ISO3, c.Name)
		}
		if codes[c.ISO3] {
			t.Errorf("ISO3 %s listed twice", c.ISO3)
		}
		codes[c.ISO3] = true
		if names[key(c.Name)] {
			t.Errorf("country name %q listed twice", c.Name)
		}
		names[key(c.Name)] = true
	}
	if len(codes) < 197 {
		t.Errorf("%d countries, want the 193 UN members, 2 observers, Taiwan and Kosovo", len(codes))
	}
}

func TestCountries_Sample(t *testing.T) {
	k := mustDefault(t)
	tests := []struct{ iso3, name string }{
		{"USA", "United States"},
		{"RUS", "Russia"},
		{"CHN", "China"},
		{"GBR", "United Kingdom"},
		{"FRA", "France"},
		{"TWN", "Taiwan"},
		{"XKX", "Kosovo"},
		{"VAT", "Vatican City"},
		{"PSE", "Palestine"},
		{"PRK", "North Korea"},
		{"KOR", "South Korea"},
		{"CIV", "Ivory Coast"},
		{"COD", "Democratic Republic of the Congo"},
		{"COG", "Republic of the Congo"},
		{"TUR", "Turkey"},
		{"CZE", "Czech Republic"},
		{"MKD", "North Macedonia"},
		{"SWZ", "Eswatini"},
		{"TLS", "East Timor"},
		{"CPV", "Cape Verde"},
		{"MMR", "Myanmar"},
	}
	for _, tt := range tests {
		t.Run(tt.iso3, func(t *testing.T) {
			c, ok := k.Country(tt.iso3)
			if !ok {
				t.Fatalf("no country %s", tt.iso3)
			}
			if c.Name != tt.name {
				t.Errorf("name %q, want %q", c.Name, tt.name)
			}
		})
	}
}

func TestCountries_Aliases(t *testing.T) {
	k := mustDefault(t)
	tests := []struct {
		iso3, field, s string
	}{
		{"USA", "aliases", "United States of America"},
		{"USA", "aliases", "U.S."},
		{"USA", "capitals", "Washington"},
		{"GBR", "aliases", "Britain"},
		{"GBR", "demonyms", "Britons"},
		{"GBR", "capitals", "Downing Street"},
		{"RUS", "aliases", "Russian Federation"},
		{"RUS", "capitals", "the Kremlin"},
		{"CHN", "aliases", "PRC"},
		{"PRK", "aliases", "DPRK"},
		{"KOR", "aliases", "Republic of Korea"},
		{"KOR", "demonyms", "South Korean"},
		{"TUR", "aliases", "Türkiye"},
		{"CIV", "aliases", "Côte d'Ivoire"},
		{"CZE", "aliases", "Czechia"},
		{"MMR", "aliases", "Burma"},
		{"VAT", "aliases", "Holy See"},
		{"PSE", "aliases", "State of Palestine"},
		{"PSE", "capitals", "Ramallah"},
		{"UKR", "capitals", "Kiev"},
		{"ARE", "aliases", "UAE"},
		{"FRA", "capitals", "Élysée"},
	}
	for _, tt := range tests {
		t.Run(tt.iso3+"/"+tt.s, func(t *testing.T) {
			c, ok := k.Country(tt.iso3)
			if !ok {
				t.Fatalf("no country %s", tt.iso3)
			}
			list := map[string][]string{"aliases": c.Aliases, "demonyms": c.Demonyms, "capitals": c.Capitals}[tt.field]
			if !slices.Contains(list, tt.s) {
				t.Errorf("%s %s lacks %q: %q", tt.iso3, tt.field, tt.s, list)
			}
		})
	}
}

// sharedCountryNames are names that deliberately belong to two countries.
var sharedCountryNames = map[string]string{
	"congo": "news writes plain \"Congo\" for either Congo; both list it as ambiguous",
}

// unclaimedDemonyms are deliberately nobody's: each names two states.
var unclaimedDemonyms = []string{"Korean", "Koreans", "Congolese"}

func TestCountries_NamesNotShared(t *testing.T) {
	k := raw(t)
	owner := map[string]map[string]bool{}
	for _, c := range k.Countries {
		for _, s := range slices.Concat([]string{c.Name}, c.Aliases, c.Demonyms, c.Capitals) {
			if owner[key(s)] == nil {
				owner[key(s)] = map[string]bool{}
			}
			owner[key(s)][c.ISO3] = true
		}
	}
	var keys []string
	for s := range owner {
		keys = append(keys, s)
	}
	sort.Strings(keys)
	for _, s := range keys {
		if len(owner[s]) < 2 {
			continue
		}
		if _, ok := sharedCountryNames[s]; ok {
			continue
		}
		var isos []string
		for iso := range owner[s] {
			isos = append(isos, iso)
		}
		sort.Strings(isos)
		t.Errorf("%q is claimed by %v", s, isos)
	}
	for s := range sharedCountryNames {
		if len(owner[s]) < 2 {
			t.Errorf("exception %q is no longer shared: drop it from sharedCountryNames", s)
		}
	}
	for _, d := range unclaimedDemonyms {
		if len(owner[key(d)]) > 0 {
			t.Errorf("%q is ambiguous between two states and must not be claimed", d)
		}
	}
}

func TestCountries_AmbiguousAreOwnNames(t *testing.T) {
	k := raw(t)
	for _, c := range k.Countries {
		names := slices.Concat([]string{c.Name}, c.Aliases, c.Capitals)
		for _, a := range c.Ambiguous {
			if !slices.Contains(names, a) {
				t.Errorf("%s: ambiguous %q is not one of its names or capitals", c.ISO3, a)
			}
		}
	}
	// Shared names must need context in every country that claims them.
	for s := range sharedCountryNames {
		for _, c := range k.Countries {
			if slices.ContainsFunc(slices.Concat([]string{c.Name}, c.Aliases), func(x string) bool { return key(x) == s }) &&
				!slices.ContainsFunc(c.Ambiguous, func(x string) bool { return key(x) == s }) {
				t.Errorf("%s: shared name %q must be listed as ambiguous", c.ISO3, s)
			}
		}
	}
	mustBeAmbiguous := map[string]string{
		"GEO": "Georgia", "JOR": "Jordan", "TCD": "Chad", "TUR": "Turkey", "GIN": "Guinea",
		"NER": "Niger", "CHN": "China", "DMA": "Dominica", "USA": "Washington",
	}
	for iso, s := range mustBeAmbiguous {
		i := slices.IndexFunc(k.Countries, func(c Country) bool { return c.ISO3 == iso })
		if i < 0 || !slices.Contains(k.Countries[i].Ambiguous, s) {
			t.Errorf("%s: %q should be ambiguous", iso, s)
		}
	}
}

// seatsOfGovernment are capitals entries that stand for a state but are not
// cities, so they have no Place.
var seatsOfGovernment = []string{
	"the Kremlin", "Kremlin", "Downing Street", "Number 10", "No 10", "Whitehall",
	"the Elysee", "Elysee", "Élysée", "the Élysée", "Elysee Palace", "Élysée Palace",
	"Zhongnanhai", "Casa Rosada", "Planalto", "Planalto Palace", "Palazzo Chigi",
	"La Moncloa", "Moncloa", "Miraflores Palace", "Miraflores",
}

func TestCountries_CapitalsArePlaces(t *testing.T) {
	k := mustDefault(t)
	for _, c := range k.Countries {
		for _, capital := range c.Capitals {
			if slices.Contains(seatsOfGovernment, capital) {
				continue
			}
			found := slices.ContainsFunc(k.Places, func(p Place) bool {
				return p.Country == c.ISO3 && (p.Name == capital || slices.Contains(p.Aliases, capital))
			})
			if !found {
				t.Errorf("%s: capital %q is not a place of %s", c.ISO3, capital, c.ISO3)
			}
		}
	}
}

var orgKinds = []string{"intergovernmental", "ministry", "agency", "party", "armed_group", "company", "media", "bloc"}

func TestOrganizations(t *testing.T) {
	k := raw(t)
	names := map[string]string{} // folded name or alias → organization
	for _, o := range k.Organizations {
		if !slices.Contains(orgKinds, o.Kind) {
			t.Errorf("%s: kind %q, want one of %v", o.Name, o.Kind, orgKinds)
		}
		if o.Country != "" && !slices.ContainsFunc(k.Countries, func(c Country) bool { return c.ISO3 == o.Country }) {
			t.Errorf("%s: unknown country %q", o.Name, o.Country)
		}
		if o.Kind == "ministry" && o.Country == "" {
			t.Errorf("%s: a ministry needs its country", o.Name)
		}
		for i, s := range append([]string{o.Name}, o.Aliases...) {
			if other, ok := names[key(s)]; ok && other != o.Name {
				t.Errorf("%q names both %s and %s", s, other, o.Name)
			} else if ok && i == 0 {
				t.Errorf("organization %s listed twice", o.Name)
			}
			names[key(s)] = o.Name
		}
	}
	for _, s := range []string{"the West", "Kremlin", "the Kremlin", "White House"} {
		if _, ok := names[key(s)]; ok {
			t.Errorf("%q must not be an organization", s)
		}
	}
}

func TestTreaties(t *testing.T) {
	k := raw(t)
	names := map[string]string{}
	for _, tr := range k.Treaties {
		if tr.Year < 1600 || tr.Year > time.Now().Year() {
			t.Errorf("%s: year %d", tr.Name, tr.Year)
		}
		for i, s := range append([]string{tr.Name}, tr.Aliases...) {
			if other, ok := names[key(s)]; ok && other != tr.Name {
				t.Errorf("%q names both %s and %s", s, other, tr.Name)
			} else if ok && i == 0 {
				t.Errorf("treaty %s listed twice", tr.Name)
			}
			names[key(s)] = tr.Name
		}
	}
	want := map[string]int{"New START": 2010, "JCPOA": 2015, "Paris Agreement": 2015, "NPT": 1968, "INF Treaty": 1987}
	for name, year := range want {
		i := slices.IndexFunc(k.Treaties, func(tr Treaty) bool { return tr.Name == name })
		if i < 0 {
			t.Errorf("no treaty %s", name)
		} else if k.Treaties[i].Year != year {
			t.Errorf("%s: year %d, want %d", name, k.Treaties[i].Year, year)
		}
	}
}

func TestPlaces(t *testing.T) {
	k := raw(t)
	seen := map[string]bool{}
	for _, p := range k.Places {
		if !slices.ContainsFunc(k.Countries, func(c Country) bool { return c.ISO3 == p.Country }) {
			t.Errorf("place %s: unknown country %q", p.Name, p.Country)
		}
		if p.Kind != "city" && p.Kind != "region" {
			t.Errorf("place %s: kind %q, want city or region", p.Name, p.Kind)
		}
		id := key(p.Name) + "/" + p.Country
		if seen[id] {
			t.Errorf("place %s (%s) listed twice", p.Name, p.Country)
		}
		seen[id] = true
	}
	want := map[string]string{"Crimea": "UKR", "Gaza": "PSE", "Golan Heights": "SYR", "Hong Kong": "CHN", "Geneva": "CHE", "Tripoli": "LBY"}
	for name, iso := range want {
		if !seen[key(name)+"/"+iso] {
			t.Errorf("no place %s in %s", name, iso)
		}
	}
}

var headOfValues = []string{"", "state", "government", "state,government"}

func TestRoles(t *testing.T) {
	k := raw(t)
	titles := map[string]string{}
	for _, r := range k.Roles {
		if !slices.Contains(headOfValues, r.HeadOf) {
			t.Errorf("role %s: head_of %q, want one of %q", r.Name, r.HeadOf, headOfValues)
		}
		for i, s := range append([]string{r.Name}, r.Titles...) {
			if other, ok := titles[key(s)]; ok && other != r.Name {
				t.Errorf("title %q names both %s and %s", s, other, r.Name)
			} else if ok && i == 0 {
				t.Errorf("role %s listed twice", r.Name)
			}
			titles[key(s)] = r.Name
		}
	}
	tests := []struct{ role, headOf, title string }{
		{"President", "state", "Acting President"},
		{"Prime Minister", "government", "Premier"},
		{"Chancellor", "government", "Federal Chancellor"},
		{"Foreign Minister", "", "Secretary of State"},
		{"Foreign Minister", "", "External Affairs Minister"},
		{"Defence Minister", "", "Secretary of Defense"},
		{"National Security Adviser", "", "National Security Advisor"},
		{"King", "state", "King"},
		{"Emperor", "state", "Emperor"},
		{"Supreme Leader", "state", "Supreme Leader"},
		{"Spokesperson", "", "spokeswoman"},
	}
	for _, tt := range tests {
		t.Run(tt.role+"/"+tt.title, func(t *testing.T) {
			if got := titles[key(tt.title)]; got != tt.role {
				t.Errorf("title %q names role %q, want %q", tt.title, got, tt.role)
			}
			i := slices.IndexFunc(k.Roles, func(r Role) bool { return r.Name == tt.role })
			if i >= 0 && k.Roles[i].HeadOf != tt.headOf {
				t.Errorf("head_of %q, want %q", k.Roles[i].HeadOf, tt.headOf)
			}
		})
	}
}

func TestPeople_NamesUnique(t *testing.T) {
	k := raw(t)
	names := map[string]bool{}
	for _, p := range k.People {
		if names[key(p.Name)] {
			t.Errorf("person %q listed twice", p.Name)
		}
		names[key(p.Name)] = true
	}
	aliases := map[string]string{}
	for _, p := range k.People {
		for _, a := range p.Aliases {
			if key(a) != key(p.Name) && names[key(a)] {
				t.Errorf("%s: alias %q is another person's name", p.Name, a)
			}
			if other, ok := aliases[key(a)]; ok && other != p.Name {
				t.Errorf("alias %q names both %s and %s", a, other, p.Name)
			}
			aliases[key(a)] = p.Name
		}
	}
}

func TestPeople_AliasesAreNotBareSurnames(t *testing.T) {
	// The extractor derives surnames itself; a bare surname as an alias
	// would only duplicate that.
	k := raw(t)
	for _, p := range k.People {
		words := strings.Fields(p.Name)
		last := words[len(words)-1]
		for _, a := range p.Aliases {
			if !strings.Contains(a, " ") && strings.EqualFold(a, last) {
				t.Errorf("%s: alias %q is the bare surname", p.Name, a)
			}
		}
	}
}

func TestPeople_Terms(t *testing.T) {
	k := raw(t)
	roles := map[string]bool{}
	for _, r := range k.Roles {
		roles[r.Name] = true
	}
	countries := map[string]bool{}
	for _, c := range k.Countries {
		countries[c.ISO3] = true
	}
	orgs := map[string]bool{}
	for _, o := range k.Organizations {
		orgs[o.Name] = true
	}
	earliest := mustDate(t, "1945-01-01")
	for _, p := range k.People {
		if p.Country != "" && !countries[p.Country] {
			t.Errorf("%s: unknown nationality %q", p.Name, p.Country)
		}
		for _, tm := range p.Terms {
			where := tm.Country + tm.Org
			if !roles[tm.Role] {
				t.Errorf("%s: role %q is not in roles.json", p.Name, tm.Role)
			}
			switch {
			case tm.Country == "" && tm.Org == "":
				t.Errorf("%s: %s term serves neither a country nor an organization", p.Name, tm.Role)
			case tm.Country != "" && tm.Org != "":
				t.Errorf("%s: %s term serves both %s and %s", p.Name, tm.Role, tm.Country, tm.Org)
			case tm.Country != "" && !countries[tm.Country]:
				t.Errorf("%s: %s of unknown country %q", p.Name, tm.Role, tm.Country)
			case tm.Org != "" && !orgs[tm.Org]:
				t.Errorf("%s: %s of unknown organization %q", p.Name, tm.Role, tm.Org)
			}
			from, err := time.Parse(dateLayout, tm.From)
			if err != nil {
				t.Errorf("%s: %s %s from %q: %v", p.Name, tm.Role, where, tm.From, err)
				continue
			}
			if from.Before(earliest) || from.After(time.Now()) {
				t.Errorf("%s: %s %s from %s is out of range", p.Name, tm.Role, where, tm.From)
			}
			if tm.To == "" {
				continue
			}
			to, err := time.Parse(dateLayout, tm.To)
			if err != nil {
				t.Errorf("%s: %s %s to %q: %v", p.Name, tm.Role, where, tm.To, err)
			} else if to.Before(from) {
				t.Errorf("%s: %s %s ends %s before it starts %s", p.Name, tm.Role, where, tm.To, tm.From)
			}
		}
	}
}

func TestHoldersOf(t *testing.T) {
	k := mustDefault(t)
	tests := []struct {
		role, country, org, date string
		want                     []string
	}{
		{"Foreign Minister", "USA", "", "2023-03", []string{"Antony Blinken"}},
		{"President", "RUS", "", "2023-03-02", []string{"Vladimir Putin"}},
		{"President", "USA", "", "2017-06", []string{"Donald Trump"}},
		{"Prime Minister", "GBR", "", "2022-10", []string{"Liz Truss", "Rishi Sunak"}},
		{"Prime Minister", "GBR", "", "2022-10-20", []string{"Liz Truss"}},
		{"President", "RUS", "", "2010", []string{"Dmitry Medvedev"}},
		{"Prime Minister", "RUS", "", "2010-06-01", []string{"Vladimir Putin"}},
		{"Foreign Minister", "RUS", "", "2004-03", []string{"Igor Ivanov", "Sergey Lavrov"}},
		{"Foreign Minister", "IND", "", "2020-01-01", []string{"Subrahmanyam Jaishankar"}},
		{"Chancellor", "DEU", "", "2010-01-01", []string{"Angela Merkel"}},
		{"General Secretary", "", "Communist Party of China", "2015", []string{"Xi Jinping"}},
		{"Secretary-General", "", "United Nations", "2010-05-05", []string{"Ban Ki-moon"}},
		{"Secretary-General", "", "NATO", "2020", []string{"Jens Stoltenberg"}},
		{"Director-General", "", "World Health Organization", "2020-03-11", []string{"Tedros Adhanom Ghebreyesus"}},
		{"High Representative", "", "European Union", "2022", []string{"Josep Borrell"}},
		{"President of the European Commission", "", "European Commission", "2012", []string{"José Manuel Barroso"}},
		{"Supreme Leader", "IRN", "", "2020", []string{"Ali Khamenei"}},
		{"King", "SAU", "", "2016", []string{"Salman bin Abdulaziz Al Saud"}},
		{"President", "USA", "", "", []string{"Donald Trump"}},
		{"Foreign Minister", "RUS", "", "", []string{"Sergey Lavrov"}},
		{"President", "USA", "", "1980", nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join([]string{tt.role, tt.country + tt.org, tt.date}, "/"), func(t *testing.T) {
			var got []string
			for _, p := range k.HoldersOf(tt.role, tt.country, tt.org, tt.date) {
				got = append(got, p.Name)
			}
			sort.Strings(got)
			want := slices.Clone(tt.want)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("HoldersOf = %q, want %q", got, want)
			}
		})
	}
}

// office is a post whose holders the data should list without gaps.
type office struct {
	roles       []string // alternatives, e.g. Queen and King
	country     string
	org         string
	from, until string // period to check; until "" is now
	maxGap      int    // days without a listed holder; default 45
	maxOverlap  int    // days two holders may overlap; default 7
}

func (o office) String() string {
	return strings.Join(o.roles, "|") + "/" + o.country + o.org
}

func g(country string, roles ...string) office {
	return office{roles: roles, country: country, from: "2000-01-01"}
}

func (o office) since(d string) office { o.from = d; return o }
func (o office) to(d string) office    { o.until = d; return o }
func (o office) gap(days int) office   { o.maxGap = days; return o }
func (o office) overlap(days int) office {
	o.maxOverlap = days
	return o
}

func orgOffice(org, role string) office {
	return office{roles: []string{role}, org: org, from: "2000-01-01"}
}

// offices are the heads of state and government and the foreign ministers
// of the G20, the permanent members' defence ministers, and a few more.
// Acting holders fill most short vacancies, so a long gap is a data error.
var offices = []office{
	g("USA", "President"), g("USA", "Vice President"), g("USA", "Foreign Minister"),
	g("USA", "Defence Minister"), g("USA", "National Security Adviser"),
	g("RUS", "President"), g("RUS", "Prime Minister"), g("RUS", "Foreign Minister"), g("RUS", "Defence Minister"),
	g("CHN", "President"), g("CHN", "Prime Minister"), g("CHN", "Foreign Minister"),
	// The post was vacant from Li Shangfu's removal to Dong Jun's appointment.
	g("CHN", "Defence Minister").gap(70),
	{roles: []string{"General Secretary"}, org: "Communist Party of China", from: "2000-01-01"},
	g("GBR", "Queen", "King"), g("GBR", "Prime Minister"), g("GBR", "Foreign Minister"), g("GBR", "Defence Minister"),
	g("FRA", "President"), g("FRA", "Prime Minister"), g("FRA", "Foreign Minister"), g("FRA", "Defence Minister"),
	g("DEU", "President"), g("DEU", "Chancellor"), g("DEU", "Foreign Minister"), g("DEU", "Defence Minister"),
	g("ITA", "President"), g("ITA", "Prime Minister"), g("ITA", "Foreign Minister"),
	g("JPN", "Emperor"), g("JPN", "Prime Minister"), g("JPN", "Foreign Minister"),
	g("CAN", "Queen", "King"), g("CAN", "Prime Minister"), g("CAN", "Foreign Minister"),
	g("AUS", "Queen", "King"), g("AUS", "Prime Minister"), g("AUS", "Foreign Minister"),
	// Temer acted while Rousseff was suspended.
	g("BRA", "President").overlap(112), g("BRA", "Foreign Minister"),
	g("ARG", "President"), g("ARG", "Foreign Minister"),
	g("MEX", "President"), g("MEX", "Foreign Minister"),
	g("IND", "President"), g("IND", "Prime Minister"), g("IND", "Foreign Minister"),
	g("IDN", "President"), g("IDN", "Foreign Minister"),
	g("SAU", "King"), g("SAU", "Crown Prince"), g("SAU", "Prime Minister"), g("SAU", "Foreign Minister"),
	g("ZAF", "President"), g("ZAF", "Foreign Minister"),
	// Acting presidents served while Roh, Park and Yoon were suspended.
	g("KOR", "President").overlap(160), g("KOR", "Foreign Minister"),
	g("TUR", "President"), g("TUR", "Foreign Minister"), g("TUR", "Prime Minister").to("2018-07-09"),
	orgOffice("European Commission", "President of the European Commission"),
	orgOffice("European Union", "High Representative").since("1999-10-18"),
	orgOffice("European Council", "President of the European Council").since("2009-12-01"),
	orgOffice("African Union Commission", "Chairman").since("2002-07-09"),
	orgOffice("United Nations", "Secretary-General"),
	orgOffice("NATO", "Secretary-General"),
	orgOffice("World Health Organization", "Director-General"),
	g("VAT", "Pope"),
	g("UKR", "President"), g("UKR", "Prime Minister"), g("UKR", "Foreign Minister"),
	g("IRN", "Supreme Leader"), g("IRN", "President"), g("IRN", "Foreign Minister"),
	// Olmert acted for the incapacitated Sharon.
	g("ISR", "Prime Minister").overlap(101), g("ISR", "President"), g("ISR", "Foreign Minister"),
}

func TestOffices_HeldWithoutGapsOrDoubleHolders(t *testing.T) {
	k := mustDefault(t)
	now := time.Now().UTC().Truncate(24 * time.Hour)
	for _, o := range offices {
		t.Run(o.String(), func(t *testing.T) {
			maxGap, maxOverlap := o.maxGap, o.maxOverlap
			if maxGap == 0 {
				maxGap = 45
			}
			if maxOverlap == 0 {
				maxOverlap = 7
			}
			from := mustDate(t, o.from)
			until := now
			if o.until != "" {
				until = mustDate(t, o.until)
			}
			type span struct {
				who      string
				from, to time.Time
			}
			var spans []span
			for _, p := range k.People {
				for _, tm := range p.Terms {
					if !slices.Contains(o.roles, tm.Role) || tm.Country != o.country || tm.Org != o.org {
						continue
					}
					s := span{p.Name, mustDate(t, tm.From), now}
					if tm.To != "" {
						s.to = mustDate(t, tm.To)
					}
					if s.to.Before(from) || s.from.After(until) {
						continue
					}
					spans = append(spans, s)
				}
			}
			if len(spans) == 0 {
				t.Fatalf("no holders from %s", o.from)
			}
			sort.Slice(spans, func(i, j int) bool { return spans[i].from.Before(spans[j].from) })
			days := func(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }
			if d := days(from, spans[0].from); d > maxGap {
				t.Errorf("no holder for %d days from %s to %s (%s)", d, o.from, spans[0].from.Format(dateLayout), spans[0].who)
			}
			covered := spans[0]
			for _, s := range spans[1:] {
				if d := days(covered.to, s.from); d > maxGap {
					t.Errorf("no holder for %d days between %s (to %s) and %s (from %s)",
						d, covered.who, covered.to.Format(dateLayout), s.who, s.from.Format(dateLayout))
				}
				if end := minTime(covered.to, s.to); s.who != covered.who && days(s.from, end) > maxOverlap {
					t.Errorf("%s and %s both hold it for %d days from %s", covered.who, s.who, days(s.from, end), s.from.Format(dateLayout))
				}
				if s.to.After(covered.to) {
					covered = s
				}
			}
			if d := days(covered.to, until); d > maxGap {
				t.Errorf("no holder for the last %d days before %s: the last listed, %s, left on %s",
					d, until.Format(dateLayout), covered.who, covered.to.Format(dateLayout))
			}
		})
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad_UserFileExtends(t *testing.T) {
	p := writeFile(t, t.TempDir(), "mine.json", `{
  "countries": [{"iso3": "USA", "name": "United States", "aliases": ["Estados Unidos"]}],
  "people": [
    {"name": "Jane Q. Example", "country": "USA", "terms": [{"role": "Ambassador", "country": "ISL", "from": "2030-01-15"}]},
    {"name": "Antony Blinken", "aliases": ["A. J. Blinken"]}
  ]
}`)
	base := mustDefault(t)
	k, err := Load(p)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(k.Countries) != len(base.Countries) {
		t.Errorf("%d countries, want %d: an existing country was added again", len(k.Countries), len(base.Countries))
	}
	usa, _ := k.Country("USA")
	for _, a := range []string{"Estados Unidos", "U.S.", "America"} {
		if !slices.Contains(usa.Aliases, a) {
			t.Errorf("USA aliases lack %q: %q", a, usa.Aliases)
		}
	}
	if len(k.People) != len(base.People)+1 {
		t.Errorf("%d people, want %d", len(k.People), len(base.People)+1)
	}
	got := k.HoldersOf("Ambassador", "ISL", "", "2030-02")
	if len(got) != 1 || got[0].Name != "Jane Q. Example" {
		t.Errorf("HoldersOf(Ambassador, ISL, 2030-02) = %v, want Jane Q. Example", got)
	}
	i := slices.IndexFunc(k.People, func(p Person) bool { return p.Name == "Antony Blinken" })
	if i < 0 || !slices.Contains(k.People[i].Aliases, "A. J. Blinken") || !slices.Contains(k.People[i].Aliases, "Tony Blinken") {
		t.Errorf("Antony Blinken not extended: %+v", k.People[i])
	}
	if again := mustDefault(t); slices.ContainsFunc(again.People, func(p Person) bool { return p.Name == "Jane Q. Example" }) {
		t.Error("a user file changed the embedded knowledge base")
	}
}

func TestLoad_Directory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.json", `{"organizations": [{"name": "Example Council", "kind": "intergovernmental"}]}`)
	writeFile(t, dir, "b.json", `{"organizations": [{"name": "example council", "aliases": ["EXC"]}]}`)
	writeFile(t, dir, "notes.txt", `not json`)
	k, err := Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	i := slices.IndexFunc(k.Organizations, func(o Organization) bool { return o.Name == "Example Council" })
	if i < 0 {
		t.Fatal("Example Council not loaded")
	}
	if !slices.Contains(k.Organizations[i].Aliases, "EXC") {
		t.Errorf("b.json did not extend a.json's entry: %+v", k.Organizations[i])
	}
}

func TestLoad_Errors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, file, text string
		want             []string // in the error
	}{
		{"unknown key", "typo.json", `{"countries": [{"iso3": "USA", "nmae": "x"}]}`, []string{"typo.json", "nmae"}},
		{"unknown section", "sections.json", `{"country": []}`, []string{"sections.json", "country"}},
		{"bad JSON", "broken.json", `{"people": [`, []string{"broken.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, tt.file, tt.text)
			_, err := Load(p)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		if _, err := Load(filepath.Join(dir, "nope.json")); err == nil {
			t.Error("Load of a missing file succeeded")
		}
	})
}
