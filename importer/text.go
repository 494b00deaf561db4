package importer

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"landwatch/land"
)

// Byte order marks that may start a text file.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DecodeText returns the text of a file written in UTF-8 (with or without a
// byte order mark), UTF-16 with a byte order mark (Excel's "Unicode text"),
// or GBK (read as GB18030, its superset). Text that is valid UTF-8 is taken
// as UTF-8. Line ends are left as they are, so line numbers stay those of
// the file (lone CR line ends become LF). It returns a CodeInvalid *land.Error when the bytes are binary
// or neither UTF-8 nor GBK.
func DecodeText(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		b = b[len(bomUTF8):]
		if !utf8.Valid(b) {
			return "", land.Invalid("", "the file starts with a UTF-8 byte order mark but is not UTF-8")
		}
		return checkText(string(b))
	case bytes.HasPrefix(b, bomUTF16LE), bytes.HasPrefix(b, bomUTF16BE):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(b)
		if err != nil {
			return "", land.Wrap(land.CodeInvalid, err, "the file is not UTF-16 text")
		}
		return checkText(string(out))
	case utf8.Valid(b):
		return checkText(string(b))
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", land.Invalid("", "the file is neither UTF-8 nor GBK text")
	}
	return checkText(string(out))
}

// checkText refuses text with NUL characters: that is a binary file (or
// UTF-16 without its byte order mark), not something a land office typed.
// Text whose lines end in a lone CR (classic Mac OS, some exports) gets LF
// line ends instead, one for one, so its lines read as lines and keep their
// numbers.
func checkText(s string) (string, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return "", land.Invalid("", "the file holds binary data (NUL bytes), not text")
	}
	if strings.IndexByte(s, '\r') >= 0 && strings.IndexByte(s, '\n') < 0 {
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, nil
}

// readText reads all of r and decodes it with DecodeText. Its errors are
// CodeInvalid *land.Error with the file name as Field.
func readText(name string, r io.Reader) (string, error) {
	b, err := readAll(name, r)
	if err != nil {
		return "", err
	}
	return decodeFile(name, b)
}

// readAll reads all of r; its error is a CodeInvalid *land.Error with the
// file name as Field.
func readAll(name string, r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, &land.Error{Code: land.CodeInvalid, Field: name, Message: "cannot read the file", Err: err}
	}
	return b, nil
}

// decodeFile is DecodeText with the file name as the error's Field.
func decodeFile(name string, b []byte) (string, error) {
	s, err := DecodeText(b)
	if err != nil {
		return "", &land.Error{Code: land.CodeInvalid, Field: name, Message: "cannot decode the file", Err: err}
	}
	return s, nil
}

// lineCounter turns byte offsets of a text into 1-based line numbers. The
// offsets it is asked about must not decrease, so a whole file costs one
// pass.
type lineCounter struct {
	text string
	pos  int // offset counted up to
	line int // line number at pos
}

func newLineCounter(text string) *lineCounter { return &lineCounter{text: text, line: 1} }

// lineAt returns the line of the byte at offset.
func (c *lineCounter) lineAt(offset int) int {
	if offset > len(c.text) {
		offset = len(c.text)
	}
	if offset < c.pos {
		// Should not happen; count again from the start rather than lie.
		c.pos, c.line = 0, 1
	}
	c.line += strings.Count(c.text[c.pos:offset], "\n")
	c.pos = offset
	return c.line
}

// skipSpace returns the offset of the first byte at or after i that is not
// JSON white space or one of the extra bytes given.
func skipSpace(text string, i int, extra string) int {
	for i < len(text) {
		switch c := text[i]; {
		case c == ' ', c == '\t', c == '\r', c == '\n':
		case strings.IndexByte(extra, c) >= 0:
		default:
			return i
		}
		i++
	}
	return i
}
