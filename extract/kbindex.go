package extract

import (
	"slices"
	"strconv"
)

// Look-ups in the knowledge base that the stages need, indexed once in New.

// indexPeople indexes the people and roles of the knowledge base.
func (x *Extractor) indexPeople() {
	x.peopleByWord = make(map[string][]int)
	x.personByName = make(map[string]int)
	x.roleByName = make(map[string]int)
	x.personNames = make([][][]string, len(x.kb.People))
	for i, p := range x.kb.People {
		for _, name := range append([]string{p.Name}, p.Aliases...) {
			w := nameWords(name)
			if len(w) == 0 {
				continue
			}
			x.personNames[i] = append(x.personNames[i], w)
			for _, k := range w {
				x.peopleByWord[k] = appendUnique(x.peopleByWord[k], i)
			}
			if _, ok := x.personByName[fold(name)]; !ok {
				x.personByName[fold(name)] = i
			}
		}
	}
	for i, r := range x.kb.Roles {
		x.roleByName[fold(r.Name)] = i
	}
}

// personIndex returns the index of the person called name, or -1.
func (x *Extractor) personIndex(name string) int {
	if i, ok := x.personByName[fold(name)]; ok {
		return i
	}
	return -1
}

// roleIndex returns the index of the role called name, or -1.
func (x *Extractor) roleIndex(name string) int {
	if i, ok := x.roleByName[fold(name)]; ok {
		return i
	}
	return -1
}

// kbPersonByWords returns the one person of the knowledge base whose name
// holds the words w in sequence (a single word must be the surname); of
// several, the one in office on date; else -1.
func (x *Extractor) kbPersonByWords(w []string, date string) int {
	if len(w) == 0 {
		return -1
	}
	var found []int
	for _, i := range x.peopleByWord[w[len(w)-1]] {
		for _, name := range x.personNames[i] {
			if len(w) == 1 && name[len(name)-1] != w[0] {
				continue
			}
			if containsSeq(name, w) {
				found = appendUnique(found, i)
				break
			}
		}
	}
	if len(w) == 1 {
		// A surname alone is no one whose public life ended long before:
		// "Cook" in 2025 is not Robin Cook.
		found = slices.DeleteFunc(found, func(i int) bool { return !x.inPublicLife(i, date) })
	}
	if len(found) > 1 {
		found = slices.DeleteFunc(found, func(i int) bool { return !x.inOffice(i, date) })
	}
	if len(found) == 0 && len(w) > 2 {
		// "Mark A. Milley" is the knowledge base's Mark Milley.
		if v := slices.DeleteFunc(slices.Clone(w), func(s string) bool { return len(s) == 1 }); len(v) >= 2 && len(v) < len(w) {
			return x.kbPersonByWords(v, date)
		}
	}
	if len(found) != 1 {
		return -1
	}
	return found[0]
}

// inOffice reports whether person i held any office on date.
// inPublicLife reports whether date falls within a few years of person
// i's terms of office (or the person has none on record).
func (x *Extractor) inPublicLife(i int, date string) bool {
	terms := x.kb.People[i].Terms
	if len(terms) == 0 || len(date) < 4 {
		return true
	}
	y, err := strconv.Atoi(date[:4])
	if err != nil {
		return true
	}
	for _, t := range terms {
		from, _ := strconv.Atoi(t.From[:min(4, len(t.From))])
		to := y
		if len(t.To) >= 4 {
			to, _ = strconv.Atoi(t.To[:4])
		}
		if y >= from-5 && y <= to+10 {
			return true
		}
	}
	return false
}

func (x *Extractor) inOffice(i int, date string) bool {
	for _, t := range x.kb.People[i].Terms {
		if termCovers(t.From, t.To, date) {
			return true
		}
	}
	return false
}

// containsSeq reports whether w occurs in name as a contiguous sequence.
func containsSeq(name, w []string) bool {
	for i := 0; i+len(w) <= len(name); i++ {
		if slices.Equal(name[i:i+len(w)], w) {
			return true
		}
	}
	return false
}
