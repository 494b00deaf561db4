package supervision

import (
	"context"

	"landwatch/land"
	"landwatch/sql"
)

// Features reads a page of one of the register's feature collections
// (OGC API – Features), limited to the region sc may see. An unknown
// collection is CodeNotFound.
func (s *Service) Features(ctx context.Context, sc land.Scope, collection string, q sql.FeatureQuery) (*sql.FeaturePage, error) {
	c, ok := sql.CollectionByID(collection)
	if !ok {
		return nil, land.Errorf(land.CodeNotFound, "no collection %q", collection)
	}
	if err := sc.Allow(land.PermRead, ""); err != nil {
		return nil, err
	}
	if c.Computed {
		return s.pairFeatures(ctx, sc, q)
	}
	return s.store.Features(ctx, sc, c, q)
}
