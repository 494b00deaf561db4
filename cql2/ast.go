// Package cql2 reads the filters of OGC API – Features Part 3: CQL2 text and
// CQL2 JSON (OGC 21-065), into one syntax tree that the store compiles into
// a query with bind parameters. There is no maintained Go library of CQL2,
// so this is landwatch's own, of the subset the register's queryables need:
// comparisons, LIKE, IN, BETWEEN, IS NULL, AND/OR/NOT, S_INTERSECTS and
// S_WITHIN with WKT or GeoJSON geometries, and T_AFTER, T_BEFORE and
// T_DURING on dates. It does no I/O and knows nothing of SQL.
package cql2

import (
	"fmt"
	"time"

	"github.com/paulmach/orb"
)

// Expr is a boolean expression of a filter.
type Expr interface {
	// At is where the expression begins: a byte offset of CQL2 text, or a
	// JSON path of CQL2 JSON.
	At() string
}

// Operand is one side of a predicate: a property or a literal.
type Operand interface{ At() string }

// Property names a queryable.
type Property struct {
	Name string
	Pos  string
}

// Literal is a string, a number (float64), a boolean, or a date (a
// time.Time at midnight UTC marked Date) or timestamp.
type Literal struct {
	Value any
	Date  bool // a DATE('…') (or a TIMESTAMP, Date false, Value a time.Time)
	Pos   string
}

// Geometry is a geometry literal (WKT, GeoJSON or BBOX), in the filter's
// CRS as written: the caller knows the axis order of that CRS.
type Geometry struct {
	Geom orb.Geometry
	Pos  string
}

// Interval is a temporal interval; a zero bound is open ("..").
type Interval struct {
	From, To time.Time
	Pos      string
}

// Logical is AND or OR over two or more expressions.
type Logical struct {
	Op   string // "and", "or"
	Args []Expr
	Pos  string
}

// Not negates an expression.
type Not struct {
	Arg Expr
	Pos string
}

// Compare is a binary comparison: =, <>, <, <=, >, >=, or like.
type Compare struct {
	Op          string
	Left, Right Operand
	Pos         string
}

// In is `Left IN (List…)`.
type In struct {
	Left Operand
	List []Operand
	Pos  string
}

// Between is `Value BETWEEN Low AND High`.
type Between struct {
	Value, Low, High Operand
	Pos              string
}

// IsNull is `Value IS NULL`.
type IsNull struct {
	Value Operand
	Pos   string
}

// Spatial is a spatial predicate: s_intersects or s_within, with a property
// and a geometry literal.
type Spatial struct {
	Op          string
	Left, Right Operand // a Property and a Geometry, in either order
	Pos         string
}

// Temporal is a temporal predicate: t_after, t_before or t_during (Right
// an Interval), or t_equals, of a property and a date.
type Temporal struct {
	Op          string
	Left, Right Operand
	Pos         string
}

func (e Property) At() string { return e.Pos }
func (e Literal) At() string  { return e.Pos }
func (e Geometry) At() string { return e.Pos }
func (e Interval) At() string { return e.Pos }
func (e Logical) At() string  { return e.Pos }
func (e Not) At() string      { return e.Pos }
func (e Compare) At() string  { return e.Pos }
func (e In) At() string       { return e.Pos }
func (e Between) At() string  { return e.Pos }
func (e IsNull) At() string   { return e.Pos }
func (e Spatial) At() string  { return e.Pos }
func (e Temporal) At() string { return e.Pos }

// Error is a filter that cannot be read, with where.
type Error struct {
	Pos     string
	Message string
}

func (e *Error) Error() string { return "at " + e.Pos + ": " + e.Message }

func errorAt(pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Message: fmt.Sprintf(format, args...)}
}

// comparisons are the binary comparison operators, in both encodings.
var comparisons = map[string]bool{"=": true, "<>": true, "<": true, "<=": true, ">": true, ">=": true, "like": true}

// spatialOps and temporalOps are the functions of the subset.
var (
	spatialOps  = map[string]bool{"s_intersects": true, "s_within": true}
	temporalOps = map[string]bool{"t_after": true, "t_before": true, "t_during": true, "t_equals": true}
)

// parseDate reads a DATE literal's text.
func parseDate(s, pos string) (Literal, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Literal{}, errorAt(pos, "%q is not a date (YYYY-MM-DD)", s)
	}
	return Literal{Value: t, Date: true, Pos: pos}, nil
}

// parseTimestamp reads a TIMESTAMP literal's text (RFC 3339).
func parseTimestamp(s, pos string) (Literal, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return Literal{}, errorAt(pos, "%q is not a timestamp (RFC 3339)", s)
	}
	return Literal{Value: t, Pos: pos}, nil
}

// parseBound reads one bound of an interval: a date, a timestamp, or ".."
// (open).
func parseBound(s, pos string) (time.Time, error) {
	if s == ".." || s == "" {
		return time.Time{}, nil
	}
	if l, err := parseDate(s, pos); err == nil {
		return l.Value.(time.Time), nil
	}
	l, err := parseTimestamp(s, pos)
	if err != nil {
		return time.Time{}, err
	}
	return l.Value.(time.Time), nil
}
