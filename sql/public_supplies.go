package sql

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// PublicSupply is one published supply result (供地结果公示) as
// landchina.gov.cn shows it: what was granted, to whom, on which terms, and
// where in words only — never coordinates, boundaries or anything else a
// position could be read from. Only reviewed (approved) supplies are
// published.
type PublicSupply struct {
	ID               int64     `json:"-"`                 // the cursor of the next page, not published
	ENumber          string    `json:"e_number"`          // 电子监管号
	ProjectName      string    `json:"project_name"`      // 项目名称
	Location         string    `json:"location"`          // 项目位置, text only
	District         string    `json:"district_name"`     // 行政区
	RegionCode       string    `json:"region_code"`       // 6-digit region code
	AreaHa           float64   `json:"area_ha"`           // 面积(公顷)
	LandUseOriginal  string    `json:"land_use_original"` // 土地用途 as written
	LandUseCode      string    `json:"land_use_code"`     // GB/T 21010-2017 code
	LandUseName      string    `json:"land_use_name"`     // its name in GB/T 21010-2017
	Method           string    `json:"method"`            // 供地方式 code
	MethodName       string    `json:"method_name"`       // 供地方式: 划拨, 挂牌出让 …
	TermText         string    `json:"term_text"`         // 土地使用年限 as written
	TermYears        *int      `json:"term_years"`        // when a single number of years
	Industry         string    `json:"industry"`          // 行业分类
	LandGrade        string    `json:"land_grade"`        // 土地级别
	PriceWan         *float64  `json:"price_wan"`         // 成交价格(万元)
	Holder           string    `json:"holder"`            // 土地使用权人 (受让人)
	PlotRatioMin     *float64  `json:"plot_ratio_min"`    // 约定容积率下限
	PlotRatioMax     *float64  `json:"plot_ratio_max"`    // 约定容积率上限
	AgreedDelivery   land.Date `json:"agreed_delivery"`   // 约定交地时间
	AgreedStart      land.Date `json:"agreed_start"`      // 约定开工时间
	AgreedCompletion land.Date `json:"agreed_completion"` // 约定竣工时间
	ContractDate     land.Date `json:"contract_date"`     // 合同签订日期
	ApprovedBy       string    `json:"approved_by"`       // 批准单位
	// Collective land (集体建设用地) is published with its owner, the village
	// collective economic organisation (集体经济组织); state land with
	// collective false and no owner.
	Collective      bool   `json:"collective"`
	CollectiveOwner string `json:"collective_owner"`
}

// PublicSupplyFilter selects published supplies. Empty fields do not
// filter.
type PublicSupplyFilter struct {
	Region   string    // 6-digit code: the region and everything below it
	Method   string    // 供地方式 code
	LandUse  string    // GB/T 21010-2017 code: the class and the codes under it
	From, To land.Date // contract date range, inclusive
	Text     string    // free text over project name, location, holder and e-supervision number
	// Collective keeps collective land when true, state land when false.
	Collective *bool
	After      int64 // cursor: the last id of the previous page
	Limit      int   // page size: 50 when 0, at most MaxPublicPage
}

// MaxPublicPage is the largest page of a public list.
const MaxPublicPage = 500

// PublicSupplies returns one page of approved supplies in id order, the
// total number that match, and whether more pages follow. The public list
// is the same for everyone: a signed-in user's region does not narrow it.
func (s *Store) PublicSupplies(ctx context.Context, f PublicSupplyFilter) ([]PublicSupply, int, bool, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, MaxPublicPage)
	// What is published is everyone's: the region is a filter, not a limit.
	region, err := regionArg(land.SystemScope("public"), f.Region)
	if err != nil {
		return nil, 0, false, err
	}
	args := SupplyFilter{Method: f.Method, LandUse: f.LandUse, From: f.From, To: f.To, Text: f.Text, Review: land.ReviewApproved,
		Collective: f.Collective}.args(region)
	return keysetPage(ctx, s, qCountPublicSupplies, qListPublicSupplies, args, f.After, f.Limit, scanPublicSupply)
}

// PublicSupply returns the published result of the supply with e-supervision
// number. A supply that does not exist or is not approved is CodeNotFound:
// the public cannot tell the two apart.
func (s *Store) PublicSupply(ctx context.Context, number string) (*PublicSupply, error) {
	p, err := scanPublicSupply(s.pool.QueryRow(ctx, qPublicSupplyByNumber, number))
	if err != nil {
		if land.ErrorCode(translate(err)) == land.CodeNotFound {
			return nil, &land.Error{Code: land.CodeNotFound, Field: "number", Message: "no published supply " + strconv.Quote(number)}
		}
		return nil, translate(err)
	}
	return p, nil
}

func scanPublicSupply(row pgx.Row) (*PublicSupply, error) {
	var p PublicSupply
	var delivery, start, completion, contract pgtype.Date
	err := row.Scan(&p.ID, &p.ENumber, &p.ProjectName, &p.Location, &p.District, &p.RegionCode, &p.AreaHa,
		&p.LandUseOriginal, &p.LandUseCode, &p.Method, &p.TermText, &p.TermYears, &p.Industry, &p.LandGrade,
		&p.PriceWan, &p.Holder, &p.PlotRatioMin, &p.PlotRatioMax, &delivery, &start, &completion, &contract,
		&p.ApprovedBy, &p.Collective, &p.CollectiveOwner)
	if err != nil {
		return nil, err
	}
	p.LandUseName, p.MethodName = land.LandUseName(p.LandUseCode), land.MethodName(p.Method)
	p.AgreedDelivery, p.AgreedStart, p.AgreedCompletion = dateOf(delivery), dateOf(start), dateOf(completion)
	p.ContractDate = dateOf(contract)
	return &p, nil
}

// publicSupplySelect is what a supply result publishes, read back by
// scanPublicSupply. It names no column of parcel.
const publicSupplySelect = `s.id, s.e_number, s.project_name, s.location, s.district_name, s.region_code, s.area_ha,
	s.land_use_original, s.land_use_code, s.method, s.term_text, s.term_years, s.industry, s.land_grade,
	s.price_wan, s.holder, s.plot_ratio_min, s.plot_ratio_max, s.agreed_delivery, s.agreed_start,
	s.agreed_completion, s.contract_date, s.approved_by, s.collective, s.collective_owner`

const (
	// The last approved version of each supply: a correction waiting for
	// review leaves what was published in place.
	qCountPublicSupplies  = `SELECT count(*) FROM published_supply s` + supplyFilter
	qListPublicSupplies   = `SELECT ` + publicSupplySelect + ` FROM published_supply s` + supplyFilter + supplyPage
	qPublicSupplyByNumber = `SELECT ` + publicSupplySelect + ` FROM published_supply s WHERE s.e_number = $1`
)
