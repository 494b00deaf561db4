package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"landwatch/land"
)

// readBody reads the whole request body, refusing one over the limit.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, land.Invalid("body", "larger than %d bytes", tooBig.Limit)
		}
		return nil, land.Wrap(land.CodeInvalid, err, "body")
	}
	return b, nil
}

// decodeJSON reads a JSON body into v, refusing unknown fields and trailing
// data, with errors that name the field.
func decodeJSON(r *http.Request, v any) error {
	b, err := readBody(r)
	if err != nil {
		return err
	}
	if bytes.Contains(b, []byte(`\u0000`)) {
		return land.Invalid("body", "text may not contain the NUL character (\\u0000)")
	}
	return strictUnmarshal(b, v)
}

func strictUnmarshal(b []byte, v any) error {
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

// jsonError turns a decoding error into a land error naming the field.
func jsonError(err error) error {
	var le *land.Error
	if errors.As(err, &le) {
		return le
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return land.Invalid(jsonFieldPath(te.Field), "expected %s, got JSON %s", te.Type, te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return land.Invalid("body", "malformed JSON at byte %d: %v", se.Offset, err)
	}
	if errors.Is(err, io.EOF) {
		return land.Invalid("body", "empty; a JSON object is expected")
	}
	msg := err.Error()
	const unknown = "json: unknown field "
	if len(msg) > len(unknown) && msg[:len(unknown)] == unknown {
		return land.Invalid(msg[len(unknown):], "unknown field")
	}
	return land.Invalid("body", "%v", err)
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
