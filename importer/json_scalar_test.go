package importer

import (
	"encoding/json"
	"testing"
)

// A string read without a decoder reads as the decoder reads it: plain,
// with escapes, with characters beyond ASCII, and with bytes that are not
// UTF-8 (which the decoder replaces).
func TestJSONScalarTextReadsStringsAsTheDecoderDoes(t *testing.T) {
	for _, raw := range []string{`"1306262018B00001"`, `""`, `"住宅用地"`, `" 出让 "`, `"a\"b"`, `"\u4f4f\u5b85"`,
		`"a\\b"`, `"tab\there"`, "\"\xff\xfe\"", "\"ok\xe4\xbd\"", `  "padded"  `} {
		var want string
		if err := json.Unmarshal([]byte(raw), &want); err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		got, err := jsonScalarText(json.RawMessage(raw))
		if err != nil || got != want {
			t.Errorf("%q: got %q (%v), want %q", raw, got, err, want)
		}
	}
}
