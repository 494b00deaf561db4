package importer_test

import (
	"bytes"
	"testing"

	"landwatch/importer"
	"landwatch/seed"
)

// BenchmarkParseGeoJSONCity reads a generated city of 20,000 parcels as
// GeoJSON, as a bulk import does before it writes anything.
func BenchmarkParseGeoJSONCity(b *testing.B) {
	o := seed.Default()
	o.Parcels = 20000
	demo, err := seed.City(o)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := seed.WriteGeoJSON(&buf, demo); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := importer.Parse("city.geojson", bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}
