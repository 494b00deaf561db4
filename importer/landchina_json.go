package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"landwatch/land"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseSupplyJSON reads published supply results from a JSON array of
// objects: the landchina scrape (keys idnumber, area, supply, paid_plan …)
// or objects with the JSON keys of land.Supply (e_number, area_ha, method …).
// Values may be strings, numbers or null. The instalment plan is either the
// scrape's {"1": [date, amount], …} or the CSV text "1|date|amount; …".
//
// Each object becomes a SupplyRecord whose Line is the line the object
// starts on; rejections carry the e-supervision number as Record. A syntax
// error ends the file: the objects before it are kept and the error is
// rejected with its line.
func ParseSupplyJSON(name string, r io.Reader) land.Batch {
	text, err := readText(name, r)
	if err != nil {
		return unreadable(name, err)
	}
	return parseSupplyJSONText(name, text)
}

// parseSupplyJSONText is ParseSupplyJSON on decoded text.
func parseSupplyJSONText(name, text string) land.Batch {
	var b land.Batch
	lines := newLineCounter(text)
	dec := json.NewDecoder(strings.NewReader(text))
	tok, err := dec.Token()
	if err != nil {
		reject(&b, name, jsonErrorLine(err, lines, dec), "", "json", "the file is not JSON: %s", jsonReason(err))
		return b
	}
	if tok != json.Delim('[') {
		reject(&b, name, 1, "", "json", "expected an array of supply results ([{…}, …])")
		return b
	}
	unknown := map[string]bool{}
	for i := 1; dec.More(); i++ {
		line := lines.lineAt(skipSpace(text, int(dec.InputOffset()), ","))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			reject(&b, name, jsonErrorLine(err, lines, dec), fmt.Sprintf("record %d", i), "json",
				"the file is not valid JSON here: %s", jsonReason(err))
			return b
		}
		addJSONSupply(&b, name, line, i, raw, unknown)
	}
	if _, err := dec.Token(); err != nil {
		reject(&b, name, jsonErrorLine(err, lines, dec), "", "json", "the array is not closed: %s", jsonReason(err))
	}
	return b
}

// addJSONSupply reads the i-th object of the array, which starts at line.
// Unknown keys are warned about once per file.
func addJSONSupply(b *land.Batch, name string, line, i int, raw json.RawMessage, unknown map[string]bool) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		reject(b, name, line, fmt.Sprintf("record %d", i), "record", "expected an object with the fields of a supply result")
		return
	}
	values := fieldValues{}
	var (
		probs []problem
		notes []note
	)
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		f := supplyFieldOf(key)
		switch {
		case f == "":
			if !unknown[key] {
				unknown[key] = true
				warn(b, name, line, "", key, "unknown key %q is ignored", key)
			}
			continue
		case f == fieldIgnored:
			continue
		case f == fInstallments:
			text, remarks, err := paidPlanText(obj[key])
			if err != nil {
				probs = append(probs, problem{f, err.Error()})
			}
			values[f] = text
			for _, r := range remarks {
				notes = append(notes, note{f, r})
			}
			continue
		}
		text, err := jsonScalarText(obj[key])
		if err != nil {
			probs = append(probs, problem{f, err.Error()})
		}
		values[f] = text
	}
	record := values.get(fENumber)
	if record == "" {
		record = fmt.Sprintf("record %d", i)
	}
	s, events, more, moreNotes := buildSupply(values)
	if probs = append(probs, more...); len(probs) > 0 {
		rejectAll(b, name, line, record, probs)
		return
	}
	notes = append(notes, moreNotes...)
	warnAll(b, name, line, s.ENumber, notes)
	b.Supplies = append(b.Supplies, land.SupplyRecord{File: name, Line: line, Supply: s, Events: events, Absent: absentFields(values)})
}

// jsonScalarText returns a string, number, boolean or null value as text
// (a boolean such as collective as "true" or "false").
func jsonScalarText(raw json.RawMessage) (string, error) {
	t := strings.TrimSpace(string(raw))
	switch {
	case t == "" || t == "null":
		return "", nil
	case t == "true" || t == "false":
		return t, nil
	case t[0] == '"':
		// Read from a document the decoder has found valid, a string
		// without escapes is the text between its quotes when that text is
		// valid UTF-8 (the decoder would replace bad bytes): most values,
		// read without a second decoder.
		if len(t) >= 2 && t[len(t)-1] == '"' {
			if in := t[1 : len(t)-1]; !strings.ContainsRune(in, '\\') && utf8.ValidString(in) {
				return in, nil
			}
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", errors.New("not a valid JSON string")
		}
		return s, nil
	case t[0] == '-' || t[0] >= '0' && t[0] <= '9':
		return t, nil
	}
	return "", errors.New("expected text, a number, true, false or null")
}

// paidPlanText turns an instalment plan into the CSV form
// "1|date|amount; 2|…", ordered by period. It accepts the scrape's object
// {"1": [date, amount]} (where an item may carry a third element, a remark
// such as "成交之日起十个工作日内缴纳…", which land.Installment has no place
// for: it is returned as a warning), that text itself, or null.
func paidPlanText(raw json.RawMessage) (text string, remarks []string, err error) {
	t := strings.TrimSpace(string(raw))
	if t == "" || t == "null" || t[0] == '"' {
		text, err := jsonScalarText(raw)
		return text, nil, err
	}
	var plan map[string][]json.RawMessage
	if err := json.Unmarshal(raw, &plan); err != nil {
		return "", nil, errors.New(`expected {"1": [date, amount], …}, the text "1|date|amount; …" or null`)
	}
	periods := slices.SortedFunc(maps.Keys(plan), func(a, b string) int {
		x, errX := strconv.Atoi(a)
		y, errY := strconv.Atoi(b)
		if errX == nil && errY == nil {
			return x - y
		}
		return strings.Compare(a, b)
	})
	items := make([]string, 0, len(periods))
	for _, p := range periods {
		item := plan[p]
		if len(item) != 2 && len(item) != 3 {
			return "", nil, fmt.Errorf("instalment %q: expected [date, amount] or [date, amount, remark]", p)
		}
		date, err1 := jsonScalarText(item[0])
		amount, err2 := jsonScalarText(item[1])
		if err := errors.Join(err1, err2); err != nil {
			return "", nil, fmt.Errorf("instalment %q: %v", p, err)
		}
		items = append(items, p+"|"+date+"|"+amount)
		if len(item) == 3 {
			if r, err := jsonScalarText(item[2]); err == nil && strings.TrimSpace(r) != "" {
				remarks = append(remarks, fmt.Sprintf("the remark of instalment %s is not kept: %s", p, strings.TrimSpace(r)))
			}
		}
	}
	return strings.Join(items, "; "), remarks, nil
}

// jsonErrorLine returns the line a JSON decoding error points at: the
// syntax error's offset, the last line of a file that ends too early, else
// the decoder's position.
func jsonErrorLine(err error, lines *lineCounter, dec *json.Decoder) int {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return lines.lineAt(int(se.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return lines.lineAt(len(strings.TrimRight(lines.text, " \t\r\n")))
	}
	return lines.lineAt(int(dec.InputOffset()))
}

// jsonErrorOffset returns the byte a JSON decoding error points at: the
// syntax error's offset, the end of a file that ends too early, else the
// decoder's position.
func jsonErrorOffset(err error, lines *lineCounter, dec *json.Decoder) int64 {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return se.Offset
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return int64(len(lines.text))
	}
	return dec.InputOffset()
}

// jsonReason describes a JSON decoding error; a truncated file says so.
func jsonReason(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the file ends in the middle of a value"
	}
	return err.Error()
}
