package supervision

import (
	"context"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
)

// ImportBoundaries writes the administrative boundaries a file gave
// (unless dry), each replacing its code's, and reports them with the file's
// rejected features; once written, parcels are checked against them. A
// boundary decides which county's records a parcel may belong to, so
// importing one is the work of an editor (clerk or administrator) of a
// province or the ministry, or of the system.
func (s *Service) ImportBoundaries(ctx context.Context, sc land.Scope, bs []land.Boundary, rejected []land.Rejection, dry bool) (*sql.ImportReport, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	if err := sc.CheckProvinceLevel("importing administrative boundaries"); err != nil {
		return nil, err
	}
	rep := &sql.ImportReport{Accepted: len(bs), Created: len(bs), Rejected: append([]land.Rejection{}, rejected...),
		Warnings: []land.Warning{}, Overlaps: []sql.SupplyOverlap{}, DryRun: dry, Tables: []land.TableColumns{}}
	if dry || len(bs) == 0 {
		return rep, nil
	}
	if _, err := s.store.ImportBoundaries(ctx, sc, bs); err != nil {
		return nil, err
	}
	return rep, s.LoadBoundaries(ctx)
}

// LoadBoundaries reads the stored county and prefecture boundaries into
// the rules, where the region check of parcels finds them without I/O.
func (s *Service) LoadBoundaries(ctx context.Context) error {
	rows, err := s.store.Boundaries(ctx)
	if err != nil {
		return err
	}
	shapes := make(map[string]orb.MultiPolygon, len(rows))
	names := make(map[string]string, len(rows))
	for _, r := range rows {
		mp, err := spatial.DecodeWKB(r.WKB)
		if err != nil {
			return land.Wrap(land.CodeInternal, err, "the boundary of %s", r.Code)
		}
		shapes[r.Code], names[r.Code] = mp, r.Name
	}
	s.rules.SetBoundaries(spatial.NewBoundaries(shapes, names))
	return nil
}

// BoundariesIn returns the boundaries meeting a box, simplified for the
// zoom they are drawn at. Boundaries are public knowledge: any signed-in
// user may read them, whatever their region.
func (s *Service) BoundariesIn(ctx context.Context, sc land.Scope, b orb.Bound, tolerance float64) ([]sql.BoundaryFeature, error) {
	if err := sc.Allow(land.PermRead, ""); err != nil {
		return nil, err
	}
	return s.store.BoundariesIn(ctx, b.Min[0], b.Min[1], b.Max[0], b.Max[1], tolerance)
}
