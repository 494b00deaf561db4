package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/sql"
)

// The writers of Part 4, one per writable collection, each calling the
// service as the /api/v1 handler of the same record does.

// supplyWriter writes supplies' fields. A supply's geometry is the union of
// its parcels, which are written in the parcels collection: a supply
// created with a geometry has it as its one parcel, and a replace or update
// with one is refused rather than merging the parcels.
var supplyWriter = &ogcWriter{
	readOnly: []string{"id", "version", "stage", "kind", "late", "lag_workdays", "review_status", "review_reason", "reviewed_by",
		"submitted_by", "created_at", "updated_at", "updated_by", "parcels", "events"},
	current: func(s *Server, r *http.Request, id int64) (int, error) {
		sup, err := s.svc.GetSupply(r.Context(), scope(r), strconv.FormatInt(id, 10))
		if err != nil {
			return 0, err
		}
		return sup.Version, nil
	},
	create: func(s *Server, r *http.Request, in featureInput) (int64, any, int, error) {
		var sup land.Supply
		if err := strictUnmarshal(in.properties, &sup); err != nil {
			return 0, nil, 0, land.PrefixField(s.andSupplyChecks(err, sup), "properties")
		}
		if in.geometry != nil {
			sup.Parcels = []land.Parcel{{Geometry: in.geometry}}
		}
		req, err := createRequest(r, supplyInput{Supply: sup, Parcels: mustJSON(in.geometry)})
		if err != nil {
			return 0, nil, 0, err
		}
		res, _, err := s.svc.CreateSupplyOnce(r.Context(), scope(r), &sup, req)
		if err != nil {
			return 0, nil, 0, outcomeUnknown(err, "e_number", sup.ENumber)
		}
		return res.ID, res, res.Version, nil
	},
	replace: func(s *Server, r *http.Request, id int64, version int, in featureInput, _ bool) (any, int, error) {
		if in.geometry != nil {
			return nil, 0, land.Invalid("geometry", "a supply's geometry is its parcels': change them in the parcels collection, and send the supply's fields with a null geometry")
		}
		// PUT changes the properties it carries, as PATCH does: a supply
		// has fields its features do not carry (installments, the source
		// text), which a replacement of the feature must not clear.
		res, err := s.svc.UpdateSupply(r.Context(), scope(r), strconv.FormatInt(id, 10), version, func(cur *land.Supply) error {
			if err := strictUnmarshal(in.properties, cur); err != nil {
				return land.PrefixField(s.andSupplyChecks(err, *cur), "properties")
			}
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
		return res, res.Version, nil
	},
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// parcelWriter writes one parcel of a supply: the supply's boundaries are
// replaced with the parcel added, changed or taken out (ReplaceParcels, as
// PUT /api/v1/supplies/{id}/parcels does), so the supply waits for review
// again and its boundaries are checked for overlaps. The supply's version
// is the parcel's ETag; the other parcels keep their ids.
var parcelWriter = &ogcWriter{
	readOnly: []string{"e_number", "region_code", "contract_date", "plane_area_m2", "gk_epsg", "version", "supply_version"},
	current: func(s *Server, r *http.Request, id int64) (int, error) {
		_, version, err := parcelSupply(s, r, id)
		return version, err
	},
	create: func(s *Server, r *http.Request, in featureInput) (int64, any, int, error) {
		var p parcelFields
		if err := strictUnmarshal(in.properties, &p); err != nil {
			return 0, nil, 0, land.PrefixField(err, "properties")
		}
		if p.SupplyID == nil {
			return 0, nil, 0, land.Invalid("properties.supply_id", "name the supply the parcel belongs to")
		}
		if in.geometry == nil {
			return 0, nil, 0, land.Invalid("geometry", "a parcel needs its boundary")
		}
		sup, err := s.svc.GetSupply(r.Context(), scope(r), strconv.FormatInt(*p.SupplyID, 10))
		if err != nil {
			return 0, nil, 0, land.PrefixField(err, "properties.supply_id")
		}
		var parcel land.Parcel
		p.apply(&parcel, in.geometry)
		res, err := s.svc.ReplaceParcels(r.Context(), scope(r), strconv.FormatInt(sup.ID, 10), sup.Version, append(sup.Parcels, parcel))
		if err != nil {
			return 0, nil, 0, err
		}
		for _, q := range res.Parcels { // the one new id
			if !slices.ContainsFunc(sup.Parcels, func(old land.Parcel) bool { return old.ID == q.ID }) {
				return q.ID, res, res.Version, nil
			}
		}
		return 0, nil, 0, land.Errorf(land.CodeInternal, "the new parcel of supply %d was not stored", sup.ID)
	},
	replace: func(s *Server, r *http.Request, id int64, version int, in featureInput, patch bool) (any, int, error) {
		var p parcelFields
		if err := strictUnmarshal(in.properties, &p); err != nil {
			return nil, 0, land.PrefixField(err, "properties")
		}
		return changeParcel(s, r, id, version, func(sup *land.Supply, i int) error {
			if p.SupplyID != nil && *p.SupplyID != sup.ID {
				return land.Invalid("properties.supply_id", "a parcel stays with its supply: create it in the other supply and delete it here")
			}
			if !patch {
				if in.geometry == nil {
					return land.Invalid("geometry", "a parcel needs its boundary")
				}
				sup.Parcels[i] = land.Parcel{ID: id}
			}
			p.apply(&sup.Parcels[i], in.geometry)
			return nil
		})
	},
	remove: func(s *Server, r *http.Request, id int64, version int) error {
		_, _, err := changeParcel(s, r, id, version, func(sup *land.Supply, i int) error {
			sup.Parcels = slices.Delete(sup.Parcels, i, i+1)
			return nil
		})
		return err
	},
}

// parcelFields are the properties of a parcel a write may set.
type parcelFields struct {
	SupplyID       *int64   `json:"supply_id"`
	Number         *string  `json:"number"`
	Name           *string  `json:"name"`
	LandUse        *string  `json:"land_use"`
	DeclaredAreaHa *float64 `json:"declared_area_ha"`
}

// apply sets the fields given, and the geometry when not nil.
func (f parcelFields) apply(p *land.Parcel, g orb.MultiPolygon) {
	for _, s := range []struct {
		from *string
		to   *string
	}{{f.Number, &p.Number}, {f.Name, &p.Name}, {f.LandUse, &p.LandUse}} {
		if s.from != nil {
			*s.to = *s.from
		}
	}
	if f.DeclaredAreaHa != nil {
		p.DeclaredAreaHa = *f.DeclaredAreaHa
	}
	if g != nil {
		p.Geometry = g
	}
}

// parcelSupply is the supply of parcel id, as the scope sees it, and the
// supply's version.
func parcelSupply(s *Server, r *http.Request, id int64) (int64, int, error) {
	page, err := s.svc.Features(r.Context(), scope(r), "parcels", sql.FeatureQuery{ID: id, Limit: 1, NoGeometry: true})
	if err != nil {
		return 0, 0, err
	}
	if len(page.Features) == 0 {
		return 0, 0, &land.Error{Code: land.CodeNotFound, Field: "featureId", Message: "no feature " + strconv.FormatInt(id, 10) + " in parcels"}
	}
	var props struct {
		SupplyID      int64 `json:"supply_id"`
		SupplyVersion int   `json:"supply_version"`
	}
	if err := json.Unmarshal(page.Features[0].Properties, &props); err != nil {
		return 0, 0, err
	}
	return props.SupplyID, props.SupplyVersion, nil
}

// changeParcel replaces the boundaries of parcel id's supply, at version,
// with the parcels change makes of them (i is the parcel's index).
func changeParcel(s *Server, r *http.Request, id int64, version int, change func(sup *land.Supply, i int) error) (any, int, error) {
	supplyID, _, err := parcelSupply(s, r, id)
	if err != nil {
		return nil, 0, err
	}
	key := strconv.FormatInt(supplyID, 10)
	sup, err := s.svc.GetSupply(r.Context(), scope(r), key)
	if err != nil {
		return nil, 0, err
	}
	i := slices.IndexFunc(sup.Parcels, func(p land.Parcel) bool { return p.ID == id })
	if i < 0 {
		return nil, 0, &land.Error{Code: land.CodeNotFound, Field: "featureId", Message: "no feature " + strconv.FormatInt(id, 10) + " in parcels"}
	}
	if err := change(sup, i); err != nil {
		return nil, 0, err
	}
	res, err := s.svc.ReplaceParcels(r.Context(), scope(r), key, version, sup.Parcels)
	if err != nil {
		return nil, 0, err
	}
	return res, res.Version, nil
}
