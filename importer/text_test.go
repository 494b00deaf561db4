package importer

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"landwatch/land"
)

func TestDecodeTextReadsTheEncodingsLandOfficesUse(t *testing.T) {
	const want = "[属性描述]\r\n带号=39\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(want))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(want))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
	}{
		{"UTF-8 is read as it is", []byte(want)},
		{"a UTF-8 byte order mark is dropped", append([]byte{0xEF, 0xBB, 0xBF}, want...)},
		{"GBK is decoded", gbk},
		{"UTF-16 with a byte order mark is decoded", utf16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeText(tt.in)
			if err != nil || got != want {
				t.Errorf("got %q, %v", got, err)
			}
		})
	}
}

func TestDecodeTextRefusesWhatIsNotText(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"NUL bytes mean a binary file", []byte("abc\x00def")},
		{"bytes that are neither UTF-8 nor GBK", []byte{0x81, 0x20, 0xFF, 0xFF}},
		{"a UTF-8 byte order mark before bytes that are not UTF-8", []byte{0xEF, 0xBB, 0xBF, 0xC4, 0xE3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeText(tt.in); land.ErrorCode(err) != land.CodeInvalid {
				t.Errorf("error %v, want code invalid", err)
			}
		})
	}
}
