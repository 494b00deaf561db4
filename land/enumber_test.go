package land

import (
	"regexp"
	"strings"
	"testing"
)

func TestParseENumber(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want ENumber
	}{
		{"a transfer number", "1306262018B00730", ENumber{"130626", 2018, 'B', "00730", 0}},
		{"an allocation number", "6529012018A00707", ENumber{"652901", 2018, 'A', "00707", 0}},
		{"a serial with letters from a busy office", "4406062019BI7595", ENumber{"440606", 2019, 'B', "I7595", 0}},
		{"a split record with a suffix", "4514002016B00269-1", ENumber{"451400", 2016, 'B', "00269", 1}},
		{"a suffix of several digits", "4514002016B00269-12", ENumber{"451400", 2016, 'B', "00269", 12}},
		{"blanks around the number are ignored", " 1306262018B00730\n", ENumber{"130626", 2018, 'B', "00730", 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseENumber(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("ParseENumber(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			if got.String() != strings.TrimSpace(tt.in) {
				t.Errorf("String() = %q, want %q", got.String(), strings.TrimSpace(tt.in))
			}
		})
	}
}

func TestParseENumberRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"an empty number", ""},
		{"a number one character short", "1306262018B0073"},
		{"a number one character long", "1306262018B007300"},
		{"a county code with a letter", "13062X2018B00730"},
		{"a year with a letter", "130626201XB00730"},
		{"a year before 1949", "1306260018B00730"},
		{"a digit where the type letter goes", "130626201800730X"},
		{"a lower-case type letter", "1306262018b00730"},
		{"a lower-case letter in the serial", "4406062019Bi7595"},
		{"punctuation in the serial", "1306262018B007.0"},
		{"an empty suffix", "1306262018B00730-"},
		{"a suffix of zero", "1306262018B00730-0"},
		{"a suffix with a leading zero", "1306262018B00730-01"},
		{"a suffix with a letter", "1306262018B00730-a"},
		{"two suffixes", "1306262018B00730-1-2"},
		{"a suffix too large to read", "1306262018B00730-99999999999999999999999"},
		{"wide characters", "１３０６２６２０１８Ｂ００７３０"},
		{"a blank inside", "130626 2018B00730"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is invalid e_number", func(t *testing.T) {
			_, err := ParseENumber(tt.in)
			if ErrorCode(err) != CodeInvalid || ErrorField(err) != "e_number" {
				t.Fatalf("ParseENumber(%q) error = %v, want invalid e_number", tt.in, err)
			}
		})
	}
}

// eNumberShape is DESIGN.md's pattern for an e-supervision number.
var eNumberShape = regexp.MustCompile(`^\d{6}\d{4}[A-Z][0-9A-Z]{5}(-\d+)?$`)

// FuzzParseENumber checks that whatever ParseENumber accepts has the
// documented shape and prints back as given.
func FuzzParseENumber(f *testing.F) {
	for _, s := range []string{"1306262018B00730", "4406062019BI7595", "4514002016B00269-1", "1306262018B00730-01", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseENumber(s)
		if err != nil {
			if ErrorField(err) != "e_number" {
				t.Fatalf("ParseENumber(%q) error field = %q", s, ErrorField(err))
			}
			return
		}
		trimmed := strings.TrimSpace(s)
		if !eNumberShape.MatchString(trimmed) {
			t.Fatalf("ParseENumber accepted %q, which does not have the shape", s)
		}
		if n.String() != trimmed {
			t.Fatalf("ParseENumber(%q).String() = %q", s, n.String())
		}
	})
}
