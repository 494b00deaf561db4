package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"maps"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// geoJSONFeature is the part of an RFC 7946 Feature read here.
type geoJSONFeature struct {
	Type       string                     `json:"type"`
	ID         json.RawMessage            `json:"id"`
	Properties map[string]json.RawMessage `json:"properties"`
	Geometry   json.RawMessage            `json:"geometry"`
}

// featureProps are the properties of a feature, sorted into the parcel's
// own and the supply's.
type featureProps struct {
	number, name, id string
	declared         string // declared_area_ha, else area_ha, as written
	// hasDeclared is a declared_area_ha property, even null: a parcel
	// without a declared area then, not one declared with its supply's.
	hasDeclared bool
	landUse     string // parcel_land_use: the parcel's own, else its supply's
	supply      fieldValues
	isSupply    bool // carries a supply field besides e_number, area and land use
	probs       []problem
}

// key returns the supply key of the feature: e_number, else number, else id.
func (fp featureProps) key() string {
	for _, k := range []string{fp.supply.get(fENumber), fp.number, fp.id} {
		if k != "" {
			return k
		}
	}
	return ""
}

// addFeature reads the i-th feature, which starts at line; keys remembers
// the property names read before.
func addFeature(b *land.Batch, keys *propertyKeys, name string, line, i int, raw json.RawMessage) {
	record := fmt.Sprintf("feature %d", i)
	// The properties go into the map of the feature read before, emptied:
	// a map made and grown for each feature was a tenth of reading it.
	clear(keys.props)
	f := geoJSONFeature{Properties: keys.props}
	if err := json.Unmarshal(raw, &f); err != nil || f.Type != "Feature" {
		reject(b, name, line, record, "feature", "expected a GeoJSON Feature object ({\"type\": \"Feature\", \"geometry\": …, \"properties\": …})")
		return
	}
	fp := readFeatureProps(f, keys)
	if k := fp.key(); k != "" {
		record = k
	}

	var (
		sr    land.SupplyRecord
		notes []note
	)
	probs := fp.probs
	if fp.isSupply {
		s, events, more, moreNotes := buildSupply(fp.supply)
		probs = append(probs, more...)
		notes = moreNotes
		sr = land.SupplyRecord{File: name, Line: line, Supply: s, Events: events, Absent: absentFields(fp.supply)}
	}

	geomMissing := len(bytes.TrimSpace(f.Geometry)) == 0 || string(bytes.TrimSpace(f.Geometry)) == "null"
	var pr land.ParcelRecord
	switch {
	case geomMissing && fp.isSupply:
		notes = append(notes, note{"geometry", "the feature has no geometry: the supply is kept without a parcel"})
	case geomMissing:
		probs = append(probs, problem{"geometry", "the feature has no geometry (null)"})
	default:
		var geomNotes []note
		var err error
		pr, geomNotes, err = featureParcel(f.Geometry, fp)
		if err != nil {
			field := land.ErrorField(err)
			if field == "" {
				field = "geometry"
			}
			probs = append(probs, problem{field, reasonOf(err)})
		}
		notes = append(notes, geomNotes...)
		pr.File, pr.Line = name, line
	}

	if len(probs) > 0 {
		rejectAll(b, name, line, record, probs)
		return
	}
	warnAll(b, name, line, record, notes)
	if fp.isSupply {
		sr.WithParcel = !geomMissing
		b.Supplies = append(b.Supplies, sr)
		pr.SupplyKey = sr.Supply.ENumber
		if pr.Parcel.LandUse == "" {
			pr.Parcel.LandUse = sr.Supply.LandUseCode
		}
	}
	if !geomMissing {
		b.Parcels = append(b.Parcels, pr)
	}
}

// propertyKeys remembers what each property name read is (the features of
// a file share their names): normalizing a name and looking it up among the
// labels was a sixth of reading a feature. Each goroutine reading features
// has its own.
type propertyKeys struct {
	of map[string]propertyKey
	// props is the map a feature's properties are read into, and
	// emptied for the next.
	props map[string]json.RawMessage
	// sets are the sets of property names met, sorted, by an order-free
	// hash of their names.
	sets map[uint64][]string
	seed maphash.Seed
}

func newPropertyKeys() *propertyKeys {
	return &propertyKeys{of: map[string]propertyKey{}, props: map[string]json.RawMessage{}, sets: map[uint64][]string{},
		seed: maphash.MakeSeed()}
}

// maxPropertySets bounds the sets of property names remembered.
const maxPropertySets = 64

// sorted returns the names of props in order. The features of a file have
// a few sets of names (a supply's fields or a bare parcel's, some left
// out), whose order is then known: sorting them again was an eighth of
// reading a feature.
func (keys *propertyKeys) sorted(props map[string]json.RawMessage) []string {
	var h uint64
	for k := range props {
		h ^= maphash.String(keys.seed, k) // in any order
	}
	if set, ok := keys.sets[h]; ok && len(set) == len(props) && holdsAll(props, set) {
		return set
	}
	set := slices.Sorted(maps.Keys(props))
	if len(keys.sets) < maxPropertySets {
		keys.sets[h] = set
	}
	return set
}

// holdsAll reports whether every name of set is among props.
func holdsAll(props map[string]json.RawMessage, set []string) bool {
	for _, k := range set {
		if _, ok := props[k]; !ok {
			return false
		}
	}
	return true
}

// propertyKey is what a property name is: a parcel's own property, a
// supply field, or neither; heading is the name as a problem names it.
type propertyKey struct {
	parcel  parcelProp
	field   string
	heading string
}

// parcelProp is the parcel's own property a name stands for.
type parcelProp int

const (
	notParcelProp parcelProp = iota
	parcelNumber
	parcelName
	parcelID
	parcelDeclared
	parcelLandUse
)

// key returns what a property name is, read once per name.
func (keys *propertyKeys) key(name string) propertyKey {
	if k, ok := keys.of[name]; ok {
		return k
	}
	h := normalizeHeading(name)
	k := propertyKey{field: supplyFieldOf(name), heading: h}
	switch h {
	case "number", "parcel_number", "地块编号":
		k.parcel = parcelNumber
	case "name", "parcel_name", "地块名称":
		k.parcel = parcelName
	case "id":
		k.parcel = parcelID
	case "declared_area_ha":
		k.parcel = parcelDeclared
	case "parcel_land_use":
		k.parcel = parcelLandUse
	}
	keys.of[name] = k
	return k
}

// readFeatureProps sorts a feature's properties.
func readFeatureProps(f geoJSONFeature, keys *propertyKeys) featureProps {
	fp := featureProps{supply: fieldValues{}}
	if id, err := jsonScalarText(f.ID); err == nil {
		fp.id = id
	}
	for _, k := range keys.sorted(f.Properties) {
		raw := f.Properties[k]
		key := keys.key(k)
		fp.hasDeclared = fp.hasDeclared || key.parcel == parcelDeclared
		parcelField := fp.parcelField(key.parcel)
		field := key.field
		if parcelField == nil && (field == "" || field == fieldIgnored) {
			continue // another attribute of the source layer
		}
		var (
			text string
			err  error
		)
		if field == fInstallments {
			text, _, err = paidPlanText(raw)
		} else {
			text, err = jsonScalarText(raw)
		}
		if err != nil {
			if parcelField != nil {
				field = key.heading
			}
			fp.probs = append(fp.probs, problem{field, err.Error()})
			continue
		}
		if parcelField != nil {
			*parcelField = text
			continue
		}
		fp.supply[field] = text
		switch field {
		case fENumber, fArea, fLandUse, fLandUseCode:
		default:
			if text != "" {
				fp.isSupply = true
			}
		}
	}
	if fp.declared == "" && !fp.hasDeclared {
		fp.declared = fp.supply.get(fArea)
	}
	return fp
}

// parcelField returns where a parcel property goes, or nil for a property
// that is not the parcel's own.
func (fp *featureProps) parcelField(p parcelProp) *string {
	switch p {
	case parcelNumber:
		return &fp.number
	case parcelName:
		return &fp.name
	case parcelID:
		return &fp.id
	case parcelDeclared:
		return &fp.declared
	case parcelLandUse:
		return &fp.landUse
	}
	return nil
}

// featureParcel reads a feature's geometry into a parcel: closed where a
// ring was left open, validated, with its plane area, compared with the
// declared area.
func featureParcel(geometry json.RawMessage, fp featureProps) (land.ParcelRecord, []note, error) {
	mp, err := spatial.ParseGeoJSONGeometry(geometry)
	if err != nil {
		return land.ParcelRecord{}, nil, err
	}
	var notes []note
	if hasOpenRing(mp) {
		notes = append(notes, note{"geometry", "a ring does not repeat its first position at the end; closed it"})
	}
	mp = spatial.CloseRings(mp)
	if err := geometryLimits().ValidateNamed(mp, spatial.PartNames()); err != nil {
		return land.ParcelRecord{}, nil, err
	}
	m2, epsg := spatial.PlaneArea(mp)
	if m2 < spatial.DefaultLimits().MinAreaM2 {
		notes = append(notes, note{"geometry", fmt.Sprintf("the plane area is %.3f m²: a sliver", m2)})
	}
	var declared float64
	if fp.declared != "" {
		v, ok := parseDecimal(fp.declared)
		if !ok || v < 0 {
			return land.ParcelRecord{}, nil, land.Invalid("declared_area_ha", "the declared area must be a number of hectares, not %q", fp.declared)
		}
		declared = v
		if _, off := spatial.AreaMismatch(m2, v, spatial.DefaultAreaTolerance); off &&
			math.Abs(m2/1e4-v) > roundingOf(fp.declared) {
			notes = append(notes, note{"declared_area_ha", fmt.Sprintf(
				"the declared area %g ha differs from the computed plane area %.4f ha by %+.1f %%", v, m2/1e4, (m2/1e4/v-1)*100)})
		}
	}
	number := fp.number
	if number == "" {
		number = fp.id
	}
	parcel := land.Parcel{
		Number: number, Name: fp.name, DeclaredAreaHa: declared,
		Geometry: mp, PlaneAreaM2: m2, GKEPSG: epsg,
	}
	if fp.landUse != "" {
		code, err := land.MapLandUse(fp.landUse)
		if err != nil {
			return land.ParcelRecord{}, nil, land.Invalid("parcel_land_use",
				"%q is not a land use of GB/T 21010 (a code such as 0701 or a name such as 城镇住宅用地)", fp.landUse)
		}
		parcel.LandUse = code
	} else {
		use := fp.supply.get(fLandUse)
		if use == "" {
			use = fp.supply.get(fLandUseCode)
		}
		if code, err := land.MapLandUse(use); err == nil {
			parcel.LandUse = code
		}
	}
	return land.ParcelRecord{Parcel: parcel, SupplyKey: fp.key()}, notes, nil
}

// hasOpenRing reports whether a ring of mp does not end where it starts.
func hasOpenRing(mp orb.MultiPolygon) bool {
	for _, poly := range mp {
		for _, r := range poly {
			if len(r) > 0 && r[0] != r[len(r)-1] {
				return true
			}
		}
	}
	return false
}
