package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/paulmach/orb/geojson"

	"landwatch/land"
	"landwatch/spatial"
)

// supplyFeatures is a supply as a GeoJSON FeatureCollection: one feature per
// parcel, carrying the supply's fields and the parcel's own.
func supplyFeatures(sup *land.Supply) *geojson.FeatureCollection {
	return parcelFeatures(supplyProperties(sup), sup.Parcels)
}

// parcelFeatures is a record's parcels as features, each carrying the
// record's properties (props) and its own.
func parcelFeatures(props map[string]any, parcels []land.Parcel) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, p := range parcels {
		f := geojson.NewFeature(p.Geometry)
		f.ID = p.ID
		for k, v := range props {
			f.Properties[k] = v
		}
		f.Properties["parcel_id"] = p.ID
		f.Properties["parcel_number"] = p.Number
		f.Properties["parcel_name"] = p.Name
		f.Properties["plane_area_m2"] = p.PlaneAreaM2
		f.Properties["gk_epsg"] = p.GKEPSG
		fc.Append(f)
	}
	return fc
}

// supplyProperties is the supply's JSON object without parcels and events.
func supplyProperties(sup *land.Supply) map[string]any {
	c := *sup
	c.Parcels, c.Events = nil, nil
	return propertiesOf(c)
}

// propertiesOf is a record's JSON object as a map.
func propertiesOf(record any) map[string]any {
	b, _ := json.Marshal(record)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}

// parcelInput is one parcel in a JSON body.
type parcelInput struct {
	Number         string          `json:"number"`
	Name           string          `json:"name"`
	LandUse        string          `json:"land_use"`
	DeclaredAreaHa float64         `json:"declared_area_ha"`
	Geometry       json.RawMessage `json:"geometry"`
}

// decodeParcels reads parcels given as a GeoJSON FeatureCollection, a single
// Feature or geometry, or an array of {number, name, geometry}.
func decodeParcels(raw json.RawMessage) ([]land.Parcel, error) {
	var head struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if len(raw) > 0 && raw[0] == '[' {
		var ins []parcelInput
		if err := json.Unmarshal(raw, &ins); err != nil {
			return nil, jsonErrorIn(err, "parcels")
		}
		out := make([]land.Parcel, len(ins))
		for i, in := range ins {
			g, err := spatial.ParseGeoJSONGeometry(in.Geometry)
			if err != nil {
				return nil, land.PrefixField(err, fmt.Sprintf("parcels[%d]", i))
			}
			out[i] = land.Parcel{Number: in.Number, Name: in.Name, LandUse: in.LandUse, DeclaredAreaHa: in.DeclaredAreaHa, Geometry: g}
		}
		return out, nil
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, jsonErrorIn(err, "parcels")
	}
	switch head.Type {
	case "FeatureCollection":
		out := make([]land.Parcel, 0, len(head.Features))
		for i, f := range head.Features {
			p, err := decodeFeature(f)
			if err != nil {
				return nil, land.PrefixField(err, fmt.Sprintf("parcels.features[%d]", i))
			}
			out = append(out, p)
		}
		return out, nil
	case "Feature":
		p, err := decodeFeature(raw)
		if err != nil {
			return nil, land.PrefixField(err, "parcels")
		}
		return []land.Parcel{p}, nil
	default:
		g, err := spatial.ParseGeoJSONGeometry(raw)
		if err != nil {
			return nil, land.PrefixField(err, "parcels")
		}
		return []land.Parcel{{Geometry: g}}, nil
	}
}

func decodeFeature(raw json.RawMessage) (land.Parcel, error) {
	var f struct {
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return land.Parcel{}, jsonErrorIn(err, "")
	}
	g, err := spatial.ParseGeoJSONGeometry(f.Geometry)
	if err != nil {
		return land.Parcel{}, err
	}
	p := land.Parcel{Geometry: g}
	p.Number, _ = f.Properties["number"].(string)
	p.Name, _ = f.Properties["name"].(string)
	p.LandUse, _ = f.Properties["land_use"].(string)
	p.DeclaredAreaHa, _ = f.Properties["declared_area_ha"].(float64)
	return p, nil
}

func wantsGeoJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/geo+json") || r.URL.Query().Get("f") == "geojson"
}
