package land

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Phrasebook puts landwatch's messages, written in English where they are
// made, into Chinese for the people who read them in Chinese: a clerk's
// refused form, an import's report.
//
// A message is looked up by the English format it was made from
// (phrasebookZH): the format's words must match the message whole, and what
// its verbs printed (a number, a date, an e-supervision number) is put
// where the Chinese format's verbs are, itself looked up again (an event's
// kind, a field's name). A message joined from several ("field: reason:
// cause") is put into Chinese part by part. What the book does not hold is
// left in English, as it was written: a message half translated would say
// less than either.
//
// Written here rather than with golang.org/x/text/message: that catalogue
// looks a message up by its key before it is printed, so every one of the
// several hundred places that make a message would have to be told the
// reader's language; the messages travel as text through the land error,
// the import report and the database's findings, and are put into Chinese
// where they are answered.
type Phrasebook struct {
	phrases []phrase
	terms   map[string]string
}

// chineseSeparator is the Chinese of each separator.
var chineseSeparator = map[string]string{": ": "：", "; ": "；"}

// phrase is one English format: the expression its messages match, with a
// group for each verb, and the Chinese format's text between its verbs and
// the English group each verb takes.
type phrase struct {
	en    string
	words int    // the length of its text, verbs left out
	clue  string // its longest run of text: a message without it is not of this phrase
	// match matches a message whole; part matches one among several joined
	// ("field: reason; field: reason"), its last value holding no separator
	// either, so that it does not take in the messages after it.
	match, part *regexp.Regexp
	texts       []string // len(slots)+1
	slots       []int
}

// verb is a fmt verb: %s, %q, %d, %.1f, %[2]s …, or %%, which is none
// (verbsIn leaves it out).
var verb = regexp.MustCompile(`%%|%(\[(\d+)\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// verbsIn returns where format's verbs are, with their submatches (verb).
func verbsIn(format string) [][]int {
	var out [][]int
	for _, m := range verb.FindAllStringSubmatchIndex(format, -1) {
		if format[m[0]:m[1]] != "%%" {
			out = append(out, m)
		}
	}
	return out
}

// separator ends one message of several joined: "field: reason", "a; b".
var separator = regexp.MustCompile(`[:;] `)

// NewPhrasebook makes the phrasebook of landwatch's messages.
func NewPhrasebook() *Phrasebook {
	zh, terms := phrasebookZH()
	b := &Phrasebook{terms: terms}
	for en, z := range zh {
		b.phrases = append(b.phrases, newPhrase(en, z))
	}
	// A message two formats could have made is the one with more words of
	// its own: "%s is in the future (today is %s)" before "%s is in the
	// future".
	slices.SortFunc(b.phrases, func(x, y phrase) int {
		return cmp.Or(cmp.Compare(y.words, x.words), strings.Compare(x.en, y.en))
	})
	return b
}

// newPhrase compiles an English format and its Chinese.
func newPhrase(en, zh string) phrase {
	var whole, part strings.Builder
	rest, clue := en, ""
	for _, at := range verbsIn(en) {
		text := en[len(en)-len(rest) : at[0]]
		if len(text) > len(clue) {
			clue = text
		}
		quoted := regexp.QuoteMeta(literal(text))
		// What a verb printed may be empty, and holds no ": " or "; "
		// unless it ends the message ("cannot be read: %v"): else a
		// field's name before the message ("area_ha: %v is …") would be
		// taken for it.
		anything, noSeparator := `(.*?)`, `((?:[^:;]|[:;][^ ])*?)`
		if en[at[1]-1] == 'd' { // an integer is digits: "instalment %d: %s" is not "instalment %q: %v"
			anything, noSeparator = `(-?[0-9]+)`, `(-?[0-9]+)`
		}
		last := noSeparator
		if at[1] == len(en) {
			last = anything
		}
		whole.WriteString(quoted + last)
		part.WriteString(quoted + noSeparator)
		rest = en[at[1]:]
	}
	end := regexp.QuoteMeta(literal(rest)) + `$`
	if len(rest) > len(clue) {
		clue = rest
	}
	p := phrase{en: en, words: len(en) - verbLength(en), clue: literal(clue),
		match: regexp.MustCompile(`^` + whole.String() + end), part: regexp.MustCompile(`^` + part.String() + end)}
	p.slots = verbSlots(zh)
	prev := 0
	for _, m := range verbsIn(zh) {
		p.texts = append(p.texts, literal(zh[prev:m[0]]))
		prev = m[1]
	}
	p.texts = append(p.texts, literal(zh[prev:]))
	return p
}

// Chinese returns s in Chinese when the book holds all of it, and s as it
// was written when it does not. A message of several ("3 fields are
// invalid: a: x; b: y") is taken apart where a colon or a semicolon ends
// one of them, the longest part the book knows first; a part it does not
// know leaves the whole in English.
func (b *Phrasebook) Chinese(s string) string {
	if zh, ok := b.whole(s, false); ok {
		return zh
	}
	// Each part with the separator that follows it ("" for the last).
	var parts, seps []string
	prev := 0
	for _, at := range separator.FindAllStringIndex(s, -1) {
		parts, seps = append(parts, s[prev:at[0]]), append(seps, s[at[0]:at[1]])
		prev = at[1]
	}
	if prev == 0 {
		return s
	}
	parts, seps = append(parts, s[prev:]), append(seps, "")
	var out strings.Builder
	for i := 0; i < len(parts); {
		j := len(parts)
		for ; j > i; j-- {
			var joined strings.Builder
			for k := i; k < j; k++ {
				joined.WriteString(parts[k])
				if k < j-1 {
					joined.WriteString(seps[k])
				}
			}
			if zh, ok := b.whole(joined.String(), true); ok {
				out.WriteString(zh)
				break
			}
		}
		if j == i { // a part the book does not know: a half-translated message would say less than either
			return s
		}
		out.WriteString(chineseSeparator[seps[j-1]])
		i = j
	}
	return out.String()
}

// fieldPath is the name of a field of a request or a record, an item of a
// list among them: installments[1].amount_wan.
var fieldPath = regexp.MustCompile(`^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*$`)

// whole is s in Chinese when a term, a field's path of terms or a phrase of
// the book matches it whole; among other messages (joined) a phrase's last
// value holds no separator.
func (b *Phrasebook) whole(s string, joined bool) (string, bool) {
	if zh, ok := b.terms[s]; ok {
		return zh, true
	}
	if zh, ok := b.field(s); ok {
		return zh, true
	}
	for _, p := range b.phrases {
		if !strings.Contains(s, p.clue) { // far cheaper than the expression: an import's report may hold thousands
			continue
		}
		match := p.match
		if joined {
			match = p.part
		}
		m := match.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		var zh strings.Builder
		for k, slot := range p.slots {
			zh.WriteString(p.texts[k])
			if slot+1 < len(m) {
				zh.WriteString(b.value(m[slot+1]))
			}
		}
		zh.WriteString(p.texts[len(p.slots)])
		return zh.String(), true
	}
	return "", false
}

// field is a field's path in Chinese, each name a term and each item of a
// list counted from 1 (分期支付 2 · 约定支付金额), as the map's pages name it.
// A name under another is first looked up with it ("installments.period",
// 期数), since the same name alone may be another thing (a report's
// period, 报告期).
func (b *Phrasebook) field(s string) (string, bool) {
	if !fieldPath.MatchString(s) {
		return "", false
	}
	names := strings.Split(s, ".")
	parent := ""
	for i, name := range names {
		base, item, _ := strings.Cut(name, "[")
		zh, ok := b.terms[parent+"."+base]
		if !ok {
			zh, ok = b.terms[base]
		}
		if !ok {
			return "", false
		}
		parent = base
		if item != "" {
			n, _ := strconv.Atoi(strings.TrimSuffix(item, "]"))
			zh += " " + strconv.Itoa(n+1)
		}
		names[i] = zh
	}
	return strings.Join(names, " · "), true
}

// value is what a verb printed, in Chinese when the book holds it as a term
// or as a message of its own (an idle assessment's "the agreed start
// 2024-03-01"), else as printed.
func (b *Phrasebook) value(s string) string {
	if zh, ok := b.whole(s, false); ok {
		return zh
	}
	return s
}

// verbSlots returns the verbs of a format in order, each as the slot of the
// value it prints (explicit indexes counted): where a Chinese format puts
// the values its English one printed.
func verbSlots(format string) []int {
	var slots []int
	next := 0
	for _, m := range verbsIn(format) {
		slot := next
		if m[4] >= 0 {
			n, _ := strconv.Atoi(format[m[4]:m[5]])
			slot = n - 1
		}
		slots = append(slots, slot)
		next = slot + 1
	}
	return slots
}

// literal is text of a format between its verbs as it prints.
func literal(text string) string { return strings.ReplaceAll(text, "%%", "%") }

// verbLength is how many bytes of format its verbs take.
func verbLength(format string) int {
	n := 0
	for _, m := range verbsIn(format) {
		n += m[1] - m[0]
	}
	return n
}
