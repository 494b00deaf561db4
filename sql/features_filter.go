package sql

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"landwatch/cql2"
	"landwatch/land"
)

// expr compiles a CQL2 expression into a predicate over the collection's
// registered columns: properties become their registered SQL, every literal
// a bind parameter. Errors are CodeInvalid on the field "filter", naming
// where in the filter.
func (b *queryBuilder) expr(e cql2.Expr) (string, error) {
	switch x := e.(type) {
	case cql2.Logical:
		parts := make([]string, len(x.Args))
		for i, a := range x.Args {
			s, err := b.expr(a)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return "(" + strings.Join(parts, " "+strings.ToUpper(x.Op)+" ") + ")", nil
	case cql2.Not:
		s, err := b.expr(x.Arg)
		return "(NOT " + s + ")", err
	case cql2.Compare:
		typ, err := b.typeOf(x.Pos, x.Left, x.Right)
		if err != nil {
			return "", err
		}
		if x.Op == "like" && typ != "string" {
			return "", filterError(x.Pos, "LIKE compares text, and this is a %s", typ)
		}
		l, r, err := b.both(typ, x.Left, x.Right)
		if err != nil {
			return "", err
		}
		op := map[string]string{"like": "LIKE"}[x.Op]
		if op == "" {
			op = x.Op
		}
		return "(" + l + " " + op + " " + r + ")", nil
	case cql2.In:
		typ, err := b.typeOf(x.Pos, append([]cql2.Operand{x.Left}, x.List...)...)
		if err != nil {
			return "", err
		}
		left, err := b.operand(typ, x.Left)
		if err != nil {
			return "", err
		}
		list := make([]string, len(x.List))
		for i, o := range x.List {
			if list[i], err = b.operand(typ, o); err != nil {
				return "", err
			}
		}
		return "(" + left + " IN (" + strings.Join(list, ", ") + "))", nil
	case cql2.Between:
		typ, err := b.typeOf(x.Pos, x.Value, x.Low, x.High)
		if err != nil {
			return "", err
		}
		v, low, err := b.both(typ, x.Value, x.Low)
		if err != nil {
			return "", err
		}
		high, err := b.operand(typ, x.High)
		return "(" + v + " BETWEEN " + low + " AND " + high + ")", err
	case cql2.IsNull:
		typ, err := b.typeOf(x.Pos, x.Value)
		if err != nil {
			return "", err
		}
		v, err := b.operand(typ, x.Value)
		return "(" + v + " IS NULL)", err
	case cql2.Spatial:
		return b.spatialExpr(x)
	case cql2.Temporal:
		return b.temporalExpr(x)
	}
	return "", filterError(e.At(), "not a predicate")
}

func filterError(at, format string, args ...any) error {
	return land.Invalid("filter", "at "+at+": "+format, args...)
}

// typeOf is the type of a predicate's operands: the type of the queryable
// among them (all must be of one type).
func (b *queryBuilder) typeOf(at string, os ...cql2.Operand) (string, error) {
	typ := ""
	for _, o := range os {
		p, ok := o.(cql2.Property)
		if !ok {
			continue
		}
		q, err := b.queryable(p)
		if err != nil {
			return "", err
		}
		if typ != "" && q.Type != typ && !numeric(typ, q.Type) {
			return "", filterError(p.Pos, "%s is a %s, compared with a %s", p.Name, q.Type, typ)
		}
		typ = q.Type
	}
	if typ == "" {
		return "", filterError(at, "a predicate must name a queryable")
	}
	return typ, nil
}

func numeric(a, b string) bool {
	return (a == "number" || a == "integer") && (b == "number" || b == "integer")
}

func (b *queryBuilder) queryable(p cql2.Property) (Queryable, error) {
	q, ok := b.c.Queryable(p.Name)
	if !ok || q.Type == GeometryName {
		names := make([]string, 0, len(b.c.Properties))
		for _, q := range b.c.Properties {
			names = append(names, q.Name)
		}
		return Queryable{}, filterError(p.Pos, "%q is not a queryable of %s (its queryables: %s)", p.Name, b.c.ID, strings.Join(names, ", "))
	}
	return q, nil
}

func (b *queryBuilder) both(typ string, l, r cql2.Operand) (string, string, error) {
	ls, err := b.operand(typ, l)
	if err != nil {
		return "", "", err
	}
	rs, err := b.operand(typ, r)
	return ls, rs, err
}

// operand is a property's column or a literal's parameter, cast to typ;
// a literal of another type is refused.
func (b *queryBuilder) operand(typ string, o cql2.Operand) (string, error) {
	switch x := o.(type) {
	case cql2.Property:
		q, err := b.queryable(x)
		return b.c.column(q), err
	case cql2.Literal:
		ok := false
		switch x.Value.(type) {
		case string:
			ok = typ == "string"
		case float64:
			ok = typ == "number" || typ == "integer"
		case bool:
			ok = typ == "boolean"
		case time.Time:
			ok = typ == "date"
		}
		if !ok {
			want := map[string]string{"date": "DATE('YYYY-MM-DD')", "string": "a 'string'", "boolean": "TRUE or FALSE"}[typ]
			if want == "" {
				want = "a number"
			}
			return "", filterError(x.Pos, "expected %s", want)
		}
		cast := map[string]string{"string": "::text", "number": "::float8", "integer": "::float8", "boolean": "::bool", "date": "::date"}[typ]
		if t, isTime := x.Value.(time.Time); isTime && !x.Date {
			return b.arg(t) + "::timestamptz", nil
		}
		return b.arg(x.Value) + cast, nil
	}
	return "", filterError(o.At(), "expected a property or a value")
}

// spatialExpr compiles S_INTERSECTS or S_WITHIN of the geometry queryable
// and a literal given in the filter's CRS.
func (b *queryBuilder) spatialExpr(x cql2.Spatial) (string, error) {
	p, isProp := x.Left.(cql2.Property)
	g, isGeom := x.Right.(cql2.Geometry)
	if !isProp || !isGeom {
		return "", filterError(x.Pos, "%s takes the property %q and a geometry", strings.ToUpper(x.Op), GeometryName)
	}
	if p.Name != GeometryName {
		return "", filterError(p.Pos, "the spatial queryable is %q", GeometryName)
	}
	if !b.c.HasGeometry() {
		return "", filterError(p.Pos, "the %s have no geometry", b.c.ID)
	}
	geom := g.Geom
	if b.filterCRS.Flip {
		geom = flipped(orb.Clone(geom))
	}
	gj, err := json.Marshal(geojson.NewGeometry(geom))
	if err != nil {
		return "", filterError(g.Pos, "not a geometry: %v", err)
	}
	sql := "ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(" + b.arg(string(gj)) + "::text), " + b.arg(b.filterCRS.SRID) + "::int), 4490)"
	return b.spatial(x.Op, sql), nil
}

// flipped swaps the axes of g in place (north, east to east, north).
func flipped(g orb.Geometry) orb.Geometry {
	flip := func(ps []orb.Point) {
		for i := range ps {
			ps[i] = orb.Point{ps[i][1], ps[i][0]}
		}
	}
	switch x := g.(type) {
	case orb.Point:
		return orb.Point{x[1], x[0]}
	case orb.MultiPoint:
		flip(x)
	case orb.LineString:
		flip(x)
	case orb.Ring:
		flip(x)
	case orb.Polygon:
		for _, r := range x {
			flip(r)
		}
	case orb.MultiLineString:
		for _, l := range x {
			flip(l)
		}
	case orb.MultiPolygon:
		for _, p := range x {
			for _, r := range p {
				flip(r)
			}
		}
	case orb.Collection:
		for i := range x {
			x[i] = flipped(x[i])
		}
	}
	return g
}

// temporalExpr compiles T_AFTER, T_BEFORE, T_EQUALS (a date queryable and a
// date) and T_DURING (a date queryable and an interval, bounds excluded).
func (b *queryBuilder) temporalExpr(x cql2.Temporal) (string, error) {
	p, isProp := x.Left.(cql2.Property)
	if !isProp {
		return "", filterError(x.Pos, "%s takes a date queryable first", strings.ToUpper(x.Op))
	}
	q, err := b.queryable(p)
	if err != nil {
		return "", err
	}
	if q.Type != "date" {
		return "", filterError(p.Pos, "%s is not a date", p.Name)
	}
	q.Column = b.c.column(q)
	if x.Op == "t_during" {
		iv, ok := x.Right.(cql2.Interval)
		if !ok {
			return "", filterError(x.Pos, "T_DURING takes an INTERVAL")
		}
		parts := []string{"TRUE"}
		if !iv.From.IsZero() {
			parts = append(parts, q.Column+" > "+b.arg(iv.From)+"::date")
		}
		if !iv.To.IsZero() {
			parts = append(parts, q.Column+" < "+b.arg(iv.To)+"::date")
		}
		return "(" + strings.Join(parts, " AND ") + ")", nil
	}
	v, err := b.operand("date", x.Right)
	if err != nil {
		return "", err
	}
	op := map[string]string{"t_after": " > ", "t_before": " < ", "t_equals": " = "}[x.Op]
	return "(" + q.Column + op + v + ")", nil
}
