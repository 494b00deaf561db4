package sql

import (
	"slices"
	"strings"
	"testing"

	"landwatch/cql2"
)

// No text of a filter reaches the SQL: names are looked up among the
// registered queryables, and every value is a bind parameter.
func TestAFilterCompilesToRegisteredColumnsAndParameters(t *testing.T) {
	for _, tc := range []struct{ name, filter, value string }{
		{"a string value", `project_name = 'x''); DROP TABLE supply; --'`, "x'); DROP TABLE supply; --"},
		{"a LIKE pattern", `holder LIKE '%'' OR 1=1 --%'`, "%' OR 1=1 --%"},
		{"an IN list", `e_number IN ('a', 'b''; DELETE FROM parcel')`, "b'; DELETE FROM parcel"},
		{"a geometry", `S_INTERSECTS(geometry, POINT(115.7 39.2))`, `{"type":"Point","coordinates":[115.7,39.2]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := cql2.ParseText(tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			b := &queryBuilder{c: supplyFeatures, filterCRS: CRS{SRID: 4490}}
			sql, err := b.expr(e)
			if err != nil {
				t.Fatal(err)
			}
			if strings.ContainsAny(sql, "';") || strings.Contains(sql, "DROP") || strings.Contains(sql, "DELETE") || strings.Contains(sql, "115.7") {
				t.Errorf("the filter's text is in the SQL: %s", sql)
			}
			if !slices.Contains(b.args, any(tc.value)) {
				t.Errorf("%q is not a parameter: %v", tc.value, b.args)
			}
		})
	}
	for _, filter := range []string{`"s.id; DROP TABLE supply" = 1`, `"1=1 OR s.region_code" = 'x'`, `geometry = 1`} {
		e, err := cql2.ParseText(filter)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := (&queryBuilder{c: supplyFeatures}).expr(e); err == nil {
			t.Errorf("%s: an unregistered name is compiled", filter)
		}
	}
}
