package sql

import (
	"context"
	"io/fs"

	"landwatch/land"
)

// LoadRegions reads the administrative divisions from the reference tables
// (divisions/provinces.csv, cities.csv, areas.csv in fsys).
func LoadRegions(fsys fs.FS) (*land.Regions, error) {
	sub, err := fs.Sub(fsys, "divisions")
	if err != nil {
		return nil, err
	}
	return land.LoadRegionsFS(sub)
}

// SeedRegions writes the administrative divisions into the region table,
// those GB/T 2260 lacks with source 'inferred'.
// Codes already present are left as they are, so codes that no longer exist
// stay, and running it again changes nothing.
func (s *Store) SeedRegions(ctx context.Context, regions *land.Regions) error {
	all := regions.All()
	codes := make([]string, len(all))
	names := make([]string, len(all))
	levels := make([]string, len(all))
	parents := make([]*string, len(all))
	sources := make([]string, len(all))
	for i, r := range all {
		codes[i], names[i], levels[i], sources[i] = r.Code, r.Name, r.Level, r.Source
		if sources[i] == "" {
			sources[i] = "GB/T 2260"
		}
		if r.Parent != "" {
			p := r.Parent
			parents[i] = &p
		}
	}
	_, err := s.pool.Exec(ctx, qSeedRegions, codes, names, levels, parents, sources)
	return translate(err)
}

// EnsureRegion records a region code met in a record but missing from the
// divisions table (a merged county), under its nearest known parent.
func (s *Store) EnsureRegion(ctx context.Context, code, name, level, parent string) error {
	var p *string
	if parent != "" {
		p = &parent
	}
	_, err := s.pool.Exec(ctx, qEnsureRegion, code, name, level, p)
	return translate(err)
}

const (
	qSeedRegions = `INSERT INTO region (code, name, level, parent, source)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
ON CONFLICT (code) DO NOTHING`
	qEnsureRegion = `INSERT INTO region (code, name, level, parent, source)
VALUES ($1, $2, $3, $4, 'inferred')
ON CONFLICT (code) DO NOTHING`
)
