package export

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"io"
	"os"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	_ "modernc.org/sqlite" // pure Go: the server writes GeoPackages without cgo or GDAL
)

// A GeoPackage (OGC 12-128r18) is an SQLite database, and SQLite writes to
// a file it can seek in, not to a stream: the rows go into a temporary file
// as they come (so memory stays bounded whatever the export's size), which
// is copied to the client when the table is complete.

// gpkgWriter writes one feature table in EPSG:4490.
type gpkgWriter struct {
	cols   []Column
	out    io.Writer
	path   string
	db     *sql.DB
	tx     *sql.Tx
	insert *sql.Stmt
	layer  string
	bound  orb.Bound
	count  int
	args   []any
}

// cgcs2000 is EPSG:4490 as OGC WKT, the definition gpkg_spatial_ref_sys
// requires.
const cgcs2000 = `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,` +
	`AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],` +
	`UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]`

func newGPKG(w io.Writer, layer string, cols []Column) (_ *gpkgWriter, err error) {
	f, err := os.CreateTemp("", "export-*.gpkg")
	if err != nil {
		return nil, err
	}
	f.Close()
	g := &gpkgWriter{cols: cols, out: w, path: f.Name(), layer: layer, args: make([]any, len(cols)+1)}
	defer func() {
		if err != nil {
			g.discard()
		}
	}()
	if g.db, err = sql.Open("sqlite", g.path); err != nil {
		return nil, err
	}
	g.db.SetMaxOpenConns(1)
	defs := []string{`"fid" INTEGER PRIMARY KEY AUTOINCREMENT`, `"geom" MULTIPOLYGON`}
	marks := []string{"?"}
	for _, c := range cols {
		defs = append(defs, quote(c.Name)+" "+map[Type]string{Text: "TEXT", Number: "DOUBLE", Integer: "INTEGER", Date: "DATE", Bool: "BOOLEAN"}[c.Type])
		marks = append(marks, "?")
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = quote(c.Name)
	}
	for _, stmt := range []string{
		`PRAGMA application_id = 1196444487`, // "GPKG"
		`PRAGMA user_version = 10300`,        // version 1.3
		`PRAGMA journal_mode = OFF`,          // a file nobody else reads until it is done
		`PRAGMA synchronous = OFF`,
		`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
			organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`,
		`INSERT INTO gpkg_spatial_ref_sys VALUES
			('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
			('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
			('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]', NULL),
			('China Geodetic Coordinate System 2000', 4490, 'EPSG', 4490, '` + cgcs2000 + `', NULL)`,
		`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
			description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
			min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id))`,
		`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
			srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name))`,
		`CREATE TABLE ` + quote(layer) + ` (` + strings.Join(defs, ", ") + `)`,
	} {
		if _, err := g.db.Exec(stmt); err != nil {
			return nil, err
		}
	}
	if _, err := g.db.Exec(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', 4490, 0, 0)`, layer); err != nil {
		return nil, err
	}
	if g.tx, err = g.db.Begin(); err != nil {
		return nil, err
	}
	g.insert, err = g.tx.Prepare(`INSERT INTO ` + quote(layer) + ` ("geom", ` + strings.Join(names, ", ") + `) VALUES (` + strings.Join(marks, ", ") + `)`)
	return g, err
}

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func (g *gpkgWriter) Write(r Row) error {
	if err := checkRow(g.cols, r); err != nil {
		return err
	}
	g.args[0] = nil
	if r.Geometry != nil {
		blob, err := gpkgGeometry(r.Geometry)
		if err != nil {
			return err
		}
		g.args[0] = blob
		if b := r.Geometry.Bound(); g.count == 0 || g.bound.IsEmpty() {
			g.bound = b
		} else {
			g.bound = g.bound.Union(b)
		}
	}
	for i, v := range r.Values {
		switch x := v.(type) {
		case bool:
			g.args[i+1] = x
		default:
			if t, ok := dateOf(v); ok {
				g.args[i+1] = t.Format(time.DateOnly)
			} else if _, isDate := v.(interface{ IsZero() bool }); isDate {
				g.args[i+1] = nil
			} else {
				g.args[i+1] = v
			}
		}
	}
	g.count++
	_, err := g.insert.Exec(g.args...)
	return err
}

// gpkgGeometry is a GeoPackage geometry blob: the header (magic, version,
// flags for little-endian with an xy envelope, the SRS id and the envelope)
// then the geometry as WKB.
func gpkgGeometry(geom orb.Geometry) ([]byte, error) {
	if p, ok := geom.(orb.Polygon); ok {
		geom = orb.MultiPolygon{p}
	}
	var buf bytes.Buffer
	buf.Write([]byte{'G', 'P', 0, 0x03})
	b := geom.Bound()
	for _, v := range []any{int32(4490), b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
		if err := binary.Write(&buf, binary.LittleEndian, v); err != nil {
			return nil, err
		}
	}
	if err := wkb.NewEncoder(&buf).SetByteOrder(binary.LittleEndian).Encode(geom); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (g *gpkgWriter) Close() error {
	defer g.discard()
	if err := g.insert.Close(); err != nil {
		return err
	}
	var minX, minY, maxX, maxY any
	if g.count > 0 && !g.bound.IsEmpty() {
		minX, minY, maxX, maxY = g.bound.Min[0], g.bound.Min[1], g.bound.Max[0], g.bound.Max[1]
	}
	if _, err := g.tx.Exec(`INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id)
		VALUES (?, 'features', ?, ?, ?, ?, ?, 4490)`, g.layer, g.layer, minX, minY, maxX, maxY); err != nil {
		return err
	}
	if err := g.tx.Commit(); err != nil {
		return err
	}
	if err := g.db.Close(); err != nil {
		return err
	}
	f, err := os.Open(g.path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(g.out, f)
	return err
}

// discard removes the temporary file.
func (g *gpkgWriter) discard() {
	if g.tx != nil {
		_ = g.tx.Rollback()
	}
	if g.db != nil {
		_ = g.db.Close()
	}
	_ = os.Remove(g.path)
}
