package sql

import "landwatch/land"

// regionArg is the argument of every region predicate of the queries,
// `($n::text IS NULL OR region_code LIKE $n || '%')`: the requested region
// narrowed to what the scope may see (land.Scope.Narrow), as the prefix its
// subtree's codes share, or nil for every region. A request outside the
// scope is CodeForbidden.
func regionArg(sc land.Scope, requested string) (*string, error) {
	region, err := sc.Narrow(requested)
	if err != nil {
		return nil, err
	}
	if p := land.RegionPrefix(region); p != "" {
		return &p, nil
	}
	return nil, nil
}
