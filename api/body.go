package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"landwatch/land"
)

// readBody reads the whole request body, refusing one over the limit.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, bodyError(err)
	}
	return b, nil
}

// bodyError is the answer to a body that could not be read: 413 naming the
// limit when it was larger than the route takes (1 MiB, or the server's
// limit for routes that take files), else 400.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &Problem{Type: "about:blank", Title: http.StatusText(http.StatusRequestEntityTooLarge),
			Status: http.StatusRequestEntityTooLarge, Field: "body",
			Detail: fmt.Sprintf("body: larger than this route's limit of %d bytes (%s)", tooBig.Limit, byteSize(tooBig.Limit))}
	}
	return land.Wrap(land.CodeInvalid, err, "body")
}

// byteSize writes a limit in MiB or KiB when it is a whole number of them.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// readJSON reads a JSON body and refuses what the decoder would let pass
// unseen (checkJSONText) and the NUL character, which PostgreSQL's text
// refuses.
func readJSON(r *http.Request) ([]byte, error) {
	b, err := readBody(r)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(b, []byte(`\u0000`)) {
		return nil, land.Invalid("body", "text may not contain the NUL character (\\u0000)")
	}
	return b, checkJSONText(b)
}

// decodeJSON reads a JSON body into v, refusing unknown fields and trailing
// data, with errors that name the field.
func decodeJSON(r *http.Request, v any) error {
	b, err := readJSON(r)
	if err != nil {
		return err
	}
	return strictUnmarshal(b, v)
}

// checkJSONText refuses what encoding/json accepts without a word: text
// that is not UTF-8 (the decoder puts U+FFFD in its place, so the record
// would keep other text than was sent) and an object naming a member twice
// (the decoder keeps the last, so one of two values is dropped unseen).
// The error names the member (installments[1].period), or the body with
// the byte offset when the fault lies outside any. Syntax errors are left
// to the decoder, which names them better.
func checkJSONText(b []byte) error {
	valid := utf8.Valid(b)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var path jsonPath
	prev := int64(0)
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // the end, or a syntax error for the decoder to name
		}
		span := b[prev:dec.InputOffset()]
		prev = dec.InputOffset()
		if s, ok := tok.(string); ok && path.expectsKey() {
			named := !path.addKey(s)
			if !valid && !utf8.Valid(span) {
				return land.Invalid(path.String(), "the member's name is not valid UTF-8")
			}
			if named {
				return land.Invalid(path.String(), "named twice in the same object; send each member once")
			}
			continue
		}
		if !valid && !utf8.Valid(span) {
			if field := path.String(); field != "" {
				return land.Invalid(field, "the text is not valid UTF-8 (send UTF-8; text in GBK must be converted)")
			}
			return land.Invalid("body", "the text before byte %d is not valid UTF-8", prev)
		}
		path.value(tok)
	}
}

// strictUnmarshal decodes b into v. When the decoder refuses b, every
// member of the object is decoded on its own too, so that the answer names
// each field with a wrong type, not only the first the decoder met, and v
// holds every member that could be read.
func strictUnmarshal(b []byte, v any) error {
	err := strictDecode(b, v)
	if err == nil || land.ErrorCode(err) != land.CodeInvalid {
		return err
	}
	members := objectMembers(b)
	if len(members) < 2 {
		return err
	}
	t := reflect.TypeOf(v).Elem()
	var errs []error
	for _, m := range members {
		one, _ := json.Marshal(map[string]json.RawMessage{m.key: m.value})
		if err := strictDecode(one, reflect.New(t).Interface()); err != nil {
			if land.ErrorField(err) == "" {
				err = land.PrefixField(err, m.key)
			}
			errs = append(errs, err)
			continue
		}
		// v gets every member it can take, for the checks of the values
		// (the decoder stops at some errors and leaves later members out).
		_ = strictDecode(one, v)
	}
	if joined := land.JoinInvalid(errs...); joined != nil {
		return joined
	}
	return err
}

type member struct {
	key   string
	value json.RawMessage
}

// objectMembers returns the members of a JSON object in their order, or
// nil when b is not one.
func objectMembers(b []byte) []member {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var out []member
	for dec.More() {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			return nil
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		out = append(out, member{key, v})
	}
	return out
}

func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return land.Invalid("body", "data after the JSON value")
	}
	return nil
}

// decodeObject reads a body that must be a JSON object into its members.
func decodeObject(b []byte) (map[string]json.RawMessage, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, land.Invalid("body", "a JSON object of the fields is expected, not %s", jsonValue(te.Value))
		}
		return nil, jsonError(err)
	}
	if fields == nil {
		return nil, land.Invalid("body", "a JSON object of the fields is expected, not null")
	}
	return fields, nil
}

// jsonError turns a decoding error into a land error naming the field and
// saying what was expected in the words of JSON, never of Go.
func jsonError(err error) error {
	var le *land.Error
	if errors.As(err, &le) {
		return le
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := jsonFieldPath(te.Field)
		if field == "" {
			field = "body"
		}
		return land.Invalid(field, "expected %s, got %s", expectedJSON(te.Type), jsonValue(te.Value))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return land.Invalid("body", "malformed JSON at byte %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	}
	if errors.Is(err, io.EOF) {
		return land.Invalid("body", "empty; a JSON object is expected")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return land.Invalid("body", "the JSON ends before its value does")
	}
	msg := err.Error()
	const unknown = "json: unknown field "
	if len(msg) > len(unknown) && msg[:len(unknown)] == unknown {
		return land.Invalid(strings.Trim(msg[len(unknown):], `"`), "unknown field")
	}
	return land.Invalid("body", "%s", strings.TrimPrefix(msg, "json: "))
}

// jsonErrorIn is jsonError for a value read inside the member prefix of a
// request ("" for one whose caller names it).
func jsonErrorIn(err error, prefix string) error {
	err = jsonError(err)
	if land.ErrorField(err) == "body" {
		return land.WithField(err, prefix)
	}
	if prefix == "" {
		return err
	}
	return land.PrefixField(err, prefix)
}

// expectedJSON says in JSON's words what a Go type of a request reads.
func expectedJSON(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeOf(land.Date{}):
		return `a date such as "2019-07-21"`
	case t == reflect.TypeOf(time.Time{}):
		return `a time such as "2026-11-20T10:00:00+08:00"`
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number of 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	default:
		return "another JSON value"
	}
}

// jsonValue names the kind of JSON value the decoder found ("number 1.5"
// for a fraction where a whole number is expected).
func jsonValue(v string) string {
	switch v {
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "bool":
		return "true or false"
	case "string":
		return "a string"
	case "number":
		return "a number"
	}
	return "the " + v
}

// jsonFieldPath drops the Go names of embedded structs from a decoder's
// field path ("Supply.area_ha" → "area_ha"), leaving the JSON names.
func jsonFieldPath(path string) string {
	parts := strings.Split(path, ".")
	out := parts[:0]
	for _, p := range parts {
		if p != "" && p[0] >= 'A' && p[0] <= 'Z' {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ".")
}
