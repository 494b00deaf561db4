package cql2

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
)

// ParseText reads a filter in CQL2 text. Errors are *Error with the byte
// offset of the token that could not be read.
func ParseText(s string) (Expr, error) {
	p := &textParser{src: s}
	p.advance()
	e, err := p.orExpr()
	if err != nil {
		return nil, err
	}
	if p.err != nil {
		return nil, p.err
	}
	if p.tok.kind != tokEnd {
		return nil, p.fail("unexpected %q after a complete expression", p.tok.text)
	}
	return e, nil
}

type tokKind int

const (
	tokEnd tokKind = iota
	tokIdent
	tokQuoted // a "double-quoted" property name
	tokString
	tokNumber
	tokOp    // = <> < <= > >=
	tokPunct // ( ) ,
)

type token struct {
	kind tokKind
	text string // identifiers as written; strings unescaped
	pos  int
}

type textParser struct {
	src string
	off int // where the lexer reads next
	tok token
	err error
}

func pos(n int) string { return "position " + strconv.Itoa(n) }

func (p *textParser) fail(format string, args ...any) error {
	if p.err != nil {
		return p.err
	}
	return errorAt(pos(p.tok.pos), format, args...)
}

// advance reads the next token into p.tok.
func (p *textParser) advance() {
	for p.off < len(p.src) && unicode.IsSpace(rune(p.src[p.off])) {
		p.off++
	}
	start := p.off
	if p.off >= len(p.src) {
		p.tok = token{kind: tokEnd, pos: start}
		return
	}
	c := p.src[p.off]
	switch {
	case c == '\'':
		var b strings.Builder
		i := p.off + 1
		for {
			if i >= len(p.src) {
				p.err = errorAt(pos(start), "a string is not closed with '")
				p.tok = token{kind: tokEnd, pos: start}
				return
			}
			if p.src[i] == '\'' {
				if i+1 < len(p.src) && p.src[i+1] == '\'' {
					b.WriteByte('\'')
					i += 2
					continue
				}
				break
			}
			b.WriteByte(p.src[i])
			i++
		}
		p.off = i + 1
		p.tok = token{kind: tokString, text: b.String(), pos: start}
	case c == '"':
		end := strings.IndexByte(p.src[p.off+1:], '"')
		if end < 0 {
			p.err = errorAt(pos(start), "a quoted property name is not closed with \"")
			p.tok = token{kind: tokEnd, pos: start}
			return
		}
		p.tok = token{kind: tokQuoted, text: p.src[p.off+1 : p.off+1+end], pos: start}
		p.off += end + 2
	case c == '(' || c == ')' || c == ',':
		p.off++
		p.tok = token{kind: tokPunct, text: string(c), pos: start}
	case c == '=' || c == '<' || c == '>':
		p.off++
		if p.off < len(p.src) && (p.src[p.off] == '=' || c == '<' && p.src[p.off] == '>') {
			p.off++
		}
		p.tok = token{kind: tokOp, text: p.src[start:p.off], pos: start}
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		i := p.off + 1
		for i < len(p.src) && (p.src[i] >= '0' && p.src[i] <= '9' || strings.IndexByte(".eE", p.src[i]) >= 0 ||
			(p.src[i] == '-' || p.src[i] == '+') && (p.src[i-1] == 'e' || p.src[i-1] == 'E')) {
			i++
		}
		p.off = i
		p.tok = token{kind: tokNumber, text: p.src[start:i], pos: start}
	case c == '_' || unicode.IsLetter(rune(c)) || c >= 0x80:
		i := p.off
		for i < len(p.src) {
			r := rune(p.src[i])
			if r == '_' || r == '.' || r == ':' || r >= 0x80 || unicode.IsLetter(r) || unicode.IsDigit(r) {
				i++
				continue
			}
			break
		}
		p.off = i
		p.tok = token{kind: tokIdent, text: p.src[start:i], pos: start}
	default:
		p.err = errorAt(pos(start), "unexpected character %q", c)
		p.tok = token{kind: tokEnd, pos: start}
	}
}

// keyword reports whether the token is the identifier kw (any case).
func (p *textParser) keyword(kw string) bool {
	return p.tok.kind == tokIdent && strings.EqualFold(p.tok.text, kw)
}

func (p *textParser) punct(s string) bool { return p.tok.kind == tokPunct && p.tok.text == s }

func (p *textParser) expect(s string) error {
	if !p.punct(s) {
		return p.fail("expected %q, found %q", s, p.tok.text)
	}
	p.advance()
	return nil
}

func (p *textParser) orExpr() (Expr, error) {
	return p.logical("or", p.andExpr)
}

func (p *textParser) andExpr() (Expr, error) {
	return p.logical("and", p.notExpr)
}

// logical reads operands of op separated by the keyword op.
func (p *textParser) logical(op string, operand func() (Expr, error)) (Expr, error) {
	at := p.tok.pos
	first, err := operand()
	if err != nil {
		return nil, err
	}
	args := []Expr{first}
	for p.keyword(op) {
		p.advance()
		e, err := operand()
		if err != nil {
			return nil, err
		}
		args = append(args, e)
	}
	if len(args) == 1 {
		return first, nil
	}
	return Logical{Op: op, Args: args, Pos: pos(at)}, nil
}

func (p *textParser) notExpr() (Expr, error) {
	if p.keyword("not") {
		at := p.tok.pos
		p.advance()
		e, err := p.notExpr()
		if err != nil {
			return nil, err
		}
		return Not{Arg: e, Pos: pos(at)}, nil
	}
	return p.primary()
}

func (p *textParser) primary() (Expr, error) {
	at := p.tok.pos
	if p.punct("(") {
		p.advance()
		e, err := p.orExpr()
		if err != nil {
			return nil, err
		}
		return e, p.expect(")")
	}
	if p.tok.kind == tokIdent {
		name := strings.ToLower(p.tok.text)
		if spatialOps[name] || temporalOps[name] {
			p.advance()
			args, err := p.arguments(2)
			if err != nil {
				return nil, err
			}
			if spatialOps[name] {
				return Spatial{Op: name, Left: args[0], Right: args[1], Pos: pos(at)}, nil
			}
			return Temporal{Op: name, Left: args[0], Right: args[1], Pos: pos(at)}, nil
		}
	}
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	return p.predicate(left, at)
}

// arguments reads a parenthesised list of n operands.
func (p *textParser) arguments(n int) ([]Operand, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var out []Operand
	for {
		o, err := p.operand()
		if err != nil {
			return nil, err
		}
		out = append(out, o)
		if !p.punct(",") {
			break
		}
		p.advance()
	}
	if n > 0 && len(out) != n {
		return nil, p.fail("expected %d arguments, found %d", n, len(out))
	}
	return out, p.expect(")")
}

// predicate reads what follows the left operand of a predicate.
func (p *textParser) predicate(left Operand, at int) (Expr, error) {
	if p.tok.kind == tokOp {
		op := p.tok.text
		p.advance()
		right, err := p.operand()
		if err != nil {
			return nil, err
		}
		return Compare{Op: op, Left: left, Right: right, Pos: pos(at)}, nil
	}
	if p.keyword("is") {
		p.advance()
		negate := p.keyword("not")
		if negate {
			p.advance()
		}
		if !p.keyword("null") {
			return nil, p.fail("expected NULL, found %q", p.tok.text)
		}
		p.advance()
		return negated(IsNull{Value: left, Pos: pos(at)}, negate), nil
	}
	negate := p.keyword("not")
	if negate {
		p.advance()
	}
	switch {
	case p.keyword("like"):
		p.advance()
		right, err := p.operand()
		if err != nil {
			return nil, err
		}
		return negated(Compare{Op: "like", Left: left, Right: right, Pos: pos(at)}, negate), nil
	case p.keyword("in"):
		p.advance()
		list, err := p.arguments(0)
		if err != nil {
			return nil, err
		}
		return negated(In{Left: left, List: list, Pos: pos(at)}, negate), nil
	case p.keyword("between"):
		p.advance()
		low, err := p.operand()
		if err != nil {
			return nil, err
		}
		if !p.keyword("and") {
			return nil, p.fail("expected AND of BETWEEN, found %q", p.tok.text)
		}
		p.advance()
		high, err := p.operand()
		if err != nil {
			return nil, err
		}
		return negated(Between{Value: left, Low: low, High: high, Pos: pos(at)}, negate), nil
	}
	return nil, p.fail("expected a comparison, LIKE, IN, BETWEEN or IS NULL, found %q", p.tok.text)
}

func negated(e Expr, negate bool) Expr {
	if negate {
		return Not{Arg: e, Pos: e.At()}
	}
	return e
}

// wktTypes are the geometry keywords of WKT.
var wktTypes = map[string]bool{"point": true, "linestring": true, "polygon": true, "multipoint": true,
	"multilinestring": true, "multipolygon": true, "geometrycollection": true}

func (p *textParser) operand() (Operand, error) {
	t := p.tok
	at := pos(t.pos)
	switch t.kind {
	case tokString:
		p.advance()
		return Literal{Value: t.text, Pos: at}, nil
	case tokNumber:
		f, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return nil, p.fail("%q is not a number", t.text)
		}
		p.advance()
		return Literal{Value: f, Pos: at}, nil
	case tokQuoted:
		p.advance()
		return Property{Name: t.text, Pos: at}, nil
	case tokIdent:
	default:
		return nil, p.fail("expected a property or a value, found %q", t.text)
	}
	kw := strings.ToLower(t.text)
	switch {
	case kw == "true" || kw == "false":
		p.advance()
		return Literal{Value: kw == "true", Pos: at}, nil
	case kw == "date" || kw == "timestamp":
		p.advance()
		s, err := p.stringArgs(1)
		if err != nil {
			return nil, err
		}
		if kw == "date" {
			return parseDate(s[0], at)
		}
		return parseTimestamp(s[0], at)
	case kw == "interval":
		p.advance()
		s, err := p.stringArgs(2)
		if err != nil {
			return nil, err
		}
		from, err := parseBound(s[0], at)
		if err != nil {
			return nil, err
		}
		to, err := parseBound(s[1], at)
		if err != nil {
			return nil, err
		}
		return Interval{From: from, To: to, Pos: at}, nil
	case kw == "bbox":
		p.advance()
		args, err := p.arguments(0)
		if err != nil {
			return nil, err
		}
		return bboxOf(args, at)
	case wktTypes[kw]:
		return p.wktGeometry(at)
	}
	if reserved[kw] {
		return nil, p.fail("%s is a keyword: a property of that name is written in double quotes", strings.ToUpper(kw))
	}
	p.advance()
	return Property{Name: t.text, Pos: at}, nil
}

// reserved are the keywords that cannot name a property unquoted.
var reserved = map[string]bool{"and": true, "or": true, "not": true, "like": true, "in": true, "between": true, "is": true, "null": true}

// stringArgs reads a parenthesised list of n strings (DATE('…')).
func (p *textParser) stringArgs(n int) ([]string, error) {
	args, err := p.arguments(n)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(args))
	for i, a := range args {
		l, ok := a.(Literal)
		s, isString := l.Value.(string)
		if !ok || !isString {
			return nil, errorAt(a.At(), "expected a string")
		}
		out[i] = s
	}
	return out, nil
}

// wktGeometry reads a WKT geometry literal from the keyword at the current
// token to its closing parenthesis.
func (p *textParser) wktGeometry(at string) (Operand, error) {
	start, depth := p.tok.pos, 0
	i := p.off
	for ; i < len(p.src); i++ {
		switch p.src[i] {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth == 0 && p.src[i] == ')' {
			break
		}
	}
	if i >= len(p.src) {
		return nil, errorAt(at, "a WKT geometry is not closed with )")
	}
	text := p.src[start : i+1]
	g, err := wkt.Unmarshal(text)
	if err != nil {
		return nil, errorAt(at, "not a WKT geometry: %v", err)
	}
	p.off = i + 1
	p.advance()
	return Geometry{Geom: g, Pos: at}, nil
}

// bboxOf is the polygon of a BBOX(minx, miny, maxx, maxy) literal.
func bboxOf(args []Operand, at string) (Operand, error) {
	var v []float64
	for _, a := range args {
		l, ok := a.(Literal)
		f, isNumber := l.Value.(float64)
		if !ok || !isNumber {
			return nil, errorAt(a.At(), "expected a number of BBOX")
		}
		v = append(v, f)
	}
	if len(v) != 4 || v[0] > v[2] || v[1] > v[3] {
		return nil, errorAt(at, "BBOX takes minx, miny, maxx, maxy with min <= max")
	}
	b := orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	return Geometry{Geom: b.ToPolygon(), Pos: at}, nil
}
