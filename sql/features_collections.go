package sql

// The registered collections. A record kind joins OGC API – Features by one
// registration here (and one line in Collections).

var supplyFeatures = &FeatureCollection{
	ID: "supplies", Title: "供地 Supplies",
	Description: "Grants of land use right, each with its parcels' boundaries as one MultiPolygon.",
	From:        "supply s", IDColumn: "s.id", Region: "s.region_code", Date: "s.contract_date",
	PartsFrom: "parcel p", PartsWhere: "p.supply_id = s.id", PartGeom: "p.geom",
	Properties: []Queryable{
		{"e_number", "string", "s.e_number", false},
		{"kind", "string", "s.kind", false},
		{"method", "string", "s.method", false},
		{"region_code", "string", "s.region_code", false},
		{"district_name", "string", "s.district_name", false},
		{"project_name", "string", "s.project_name", false},
		{"location", "string", "s.location", false},
		{"area_ha", "number", "s.area_ha", false},
		{"land_use_original", "string", "s.land_use_original", false},
		{"land_use_code", "string", "s.land_use_code", false},
		{"term_years", "integer", "s.term_years", false},
		{"industry", "string", "s.industry", false},
		{"land_grade", "string", "s.land_grade", false},
		{"price_wan", "number", "s.price_wan", false},
		{"holder", "string", "s.holder", false},
		{"plot_ratio_min", "number", "s.plot_ratio_min", false},
		{"plot_ratio_max", "number", "s.plot_ratio_max", false},
		{"agreed_delivery", "date", "s.agreed_delivery", false},
		{"agreed_start", "date", "s.agreed_start", false},
		{"agreed_completion", "date", "s.agreed_completion", false},
		{"contract_number", "string", "s.contract_number", false},
		{"contract_date", "date", "s.contract_date", false},
		{"approved_by", "string", "s.approved_by", false},
		{"review_status", "string", "s.review_status", false},
		{"stage", "string", "s.stage", false},
		{"late", "boolean", "s.late", false},
		{"reserve_number", "string", "s.reserve_number", false},
		{"version", "integer", "s.version", false},
		{Name: GeometryName, Type: GeometryName},
	},
}

var parcelFeatures = &FeatureCollection{
	ID: "parcels", Title: "宗地 Parcels",
	Description: "The parcels of the supplies, one feature each, with their supply's number, region and contract date.",
	From:        "parcel p JOIN supply s ON s.id = p.supply_id", IDColumn: "p.id", Region: "s.region_code", Date: "s.contract_date",
	PartGeom: "p.geom",
	Properties: []Queryable{
		{"supply_id", "integer", "p.supply_id", false},
		{"e_number", "string", "s.e_number", false},
		{"region_code", "string", "s.region_code", false},
		{"contract_date", "date", "s.contract_date", false},
		{"number", "string", "p.number", false},
		{"name", "string", "p.name", false},
		{"land_use", "string", "p.land_use", false},
		{"declared_area_ha", "number", "p.declared_area_ha", false},
		{"plane_area_m2", "number", "p.plane_area_m2", false},
		{"gk_epsg", "integer", "p.gk_epsg", false},
		{"version", "integer", "p.version", false},
		{"supply_version", "integer", "s.version", false},
		{Name: GeometryName, Type: GeometryName},
	},
	// A parcel is written as part of its supply (its boundaries are
	// replaced together, reviewed and checked for overlaps together): the
	// supply's version is the parcel's ETag.
	VersionProperty: "supply_version",
}

var reserveFeatures = &FeatureCollection{
	ID: "reserves", Title: "储备地 Reserves",
	Description: "Land taken into the reserve, each with its parcels' boundaries as one MultiPolygon.",
	From:        "reserve r", IDColumn: "r.id", Region: "r.region_code", Date: "r.taken_on",
	PartsFrom: "reserve_parcel p", PartsWhere: "p.reserve_id = r.id", PartGeom: "p.geom",
	Properties: []Queryable{
		{"number", "string", "r.number", false},
		{"region_code", "string", "r.region_code", false},
		{"location", "string", "r.location", false},
		{"area_ha", "number", "r.area_ha", false},
		{"acquisition", "string", "r.acquisition", false},
		{"former_holder", "string", "r.former_holder", false},
		{"former_use", "string", "r.former_use", false},
		{"compensation_wan", "number", "r.compensation_wan", false},
		{"taken_on", "date", "r.taken_on", false},
		{"planned_use_code", "string", "r.planned_use_code", false},
		{"review_status", "string", "r.review_status", false},
		{"late", "boolean", "r.late", false},
		{"version", "integer", "r.version", false},
		{Name: GeometryName, Type: GeometryName},
	},
}

var findingFeatures = &FeatureCollection{
	ID: "findings", Title: "核查线索 Findings",
	Description: "What the rules flagged: overlaps (the shared area), suspected idle land, late entries. " +
		"A finding across two regions is whole only to a scope that covers both; to one side, it says only that the ground is supplied elsewhere.",
	From: "finding f", IDColumn: "f.id", Region: "f.region_code", OtherRegion: "f.other_region_code", Date: "f.detected_at::date",
	PartGeom: "f.geom",
	Properties: []Queryable{
		{Name: "kind", Type: "string", Column: "f.kind"},
		{Name: "rule", Type: "string", Column: "f.rule"},
		{Name: "grade", Type: "string", Column: "f.grade"},
		{Name: "status", Type: "string", Column: "f.status"},
		{Name: "assignee", Type: "string", Column: "f.assignee"},
		{Name: "detected_on", Type: "date", Column: "f.detected_at::date"},
		{Name: "elsewhere", Type: "boolean", Column: "(f.other_region_code IS NOT NULL AND NOT " + findingFeaturesWhole + ")"},
		{Name: "region_code", Type: "string", Column: "f.region_code", Confined: true},
		{Name: "other_region_code", Type: "string", Column: "f.other_region_code", Confined: true},
		{Name: "supply_id", Type: "integer", Column: "f.supply_id", Confined: true},
		{Name: "other_supply_id", Type: "integer", Column: "f.other_supply_id", Confined: true},
		{Name: "e_number", Type: "string", Column: "(SELECT e_number FROM supply WHERE id = f.supply_id)", Confined: true},
		{Name: "other_e_number", Type: "string", Column: "(SELECT e_number FROM supply WHERE id = f.other_supply_id)", Confined: true},
		{Name: GeometryName, Type: GeometryName},
	},
}

// findingFeaturesWhole is findingFeatures.whole(), which its own property
// list cannot call.
var findingFeaturesWhole = (&FeatureCollection{Region: "f.region_code", OtherRegion: "f.other_region_code"}).whole()

var planFeatures = &FeatureCollection{
	ID: "plans", Title: "供应计划 Supply plans",
	Description: "Each county's yearly plan of land supply, in hectares by use. Plans have no geometry.",
	From:        "supply_plan sp", IDColumn: "sp.id", Region: "sp.region_code", Date: "sp.published_on",
	Properties: []Queryable{
		{"region_code", "string", "sp.region_code", false},
		{"year", "integer", "sp.year", false},
		{"doc_number", "string", "sp.doc_number", false},
		{"title", "string", "sp.title", false},
		{"published_on", "date", "sp.published_on", false},
		{"commerce_ha", "number", "sp.commerce_ha", false},
		{"industry_ha", "number", "sp.industry_ha", false},
		{"housing_ha", "number", "sp.housing_ha", false},
		{"affordable_ha", "number", "sp.affordable_ha", false},
		{"shanty_ha", "number", "sp.shanty_ha", false},
		{"small_units_ha", "number", "sp.small_units_ha", false},
		{"other_housing_ha", "number", "sp.other_housing_ha", false},
		{"public_ha", "number", "sp.public_ha", false},
		{"transport_ha", "number", "sp.transport_ha", false},
		{"water_ha", "number", "sp.water_ha", false},
		{"special_ha", "number", "sp.special_ha", false},
		{"late", "boolean", "sp.late", false},
		{"review_status", "string", "sp.review_status", false},
		{"version", "integer", "sp.version", false},
	},
}

var transactionFeatures = &FeatureCollection{
	ID: "transactions", Title: "转让出租抵押 Transactions",
	Description: "Transfers, leases and mortgages of supplied land, each with the boundaries of the parcels it names (all of its supply's when it names none).",
	From:        "land_transaction t JOIN supply s ON s.id = t.supply_id", IDColumn: "t.id", Region: "t.region_code", Date: "t.registered_on",
	PartsFrom: "parcel p", PartsWhere: "p.supply_id = t.supply_id AND (cardinality(t.parcel_ids) = 0 OR p.id = ANY (t.parcel_ids))", PartGeom: "p.geom",
	Properties: []Queryable{
		{"kind", "string", "t.kind", false},
		{"supply_id", "integer", "t.supply_id", false},
		{"e_number", "string", "s.e_number", false},
		{"region_code", "string", "t.region_code", false},
		{"party_from", "string", "t.party_from", false},
		{"party_to", "string", "t.party_to", false},
		{"amount_wan", "number", "t.amount_wan", false},
		{"area_ha", "number", "t.area_ha", false},
		{"lease_years", "number", "t.lease_years", false},
		{"starts_on", "date", "t.starts_on", false},
		{"ends_on", "date", "t.ends_on", false},
		{"certificate_no", "string", "t.certificate_no", false},
		{"registered_on", "date", "t.registered_on", false},
		{"released_on", "date", "t.released_on", false},
		{"late", "boolean", "t.late", false},
		{"review_status", "string", "t.review_status", false},
		{"version", "integer", "t.version", false},
		{Name: GeometryName, Type: GeometryName},
	},
}
