package cql2

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// ParseJSON reads a filter in CQL2 JSON. Errors are *Error with the JSON
// path of the part that could not be read ("args[1].args[0]").
func ParseJSON(b []byte) (Expr, error) {
	var v any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return nil, errorAt("$", "not JSON: %v", err)
	}
	return jsonExpr(v, "$")
}

func jsonExpr(v any, at string) (Expr, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errorAt(at, "expected an object with \"op\" and \"args\"")
	}
	op, _ := m["op"].(string)
	op = strings.ToLower(op)
	args, ok := m["args"].([]any)
	if op == "" || !ok {
		return nil, errorAt(at, "expected an object with \"op\" and \"args\"")
	}
	argAt := func(i int) string { return at + ".args[" + strconv.Itoa(i) + "]" }
	count := func(n int) error {
		if len(args) != n {
			return errorAt(at, "%s takes %d arguments, found %d", op, n, len(args))
		}
		return nil
	}
	operands := func() ([]Operand, error) {
		out := make([]Operand, len(args))
		for i, a := range args {
			o, err := jsonOperand(a, argAt(i))
			if err != nil {
				return nil, err
			}
			out[i] = o
		}
		return out, nil
	}
	switch {
	case op == "and" || op == "or":
		if len(args) < 2 {
			return nil, errorAt(at, "%s takes two or more arguments", op)
		}
		out := Logical{Op: op, Pos: at}
		for i, a := range args {
			e, err := jsonExpr(a, argAt(i))
			if err != nil {
				return nil, err
			}
			out.Args = append(out.Args, e)
		}
		return out, nil
	case op == "not":
		if err := count(1); err != nil {
			return nil, err
		}
		e, err := jsonExpr(args[0], argAt(0))
		return Not{Arg: e, Pos: at}, err
	case op == "in":
		if err := count(2); err != nil {
			return nil, err
		}
		left, err := jsonOperand(args[0], argAt(0))
		if err != nil {
			return nil, err
		}
		list, ok := args[1].([]any)
		if !ok {
			return nil, errorAt(argAt(1), "expected an array of values")
		}
		out := In{Left: left, Pos: at}
		for i, x := range list {
			o, err := jsonOperand(x, argAt(1)+"["+strconv.Itoa(i)+"]")
			if err != nil {
				return nil, err
			}
			out.List = append(out.List, o)
		}
		return out, nil
	}
	os, err := operands()
	if err != nil {
		return nil, err
	}
	switch {
	case comparisons[op]:
		if err := count(2); err != nil {
			return nil, err
		}
		return Compare{Op: op, Left: os[0], Right: os[1], Pos: at}, nil
	case op == "between":
		if err := count(3); err != nil {
			return nil, err
		}
		return Between{Value: os[0], Low: os[1], High: os[2], Pos: at}, nil
	case op == "isnull":
		if err := count(1); err != nil {
			return nil, err
		}
		return IsNull{Value: os[0], Pos: at}, nil
	case spatialOps[op]:
		if err := count(2); err != nil {
			return nil, err
		}
		return Spatial{Op: op, Left: os[0], Right: os[1], Pos: at}, nil
	case temporalOps[op]:
		if err := count(2); err != nil {
			return nil, err
		}
		return Temporal{Op: op, Left: os[0], Right: os[1], Pos: at}, nil
	}
	return nil, errorAt(at, "unknown operator %q", op)
}

func jsonOperand(v any, at string) (Operand, error) {
	switch x := v.(type) {
	case string:
		return Literal{Value: x, Pos: at}, nil
	case bool:
		return Literal{Value: x, Pos: at}, nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return nil, errorAt(at, "%s is not a number", x)
		}
		return Literal{Value: f, Pos: at}, nil
	case map[string]any:
		return jsonObjectOperand(x, at)
	}
	return nil, errorAt(at, "expected a property, a value or a geometry")
}

func jsonObjectOperand(m map[string]any, at string) (Operand, error) {
	if name, ok := m["property"].(string); ok {
		return Property{Name: name, Pos: at}, nil
	}
	if s, ok := m["date"].(string); ok {
		return parseDate(s, at)
	}
	if s, ok := m["timestamp"].(string); ok {
		return parseTimestamp(s, at)
	}
	if iv, ok := m["interval"].([]any); ok {
		if len(iv) != 2 {
			return nil, errorAt(at, "an interval has two bounds")
		}
		var bounds [2]string
		for i, b := range iv {
			switch x := b.(type) {
			case string:
				bounds[i] = x
			case map[string]any:
				d, _ := x["date"].(string)
				t, _ := x["timestamp"].(string)
				bounds[i] = d + t
			}
		}
		from, err := parseBound(bounds[0], at)
		if err != nil {
			return nil, err
		}
		to, err := parseBound(bounds[1], at)
		return Interval{From: from, To: to, Pos: at}, err
	}
	if bb, ok := m["bbox"].([]any); ok {
		args := make([]Operand, len(bb))
		for i, x := range bb {
			o, err := jsonOperand(x, at+".bbox["+strconv.Itoa(i)+"]")
			if err != nil {
				return nil, err
			}
			args[i] = o
		}
		return bboxOf(args, at)
	}
	if _, ok := m["type"].(string); ok {
		b, _ := json.Marshal(m)
		g, err := geojson.UnmarshalGeometry(b)
		if err != nil || g.Coordinates == nil {
			return nil, errorAt(at, "not a GeoJSON geometry")
		}
		return Geometry{Geom: orb.Clone(g.Coordinates), Pos: at}, nil
	}
	return nil, errorAt(at, "expected {\"property\"}, {\"date\"}, {\"timestamp\"}, {\"interval\"}, {\"bbox\"} or a GeoJSON geometry")
}
