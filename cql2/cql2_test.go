package cql2

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

func TestTheTextAndTheJSONOfAFilterReadAsOneTree(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, text, json string
		want             string // the tree's shape, positions left out
	}{
		{"a comparison", `area_ha >= 2.5`, `{"op":">=","args":[{"property":"area_ha"},2.5]}`, "(>= area_ha 2.5)"},
		{"AND binds tighter than OR", `a = 1 OR b = 2 AND c = 3`, `{"op":"or","args":[{"op":"=","args":[{"property":"a"},1]},{"op":"and","args":[{"op":"=","args":[{"property":"b"},2]},{"op":"=","args":[{"property":"c"},3]}]}]}`, "(or (= a 1) (and (= b 2) (= c 3)))"},
		{"parentheses", `(a = 1 OR b = 2) AND NOT c = 3`, `{"op":"and","args":[{"op":"or","args":[{"op":"=","args":[{"property":"a"},1]},{"op":"=","args":[{"property":"b"},2]}]},{"op":"not","args":[{"op":"=","args":[{"property":"c"},3]}]}]}`, "(and (or (= a 1) (= b 2)) (not (= c 3)))"},
		{"LIKE with a quote", `name like 'O''Brien%'`, `{"op":"like","args":[{"property":"name"},"O'Brien%"]}`, "(like name O'Brien%)"},
		{"IN", `code IN ('07', '08')`, `{"op":"in","args":[{"property":"code"},["07","08"]]}`, "(in code 07 08)"},
		{"BETWEEN", `area_ha BETWEEN 1 AND 2`, `{"op":"between","args":[{"property":"area_ha"},1,2]}`, "(between area_ha 1 2)"},
		{"IS NULL", `x IS NULL`, `{"op":"isNull","args":[{"property":"x"}]}`, "(isnull x)"},
		{"a quoted property and a boolean", `"late" = TRUE`, `{"op":"=","args":[{"property":"late"},true]}`, "(= late true)"},
		{"a date", `d > DATE('2026-03-01')`, `{"op":">","args":[{"property":"d"},{"date":"2026-03-01"}]}`, "(> d " + day.String() + ")"},
		{"T_DURING", `T_DURING(d, INTERVAL('2026-03-01', '..'))`, `{"op":"t_during","args":[{"property":"d"},{"interval":["2026-03-01",".."]}]}`, "(t_during d [" + day.String() + " " + time.Time{}.String() + "])"},
		{"S_INTERSECTS a WKT polygon", `S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 0)))`, `{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}]}`, "(s_intersects geometry Polygon[[[0 0] [1 0] [1 1] [0 0]]])"},
		{"S_WITHIN a BBOX", `s_within(geometry, BBOX(0, 0, 1, 1))`, `{"op":"s_within","args":[{"property":"geometry"},{"bbox":[0,0,1,1]}]}`, "(s_within geometry Polygon[[[0 0] [1 0] [1 1] [0 1] [0 0]]])"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fromText, err := ParseText(tc.text)
			if err != nil {
				t.Fatalf("text: %v", err)
			}
			fromJSON, err := ParseJSON([]byte(tc.json))
			if err != nil {
				t.Fatalf("json: %v", err)
			}
			if got := shape(fromText); got != tc.want {
				t.Errorf("text reads as %s, want %s", got, tc.want)
			}
			if got := shape(fromJSON); got != tc.want {
				t.Errorf("json reads as %s, want %s", got, tc.want)
			}
		})
	}
}

// shape writes a tree without its positions.
func shape(e any) string {
	switch x := e.(type) {
	case Logical:
		return "(" + x.Op + list(x.Args) + ")"
	case Not:
		return "(not " + shape(x.Arg) + ")"
	case Compare:
		return "(" + x.Op + " " + shape(x.Left) + " " + shape(x.Right) + ")"
	case In:
		return "(in " + shape(x.Left) + list(x.List) + ")"
	case Between:
		return "(between " + shape(x.Value) + " " + shape(x.Low) + " " + shape(x.High) + ")"
	case IsNull:
		return "(isnull " + shape(x.Value) + ")"
	case Spatial:
		return "(" + x.Op + " " + shape(x.Left) + " " + shape(x.Right) + ")"
	case Temporal:
		return "(" + x.Op + " " + shape(x.Left) + " " + shape(x.Right) + ")"
	case Property:
		return x.Name
	case Literal:
		return fmtValue(x.Value)
	case Interval:
		return "[" + x.From.String() + " " + x.To.String() + "]"
	case Geometry:
		return x.Geom.GeoJSONType() + fmtValue(orbCoords(x.Geom))
	}
	return "?" + reflect.TypeOf(e).String()
}

func list[T any](xs []T) string {
	s := ""
	for _, x := range xs {
		s += " " + shape(x)
	}
	return s
}

func orbCoords(g orb.Geometry) any {
	if p, ok := g.(orb.Polygon); ok {
		var out [][][2]float64
		for _, r := range p {
			var ring [][2]float64
			for _, pt := range r {
				ring = append(ring, [2]float64(pt))
			}
			out = append(out, ring)
		}
		return out
	}
	return g
}

func fmtValue(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.String()
	case string:
		return x
	}
	return stringOf(v)
}

func stringOf(v any) string { return fmt.Sprint(v) }

func TestAFilterThatCannotBeReadSaysWhere(t *testing.T) {
	for _, tc := range []struct{ name, text, at string }{
		{"a keyword where a value belongs", `a = 1 AND AND`, "position 10"},
		{"a string not closed", `a = 'open`, "position 4"},
		{"a character of no token", `a = 1; DROP TABLE supply`, "position 5"},
		{"a predicate without an operator", `a 1`, "position 2"},
		{"a date that is not one", `d > DATE('2026-13-01')`, "position 4"},
		{"a broken WKT", `S_INTERSECTS(geometry, POLYGON((0 0, 1)))`, "position 23"},
		{"a BBOX upside down", `S_WITHIN(geometry, BBOX(1, 1, 0, 0))`, "position 19"},
		{"a wrong number of arguments", `S_WITHIN(geometry)`, "position 17"},
		{"more after the end", `a = 1 )`, "position 6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseText(tc.text)
			var e *Error
			if !errors.As(err, &e) || e.Pos != tc.at {
				t.Errorf("%q: %v, want an error at %s", tc.text, err, tc.at)
			}
		})
	}
	for _, tc := range []struct{ name, json, at string }{
		{"not JSON", `{"op":`, "$"},
		{"an unknown operator", `{"op":"and","args":[{"op":"=","args":[{"property":"a"},1]},{"op":"??","args":[]}]}`, "$.args[1]"},
		{"a comparison of three", `{"op":"=","args":[{"property":"a"},1,2]}`, "$"},
		{"a bad date", `{"op":"=","args":[{"property":"a"},{"date":"x"}]}`, "$.args[1]"},
		{"an object of nothing", `{"op":"=","args":[{"property":"a"},{"what":1}]}`, "$.args[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseJSON([]byte(tc.json))
			var e *Error
			if !errors.As(err, &e) || e.Pos != tc.at {
				t.Errorf("%s: %v, want an error at %s", tc.json, err, tc.at)
			}
		})
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{`a = 1 AND b LIKE 'x%'`, `S_INTERSECTS(geometry, POINT(1 2))`, `T_DURING(d, INTERVAL('2026-01-01','..'))`, `x IN (1, 2)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseText(s) // must not panic
	})
}
