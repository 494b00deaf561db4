package seed

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/spatial"
)

// ReadParcels reads the parcels of a real cadastre: a GeoJSON file (every
// Polygon or MultiPolygon feature, whatever its properties) or the
// ministry's coordinate file (every parcel it accepts). Features without a
// polygon are skipped: a cadastre has such placeholders.
func ReadParcels(name string, r io.Reader) ([]orb.MultiPolygon, error) {
	return readParcels(name, r)
}

// ReadValidParcels is ReadParcels keeping only the parcels an import would
// accept (spatial.Validate: no self-intersecting ring …), and saying how
// many it left out.
func ReadValidParcels(name string, r io.Reader) (valid []orb.MultiPolygon, invalid int, err error) {
	all, err := readParcels(name, r)
	if err != nil {
		return nil, 0, err
	}
	for _, p := range all {
		if spatial.Validate(p) != nil {
			invalid++
			continue
		}
		valid = append(valid, p)
	}
	return valid, invalid, nil
}

func readParcels(name string, r io.Reader) ([]orb.MultiPolygon, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(strings.ToLower(name), ".geojson") || strings.HasSuffix(strings.ToLower(name), ".json") {
		fc, err := geojson.UnmarshalFeatureCollection(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		var out []orb.MultiPolygon
		for _, f := range fc.Features {
			switch g := f.Geometry.(type) {
			case orb.Polygon:
				out = append(out, orb.MultiPolygon{g})
			case orb.MultiPolygon:
				out = append(out, g)
			}
		}
		return out, nil
	}
	b := importer.ParseCoordinateFile(name, bytes.NewReader(data))
	out := make([]orb.MultiPolygon, 0, len(b.Parcels))
	for _, p := range b.Parcels {
		out = append(out, p.Parcel.Geometry)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no parcel read (%d rejected)", name, len(b.Rejected))
	}
	return out, nil
}

// Dress is what a generated supply around a real parcel carries: the
// attributes a map draws and filters by, drawn from a seed so that a
// benchmark on a real cadastre is the same every run.
type Dress struct {
	Stage        land.Stage
	Method       string // supply method code
	LandUse      string // GB/T 21010-2017 code
	ContractYear int
	// OverdueStart: the agreed start is past and no start is recorded
	// (flag overdue_start); Late: entered after its deadline (late_entry).
	OverdueStart, Late bool
}

// Dresses returns the generated attributes of n supplies, one per parcel of
// a real cadastre, under seed.
func Dresses(n int, seed int64) []Dress {
	stages := []land.Stage{land.StageSupplied, land.StageDelivered, land.StageConstruction, land.StageCompleted,
		land.StageAccepted, land.StageIdle, land.StageReclaimed}
	methods := []string{"21", "22", "23", "24"}
	uses := []string{"0701", "0601", "0508", "0702", "0809", "1001"}
	r := newRand(seed, streamAttributes, 0x6361646173747265) // "cadastre"
	out := make([]Dress, n)
	for i := range out {
		d := &out[i]
		d.Stage = stages[r.IntN(len(stages))]
		d.Method = methods[r.IntN(len(methods))]
		d.LandUse = uses[r.IntN(len(uses))]
		d.ContractYear = between(r, 2010, 2025)
		stalled := d.Stage == land.StageSupplied || d.Stage == land.StageDelivered || d.Stage == land.StageIdle
		d.OverdueStart = stalled && r.IntN(3) == 0
		d.Late = r.IntN(20) == 0
	}
	return out
}

// OnCadastre generates supplies over the parcels of a real cadastre, for
// an import to read: City's supplies for as many parcels (attributes,
// events, installments), each given the cadastre's next parcels in place of
// its generated ones, with their plane areas and declared areas and the
// supply's area their sum. The last supplies, left short of parcels, are
// dropped. What City draws elsewhere on its own fabric (reserves,
// announcements and deals, transactions, the plan) or plants in it
// (overlaps, slivers, idle stories) is left out, and the supplies name no
// lot or reserve.
func OnCadastre(o Options, parcels []orb.MultiPolygon) (*Demo, error) {
	o.Parcels = len(parcels)
	city, err := City(o)
	if err != nil {
		return nil, err
	}
	d := &Demo{Options: o}
	next := 0
	for _, s := range city.Supplies {
		if next+len(s.Parcels) > len(parcels) {
			break
		}
		total := 0.0
		for i := range s.Parcels {
			p := &s.Parcels[i]
			p.Geometry = parcels[next]
			next++
			area, epsg := spatial.PlaneArea(p.Geometry)
			p.PlaneAreaM2, p.GKEPSG, p.DeclaredAreaHa = area, epsg, round(area/1e4, 6)
			total += area
		}
		s.AreaHa = round(total/1e4, 6)
		s.Lot, s.ReserveNumber = nil, ""
		d.Supplies = append(d.Supplies, s)
	}
	return d, nil
}
