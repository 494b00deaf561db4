package sql

import (
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// supplyColumns are written by insert, update and upsert in this order;
// supplyArgs gives their values.
const supplyColumns = `e_number, kind, method, region_code, district_name, project_name, location,
	area_ha, source_text, existing_construction_ha, land_use_original, land_use_code,
	term_text, term_years, industry, land_grade, price_wan, holder, plot_ratio_min, plot_ratio_max,
	agreed_delivery, agreed_start, agreed_completion, contract_number, contract_date, approved_by,
	review_status, updated_by, stage, reserve_number, collective, collective_owner`

const supplyPlaceholders = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
	$17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32`

// supplySelect is the column list read back by scanSupply.
const supplySelect = `s.id, s.e_number, s.kind, s.method, s.region_code, s.district_name, s.project_name,
	s.location, s.area_ha, s.source_text, s.existing_construction_ha, s.land_use_original,
	s.land_use_code, s.term_text, s.term_years, s.industry, s.land_grade, s.price_wan, s.holder,
	s.plot_ratio_min, s.plot_ratio_max, s.agreed_delivery, s.agreed_start, s.agreed_completion,
	s.contract_number, s.contract_date, s.approved_by, s.review_status, s.stage, s.version,
	s.created_at, s.updated_at, s.updated_by, s.review_reason, s.reviewed_by, s.submitted_by,
	s.lag_workdays, s.late, coalesce(s.reserve_number, ''), s.collective, s.collective_owner`

func supplyArgs(s *land.Supply, actor string) []any {
	return []any{
		s.ENumber, string(s.Kind), s.Method, s.RegionCode, s.DistrictName, s.ProjectName, s.Location,
		s.AreaHa, s.SourceText, s.ExistingConstructionHa, s.LandUseOriginal, s.LandUseCode,
		s.TermText, s.TermYears, s.Industry, s.LandGrade, s.PriceWan, s.Holder, s.PlotRatioMin, s.PlotRatioMax,
		dateArg(s.AgreedDelivery), dateArg(s.AgreedStart), dateArg(s.AgreedCompletion),
		s.ContractNumber, dateArg(s.ContractDate), s.ApprovedBy, s.ReviewStatus, actor, stageOrSupplied(s.Stage),
		nullable(s.ReserveNumber), s.Collective, s.CollectiveOwner,
	}
}

func scanSupply(row pgx.Row) (*land.Supply, error) {
	var s land.Supply
	var kind, stage string
	var delivery, start, completion, contract pgtype.Date
	err := row.Scan(&s.ID, &s.ENumber, &kind, &s.Method, &s.RegionCode, &s.DistrictName, &s.ProjectName,
		&s.Location, &s.AreaHa, &s.SourceText, &s.ExistingConstructionHa, &s.LandUseOriginal,
		&s.LandUseCode, &s.TermText, &s.TermYears, &s.Industry, &s.LandGrade, &s.PriceWan, &s.Holder,
		&s.PlotRatioMin, &s.PlotRatioMax, &delivery, &start, &completion,
		&s.ContractNumber, &contract, &s.ApprovedBy, &s.ReviewStatus, &stage, &s.Version,
		&s.CreatedAt, &s.UpdatedAt, &s.UpdatedBy, &s.ReviewReason, &s.ReviewedBy, &s.SubmittedBy,
		&s.LagWorkdays, &s.Late, &s.ReserveNumber, &s.Collective, &s.CollectiveOwner)
	if err != nil {
		return nil, err
	}
	s.Kind, s.Stage = land.Kind(kind), land.Stage(stage)
	s.AgreedDelivery, s.AgreedStart, s.AgreedCompletion = dateOf(delivery), dateOf(start), dateOf(completion)
	s.ContractDate = dateOf(contract)
	return &s, nil
}

// dateArg passes a land.Date as a query argument: NULL for none.
func dateArg(d land.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.Time()
}

func dateOf(d pgtype.Date) land.Date {
	if !d.Valid {
		return land.Date{}
	}
	return land.DateOf(d.Time)
}

// stageOrSupplied is the stage written with a supply: derived by the checks,
// or "supplied" for a supply without events.
func stageOrSupplied(s land.Stage) string {
	if s == "" {
		return string(land.StageSupplied)
	}
	return string(s)
}
