package sql

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"landwatch/cql2"
	"landwatch/land"
)

// The register as collections of features (OGC API – Features): each
// record kind is one FeatureCollection registered in Collections, which
// says where its rows are, how its geometry is made from its parcels, and
// which of its columns are properties a filter may name. Every query below
// is built from those registered fragments and the request's values go in
// as bind parameters only.

// Queryable is a property of a collection's features, which a CQL2 filter
// may name.
type Queryable struct {
	Name   string
	Type   string // JSON Schema's: string, number, integer, boolean; or date
	Column string // its SQL expression over the collection's tables
	// Confined properties name or place the other side of a record across
	// two regions (FeatureCollection.OtherRegion).
	Confined bool
}

// scopeArg stands, in a registration's SQL, for the parameter of the
// scope's region prefix (regionArg), which every query binds first.
const scopeArg = "$1"

// whole is the SQL of "the scope sees both sides of the record".
func (c *FeatureCollection) whole() string {
	return "(" + scopeArg + "::text IS NULL OR (" + c.Region + " LIKE " + scopeArg + " || '%' AND coalesce(" + c.OtherRegion + " LIKE " + scopeArg + " || '%', true)))"
}

// column is q's SQL, null where the record is not whole to the scope.
func (c *FeatureCollection) column(q Queryable) string {
	if c.OtherRegion == "" || !q.Confined {
		return q.Column
	}
	return "CASE WHEN " + c.whole() + " THEN " + q.Column + " END"
}

// FeatureCollection is one collection: a record kind and its parcels.
type FeatureCollection struct {
	ID, Title, Description string
	// From is the FROM clause; ID, Region and Date are the feature's id,
	// region code (the scope's predicate) and the date of datetime= (and
	// of the temporal extent).
	From, IDColumn, Region, Date string
	// PartsFrom and PartsWhere select the rows of the feature's geometry
	// (its parcels), whose column PartGeom is in EPSG:4490: a MultiPolygon
	// each; the feature is their union. PartsFrom "" means the feature's
	// own row has the geometry in PartGeom; PartGeom "" that the record
	// has none (its features' geometry is null, and a box or a spatial
	// filter is refused).
	PartsFrom, PartsWhere, PartGeom string
	// OtherRegion, when not "", is the region of a record's other side (a
	// finding across two counties): the record is in the scope of either
	// side, but whole only to a scope that covers both. To a scope that
	// does not, its geometry and its Confined properties are null, in the
	// answer and in filters alike (what a county is told of its neighbour's
	// land: DESIGN §9, supervision/confidential.go).
	OtherRegion string
	Properties  []Queryable
	// Computed features are not rows: the service makes them (the
	// overlapping pairs the engine keeps), and the SQL fields are unused.
	Computed bool
	// VersionProperty names the property whose value is a feature's ETag:
	// the version a write must name in If-Match ("" is "version").
	VersionProperty string
}

// HasGeometry tells whether the collection's features have a geometry.
func (c *FeatureCollection) HasGeometry() bool { return c.PartGeom != "" }

// VersionOf is the property holding the version of a feature's ETag.
func (c *FeatureCollection) VersionOf() string {
	if c.VersionProperty == "" {
		return "version"
	}
	return c.VersionProperty
}

// Queryable returns the property named name.
func (c *FeatureCollection) Queryable(name string) (Queryable, bool) {
	i := slices.IndexFunc(c.Properties, func(q Queryable) bool { return q.Name == name })
	if i < 0 {
		return Queryable{}, false
	}
	return c.Properties[i], true
}

// GeometryName is the queryable of a feature's geometry in filters.
const GeometryName = "geometry"

// Collections are the register's collections in the order they are listed.
var Collections = []*FeatureCollection{supplyFeatures, parcelFeatures, reserveFeatures, findingFeatures, overlapFeatures, planFeatures, transactionFeatures, lotFeatures}

// CollectionByID returns a registered collection.
func CollectionByID(id string) (*FeatureCollection, bool) {
	i := slices.IndexFunc(Collections, func(c *FeatureCollection) bool { return c.ID == id })
	if i < 0 {
		return nil, false
	}
	return Collections[i], true
}

// FeatureQuery is what a request asks of a collection's items.
type FeatureQuery struct {
	ID int64 // one feature, or 0 for a page
	// BBox is minx, miny, maxx, maxy in BBoxCRS (an SRID; Flip when the
	// CRS puts latitude or northing first, as EPSG:4490 and the Gauss-Krüger
	// zones do).
	BBox     *[4]float64
	BBoxCRS  CRS
	From, To land.Date // datetime= on the collection's date, inclusive
	Filter   cql2.Expr
	// FilterCRS is the CRS of the filter's geometries.
	FilterCRS CRS
	// CRS is the CRS of the answer's geometries; NoGeometry leaves them out
	// (the external profile).
	CRS        CRS
	NoGeometry bool
	After      int64 // keyset: ids after this one, ascending
	Before     int64 // or ids before this one (a prev link)
	Limit      int
}

// CRS is a coordinate reference system of the answers: a PostGIS SRID and
// whether its axes are north, east (latitude first), the reverse of how
// PostGIS holds coordinates.
type CRS struct {
	SRID int
	Flip bool
}

// Feature is one feature with its properties and its GeoJSON geometry in
// the query's CRS (null without geometry).
type Feature struct {
	ID         int64
	Properties json.RawMessage
	Geometry   json.RawMessage
}

// FeaturePage is one page of a collection's features, the total that match,
// and whether pages follow before and after it.
type FeaturePage struct {
	Features      []Feature
	Matched       int
	Prev, Next    bool
	FirstID, Last int64
}

// Features reads one page (or one feature) of a collection, limited to the
// region sc may see.
func (s *Store) Features(ctx context.Context, sc land.Scope, c *FeatureCollection, q FeatureQuery) (*FeaturePage, error) {
	region, err := regionArg(sc, "")
	if err != nil {
		return nil, err
	}
	b := &queryBuilder{c: c}
	scoped := c.Region + " LIKE " + b.arg(region) + " || '%'"
	if c.OtherRegion != "" {
		scoped += " OR " + c.OtherRegion + " LIKE " + scopeArg + " || '%'"
	}
	where := []string{"(" + scopeArg + "::text IS NULL OR " + scoped + ")"}
	if q.ID != 0 {
		where = append(where, c.IDColumn+" = "+b.arg(q.ID))
	}
	if q.BBox != nil {
		if !c.HasGeometry() {
			return nil, land.Invalid("bbox", "the %s have no geometry", c.ID)
		}
		env := b.envelope(*q.BBox, q.BBoxCRS)
		where = append(where, b.spatial("s_intersects", env))
	}
	if !q.From.IsZero() {
		where = append(where, c.Date+" >= "+b.arg(q.From.Time())+"::date")
	}
	if !q.To.IsZero() {
		where = append(where, c.Date+" <= "+b.arg(q.To.Time())+"::date")
	}
	if q.Filter != nil {
		b.filterCRS = q.FilterCRS
		f, err := b.expr(q.Filter)
		if err != nil {
			return nil, err
		}
		where = append(where, f)
	}
	filter := " FROM " + c.From + " WHERE " + strings.Join(where, " AND ")
	page := &FeaturePage{Features: []Feature{}}
	if err := s.pool.QueryRow(ctx, "SELECT count(*)"+filter, b.args...).Scan(&page.Matched); err != nil {
		return nil, translate(err)
	}
	geom := "NULL::text"
	if !q.NoGeometry {
		g := c.geometry()
		geom = "ST_AsGeoJSON(CASE WHEN " + b.arg(q.CRS.Flip) + " THEN ST_FlipCoordinates(ST_Transform(" + g + ", " +
			b.arg(q.CRS.SRID) + "::int)) ELSE ST_Transform(" + g + ", " + b.last() + "::int) END, " + b.arg(digits(q.CRS)) + "::int, 0)"
	}
	order, cursor := " ORDER BY "+c.IDColumn, q.After
	cmp := " > "
	if q.Before > 0 {
		order, cursor, cmp = " ORDER BY "+c.IDColumn+" DESC", q.Before, " < "
	}
	list := "SELECT " + c.IDColumn + ", " + c.properties() + ", " + geom + filter + " AND " + c.IDColumn + cmp + b.arg(cursor) +
		order + " LIMIT " + b.arg(q.Limit+1)
	rows, err := s.pool.Query(ctx, list, b.args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var f Feature
		var g *string
		if err := rows.Scan(&f.ID, &f.Properties, &g); err != nil {
			return nil, translate(err)
		}
		if f.Geometry = json.RawMessage("null"); g != nil {
			f.Geometry = json.RawMessage(*g)
		}
		page.Features = append(page.Features, f)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	more := len(page.Features) > q.Limit
	if more {
		page.Features = page.Features[:q.Limit]
	}
	if q.Before > 0 {
		slices.Reverse(page.Features)
		page.Prev, page.Next = more, true
	} else {
		page.Next, page.Prev = more, q.After > 0
	}
	if n := len(page.Features); n > 0 {
		page.FirstID, page.Last = page.Features[0].ID, page.Features[n-1].ID
	}
	return page, nil
}

// digits (with ST_AsGeoJSON's options 0: no "crs" member, which RFC 7946
// removed) is how many decimals the answer's coordinates keep: a millimetre
// in degrees or in metres.
func digits(c CRS) int {
	if c.SRID == 4490 || c.SRID == 4326 {
		return 9
	}
	return 3
}

// geometry is the SQL of the feature's geometry in EPSG:4490.
func (c *FeatureCollection) geometry() string {
	if !c.HasGeometry() {
		return "NULL::geometry"
	}
	if c.PartsFrom == "" {
		return c.column(Queryable{Column: c.PartGeom, Confined: true})
	}
	return "(SELECT ST_Multi(ST_Collect(d.geom)) FROM " + c.PartsFrom + ", LATERAL ST_Dump(" + c.PartGeom + ") d WHERE " + c.PartsWhere + ")"
}

// properties is the SQL of the feature's properties as one JSON object.
// Postgres takes at most 100 arguments to a function: the object is built
// in parts of 40 properties.
func (c *FeatureCollection) properties() string {
	var parts []string
	props := slices.DeleteFunc(slices.Clone(c.Properties), func(q Queryable) bool { return q.Type == GeometryName })
	for chunk := range slices.Chunk(props, 40) {
		var kv []string
		for _, p := range chunk {
			kv = append(kv, "'"+p.Name+"', "+c.column(p))
		}
		parts = append(parts, "jsonb_build_object("+strings.Join(kv, ", ")+")")
	}
	return strings.Join(parts, " || ")
}

// queryBuilder gathers a query's bind parameters.
type queryBuilder struct {
	c         *FeatureCollection
	args      []any
	filterCRS CRS
}

// arg adds a parameter and returns its placeholder.
func (b *queryBuilder) arg(v any) string {
	b.args = append(b.args, v)
	return b.last()
}

// last is the placeholder of the parameter added last.
func (b *queryBuilder) last() string { return "$" + strconv.Itoa(len(b.args)) }

// envelope is the SQL of a box given in crs, in EPSG:4490.
func (b *queryBuilder) envelope(box [4]float64, crs CRS) string {
	if crs.Flip {
		box = [4]float64{box[1], box[0], box[3], box[2]}
	}
	return "ST_Transform(ST_MakeEnvelope(" + b.arg(box[0]) + "::float8, " + b.arg(box[1]) + "::float8, " + b.arg(box[2]) + "::float8, " +
		b.arg(box[3]) + "::float8, " + b.arg(crs.SRID) + "::int), 4490)"
}

// spatial is the predicate op (s_intersects, s_within) of the feature's
// geometry and the 4490 geometry g. A feature of parcels intersects where
// one of its parcels does, and is within where all of them are; the
// parcels' GiST index answers the && first.
func (b *queryBuilder) spatial(op, g string) string {
	c := b.c
	if c.PartsFrom == "" {
		geom := c.geometry()
		if op == "s_within" {
			return "ST_Within(" + geom + ", " + g + ")"
		}
		return "(" + c.PartGeom + " && " + g + " AND ST_Intersects(" + geom + ", " + g + "))"
	}
	parts := "SELECT FROM " + c.PartsFrom + " WHERE " + c.PartsWhere
	if op == "s_within" {
		return "(EXISTS (" + parts + ") AND NOT EXISTS (" + parts + " AND NOT ST_Within(" + c.PartGeom + ", " + g + ")))"
	}
	return "EXISTS (" + parts + " AND " + c.PartGeom + " && " + g + " AND ST_Intersects(" + c.PartGeom + ", " + g + "))"
}
