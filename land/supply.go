package land

import (
	"time"

	"github.com/paulmach/orb"
)

// Supply is one grant of state-owned construction land use right (供地),
// created from a transfer contract (出让合同) or an allocation decision
// (划拨决定书), and identified nationally by its e-supervision number
// (电子监管号). Its fields are those of a published supply result (供地结果).
type Supply struct {
	ID           int64  `json:"id"`
	ENumber      string `json:"e_number"`               // 电子监管号
	Kind         Kind   `json:"kind"`                   // derived from Method
	Method       string `json:"method"`                 // 供地方式 code: 1, 21, 22, 23, 3, 4, 5, 6
	RegionCode   string `json:"region_code"`            // 6-digit code from the e-supervision number
	DistrictName string `json:"district_name,omitzero"` // 行政区 as published (a name only)
	ProjectName  string `json:"project_name"`           // 项目名称
	Location     string `json:"location,omitzero"`      // 项目位置

	AreaHa float64 `json:"area_ha"` // 面积(公顷), declared
	// SourceText is 土地来源 exactly as published; ExistingConstructionHa is the
	// area already construction land when a trustworthy number is known.
	SourceText             string   `json:"source_text,omitzero"`
	ExistingConstructionHa *float64 `json:"existing_construction_ha,omitempty"`
	// ReserveNumber names the reserve (储备编号) the land was supplied from,
	// in the supply's own county; its approved supplies shrink the
	// reserve's remaining area.
	ReserveNumber string `json:"reserve_number,omitzero"`
	// Collective marks a supply of collective construction land
	// (集体建设用地): land a village collective owns, entering the market
	// by transfer (出让), lease (出租) or capital contribution (作价出资或入股).
	// It is the same record as a supply of state land, with the same
	// lifecycle, stages, rules and deadlines, told apart by this flag
	// (see CollectiveMethod).
	Collective bool `json:"collective,omitzero"`
	// CollectiveOwner is the owner of collective land (所有权人): the
	// village collective economic organisation (集体经济组织), such as
	// 某某村股份经济合作社. Required when Collective, empty for state land.
	CollectiveOwner string `json:"collective_owner,omitzero"`
	// Lot names the announced lot (宗地) the supply result was sold as, in
	// the supply's own region.
	Lot *LotRef `json:"lot,omitempty"`

	LandUseOriginal string `json:"land_use_original"` // 土地用途 as written (old or current list)
	LandUseCode     string `json:"land_use_code"`     // GB/T 21010-2017 code

	TermText  string `json:"term_text,omitzero"`   // 土地使用年限 as written
	TermYears *int   `json:"term_years,omitempty"` // when a single number of years

	Industry  string   `json:"industry,omitzero"`   // 行业分类
	LandGrade string   `json:"land_grade,omitzero"` // 土地级别
	PriceWan  *float64 `json:"price_wan,omitempty"` // 成交价格(万元)
	Holder    string   `json:"holder,omitzero"`     // 土地使用权人

	PlotRatioMin *float64 `json:"plot_ratio_min,omitempty"`
	PlotRatioMax *float64 `json:"plot_ratio_max,omitempty"`

	AgreedDelivery   Date `json:"agreed_delivery,omitzero"`   // 约定交地时间
	AgreedStart      Date `json:"agreed_start,omitzero"`      // 约定开工时间
	AgreedCompletion Date `json:"agreed_completion,omitzero"` // 约定竣工时间

	ContractNumber string `json:"contract_number,omitzero"`
	ContractDate   Date   `json:"contract_date,omitzero"` // 合同签订日期
	ApprovedBy     string `json:"approved_by,omitzero"`   // 批准单位

	Installments []Installment `json:"installments,omitempty"` // 分期支付约定

	// LagWorkdays is how many working days after the contract date the
	// record was entered, and Late whether that was past the deadline
	// (DESIGN §4.1); set by landwatch, nil for a supply without a contract
	// date or one imported from published records.
	LagWorkdays *int `json:"lag_workdays,omitempty"`
	Late        bool `json:"late,omitzero"`

	ReviewStatus string    `json:"review_status"`          // submitted, approved or returned (审核)
	ReviewReason string    `json:"review_reason,omitzero"` // why it was returned
	ReviewedBy   string    `json:"reviewed_by,omitzero"`
	SubmittedBy  string    `json:"submitted_by,omitzero"` // who submitted it for review (may not approve it)
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at,omitzero"`
	UpdatedAt    time.Time `json:"updated_at,omitzero"`
	UpdatedBy    string    `json:"updated_by,omitzero"`

	// Stage is derived from Events, never stored.
	Stage   Stage    `json:"stage"`
	Parcels []Parcel `json:"parcels,omitempty"`
	Events  []Event  `json:"events,omitempty"`
}

// RecordVersion is the supply's version, its ETag.
func (s Supply) RecordVersion() int { return s.Version }

// Installment is one agreed payment (分期支付约定) of a supply's price.
type Installment struct {
	Period    int     `json:"period"`
	DueOn     Date    `json:"due_on,omitzero"`
	AmountWan float64 `json:"amount_wan"`
}

// Kind is how a supply was granted.
type Kind string

// Kinds of supply.
const (
	KindAllocation Kind = "allocation" // 划拨
	KindTransfer   Kind = "transfer"   // 出让 (tender, auction, listing, agreement)
	KindLease      Kind = "lease"      // 租赁
	KindCapital    Kind = "capital"    // 作价出资或入股
	KindAuthorised Kind = "authorised" // 授权经营
)

// Parcel is a piece of land (宗地) with its boundary. Geometry is a
// MultiPolygon in EPSG:4490 (CGCS2000 longitude/latitude); PlaneAreaM2 is its
// plane area in the CGCS2000 3° Gauss-Krüger zone GKEPSG.
type Parcel struct {
	ID             int64            `json:"id"`
	SupplyID       int64            `json:"supply_id"`
	Number         string           `json:"number,omitzero"` // 地块编号
	Name           string           `json:"name,omitzero"`   // 地块名称
	LandUse        string           `json:"land_use,omitzero"`
	DeclaredAreaHa float64          `json:"declared_area_ha,omitzero"`
	Geometry       orb.MultiPolygon `json:"-"`
	PlaneAreaM2    float64          `json:"plane_area_m2"`
	GKEPSG         int              `json:"gk_epsg"`
	Version        int              `json:"version"`
}
