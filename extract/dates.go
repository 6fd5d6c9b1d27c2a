package extract

import (
	"fmt"
	"strconv"
	"time"
)

// Stage 6: dates. An edge's date comes from its sentence ("on Thursday",
// "in January last year", "in 2018", "last week", "March 1, 2023"),
// resolved against the article's publication date; partial dates stay
// partial ("2022-01", "2018").

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// dateExpr is a date found in a sentence.
type dateExpr struct {
	tok   int    // its first token
	value string // YYYY, YYYY-MM or YYYY-MM-DD
	weak  bool   // "this year": used only when the sentence has no other date
}

// datesIn returns the date expressions of a sentence, resolved against
// the publication date pub (zero if unknown).
func datesIn(ts []token, pub time.Time) []dateExpr {
	var out []dateExpr
	for i := 0; i < len(ts); i++ {
		v, n := dateAt(ts, i, pub)
		if n > 0 {
			if v != "" && !notEventDate(ts, i) {
				out = append(out, dateExpr{tok: i, value: v, weak: ts[i].key == "this" && n == 2})
			}
			i += n - 1
		}
	}
	return out
}

// meetingAfter reports whether a summit, a meeting or a named event
// follows the date at token i within a few words: "the November 2023
// Woodside Summit", "the May 9 talks".
func meetingAfter(ts []token, i int) bool {
	for j := i + 1; j < len(ts) && j <= i+5; j++ {
		switch ts[j].key {
		case "summit", "meeting", "talks", "visit", "conference", "session", "call", "forum":
			return true
		}
	}
	return false
}

// otherEvent holds nouns of events whose date is not that of the act told:
// "ahead of a general election on July 4".
var otherEvent = map[string]bool{"election": true, "elections": true, "vote": true, "referendum": true, "deadline": true,
	"anniversary": true, "poll": true, "polls": true, "inauguration": true, "ballot": true, "runoff": true}

// notEventDate reports whether the date at token i bounds or qualifies
// something rather than dating an event: "until 2021", "plans for 2001",
// "for the start of 2003", "ahead of January", "following the September
// 11 attacks", "by 2030".
func notEventDate(ts []token, i int) bool {
	j := i - 1
	if j >= 0 && ts[j].key == "the" {
		// "the May 27, 2024 arrangement", "the November summit": the date
		// of a thing named, not of the event told.
		if i+1 < len(ts) && (ts[i].kind == tokWord || ts[i+1].kind == tokWord && !ts[i+1].upper) && !(j >= 1 && ts[j-1].key == "of") && !meetingAfter(ts, i) {
			return true
		}
		j--
	}
	if j >= 2 && ts[j].key == "of" && (ts[j-1].key == "start" || ts[j-1].key == "end" || ts[j-1].key == "beginning" || ts[j-1].key == "middle") && ts[j-2].key == "the" {
		j -= 3
	}
	if j < 0 {
		return false
	}
	// "a general election on July 4": the date of another event.
	if (ts[j].key == "on" || ts[j].key == "in") && j > 0 && otherEvent[ts[j-1].key] {
		return true
	}
	switch ts[j].key {
	case "until", "till", "for", "by", "following", "ahead", "before", "after":
		return true
	case "of":
		return j > 0 && ts[j-1].key == "ahead"
	}
	return false
}

// dateAt reads a date expression at token i; it returns its value and its
// length in tokens, or a zero length. A recognised expression that names
// no date (a duration) has an empty value.
func dateAt(ts []token, i int, pub time.Time) (string, int) {
	t := ts[i]
	k := t.key
	next := func(j int) string {
		if j < len(ts) {
			return ts[j].key
		}
		return ""
	}
	switch {
	case k == "today" || k == "tonight" || k == "this" && (next(i+1) == "morning" || next(i+1) == "afternoon" || next(i+1) == "evening"):
		return day(pub), 1
	case k == "yesterday":
		return day(pub.AddDate(0, 0, -1)), 1
	case k == "last" && next(i+1) == "week":
		return month(pub.AddDate(0, 0, -7)), 2
	case k == "last" && next(i+1) == "month":
		return month(pub.AddDate(0, -1, 0)), 2
	case k == "last" && next(i+1) == "year":
		return year(pub.AddDate(-1, 0, 0)), 2
	case k == "this" && next(i+1) == "year":
		return year(pub), 2
	case k == "since":
		// "since 2022", "since the war began": a duration, not the date.
		if _, n := dateAt(ts, i+1, pub); n > 0 {
			return "", n + 1
		}
		return "", 0
	}
	if wd, ok := weekdays[k]; ok && t.upper && !pub.IsZero() {
		back := (int(pub.Weekday()) - int(wd) + 7) % 7
		return day(pub.AddDate(0, 0, -back)), 1
	}
	if m, ok := months[k]; ok && t.upper && (k != "may" || isNum(ts, i+1) || isNum(ts, i-1)) {
		return monthDate(ts, i, m, pub)
	}
	if t.kind == tokNum {
		if d, err := strconv.Atoi(t.text); err == nil && d >= 1 && d <= 31 && i+1 < len(ts) {
			if m, ok := months[ts[i+1].key]; ok && ts[i+1].upper {
				// "10 March 2006"
				y, n := yearAt(ts, i+2)
				if n == 0 {
					y = inferYear(pub, m, d)
				}
				return fmt.Sprintf("%04d-%02d-%02d", y, m, d), 2 + n
			}
		}
		if y, n := yearAt(ts, i); n > 0 {
			// "2023-03-02"
			if i+4 < len(ts) && ts[i+1].text == "-" && !ts[i+1].space && isNum(ts, i+2) && ts[i+3].text == "-" && isNum(ts, i+4) {
				mo, _ := strconv.Atoi(ts[i+2].text)
				d, _ := strconv.Atoi(ts[i+4].text)
				if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
					return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), 5
				}
			}
			return strconv.Itoa(y), 1
		}
	}
	return "", 0
}

// monthDate reads a date that starts with the month at token i: "March 1,
// 2023", "August 27-28", "December 13-15, 2022", "January 2020", "January
// last year", "January".
func monthDate(ts []token, i int, m time.Month, pub time.Time) (string, int) {
	j := i + 1
	if isNum(ts, j) {
		d, _ := strconv.Atoi(ts[j].text)
		if d >= 1 && d <= 31 {
			j++
			// "27-28": a range starts on its first day.
			if j+1 < len(ts) && ts[j].text == "-" && isNum(ts, j+1) {
				j += 2
			}
			// "11th"
			if j < len(ts) && !ts[j].space && (ts[j].key == "st" || ts[j].key == "nd" || ts[j].key == "rd" || ts[j].key == "th") {
				j++
			}
			k := j
			if k < len(ts) && ts[k].text == "," {
				k++
			}
			if y, n := yearAt(ts, k); n > 0 {
				return fmt.Sprintf("%04d-%02d-%02d", y, m, d), k + n - i
			}
			return fmt.Sprintf("%04d-%02d-%02d", inferYear(pub, m, d), m, d), j - i
		}
	}
	if y, n := yearAt(ts, j); n > 0 {
		return fmt.Sprintf("%04d-%02d", y, m), 1 + n
	}
	if pub.IsZero() {
		return "", 1
	}
	if j+1 < len(ts) && ts[j].key == "last" && ts[j+1].key == "year" {
		return fmt.Sprintf("%04d-%02d", pub.Year()-1, m), 3
	}
	if j+1 < len(ts) && ts[j].key == "this" && ts[j+1].key == "year" {
		return fmt.Sprintf("%04d-%02d", pub.Year(), m), 3
	}
	y := pub.Year()
	if m > pub.Month() {
		y--
	}
	return fmt.Sprintf("%04d-%02d", y, m), 1
}

// yearAt reads a year (1900-2100) at token i.
func yearAt(ts []token, i int) (int, int) {
	if !isNum(ts, i) || len(ts[i].text) != 4 {
		return 0, 0
	}
	y, _ := strconv.Atoi(ts[i].text)
	if y < 1900 || y > 2100 {
		return 0, 0
	}
	// "1,700": a number, not a year.
	if i > 0 && ts[i-1].text == "," && !ts[i].space {
		return 0, 0
	}
	return y, 1
}

func isNum(ts []token, i int) bool {
	if i < 0 || i >= len(ts) || ts[i].kind != tokNum {
		return false
	}
	_, err := strconv.Atoi(ts[i].text)
	return err == nil
}

// inferYear returns the year of a day given without one: the publication
// year, or the one before if the day would lie well after publication.
func inferYear(pub time.Time, m time.Month, d int) int {
	if pub.IsZero() {
		return 0
	}
	y := pub.Year()
	if time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 0, 7)) {
		y--
	}
	return y
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func month(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01")
}

func year(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006")
}

// parsePublished parses a publication date, full or partial; a partial
// date counts from its first day.
func parsePublished(s string) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) >= len(layout) {
			if t, err := time.Parse(layout, s[:len(layout)]); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}

// eventDate returns the date of an edge whose trigger is token trig of
// sentence si: the date expression nearest to it in the sentence; else
// the date of a dateline right after the sentence ("📍 New Delhi, March
// 1"); else that of the sentence before in the paragraph; else the
// publication date.
func (d *doc) eventDate(si, trig int) string {
	if v := nearestDate(d.dates[si], trig); v != "" {
		return v
	}
	if si+1 < len(d.sents) && d.isDateline(si+1) {
		return d.dates[si+1][0].value
	}
	if si > 0 && d.sents[si-1].para == d.sents[si].para && !d.sents[si-1].title && len(d.dates[si-1]) > 0 {
		return d.dates[si-1][len(d.dates[si-1])-1].value
	}
	return day(d.pub)
}

// nearestDate returns the value of the date expression nearest to token
// trig, or "".
func nearestDate(ds []dateExpr, trig int) string {
	best, dist := "", -1
	weak := true
	for _, x := range ds {
		weak = weak && x.weak
	}
	for _, x := range ds {
		if x.weak && !weak {
			continue
		}
		dd := x.tok - trig
		if dd < 0 {
			dd = -dd
		}
		if dist < 0 || dd < dist {
			best, dist = x.value, dd
		}
	}
	return best
}

// isDateline reports whether sentence si is a short line of a place and a
// date, as under a quoted post.
func (d *doc) isDateline(si int) bool {
	s := &d.sents[si]
	if len(d.dates[si]) == 0 || len(s.tokens) > 10 {
		return false
	}
	for _, t := range s.tokens {
		if t.kind == tokWord && !t.upper && !isNum(s.tokens, 0) {
			return false
		}
	}
	return true
}
