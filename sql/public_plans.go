package sql

import (
	"context"
	"strconv"

	"landwatch/land"
)

// PublicPlan is a published supply plan (供地计划) as landchina.gov.cn lists
// it: the region, year, document, publication date and the planned
// hectares by class, with how far the approved supplies have carried it
// out. Only approved plans are published; nothing of their entry (who,
// when, review) is.
type PublicPlan struct {
	ID             int64              `json:"id"`
	RegionCode     string             `json:"region_code"` // 行政区
	RegionName     string             `json:"region_name"`
	Year           int                `json:"year"`         // 年度
	DocNumber      string             `json:"doc_number"`   // 文号
	Title          string             `json:"title"`        // 标题
	PublishedOn    land.Date          `json:"published_on"` // 发布日期
	land.PlanAreas                    // planned hectares by class
	TotalHa        float64            `json:"total_ha"`
	Progress       *land.PlanProgress `json:"progress"`
}

// PublicPlanFilter selects published plans. Empty fields do not filter.
type PublicPlanFilter struct {
	Region string // 6-digit code: plans of the region and everything below it
	Year   int
	After  int64 // cursor: the last id of the previous page
	Limit  int   // page size: 20 when 0, at most MaxPublicPlanPage
}

// MaxPublicPlanPage is the largest page of published plans: each carries
// its progress, summed from the supplies.
const MaxPublicPlanPage = 100

// PublicPlans returns one page of published plans (the last approved
// version of each) in id order with their progress, the total that match,
// and whether more pages follow.
func (s *Store) PublicPlans(ctx context.Context, f PublicPlanFilter) ([]PublicPlan, int, bool, error) {
	if f.Limit <= 0 {
		f.Limit = 20
	}
	plans, total, more, err := s.listPlans(ctx, publicScope, published, PlanFilter{Region: f.Region, Year: f.Year,
		After: f.After, Limit: min(f.Limit, MaxPublicPlanPage)})
	if err != nil {
		return nil, 0, false, err
	}
	out := make([]PublicPlan, len(plans))
	for i := range plans {
		if err := s.planProgress(ctx, &plans[i]); err != nil {
			return nil, 0, false, err
		}
		out[i] = s.publicPlan(&plans[i])
	}
	return out, total, more, nil
}

// PublicPlan returns an approved plan by id with its progress; a plan that
// does not exist or is not approved is CodeNotFound alike.
func (s *Store) PublicPlan(ctx context.Context, id int64) (*PublicPlan, error) {
	p, err := s.getPlan(ctx, publicScope, s.pool, published, strconv.FormatInt(id, 10), false)
	if land.ErrorCode(err) == land.CodeNotFound {
		err = &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no published supply plan " + strconv.FormatInt(id, 10)}
	}
	if err == nil {
		err = s.planProgress(ctx, p)
	}
	if err != nil {
		return nil, err
	}
	out := s.publicPlan(p)
	return &out, nil
}

func (s *Store) publicPlan(p *land.Plan) PublicPlan {
	out := PublicPlan{ID: p.ID, RegionCode: p.RegionCode, Year: p.Year, DocNumber: p.DocNumber, Title: p.Title,
		PublishedOn: p.PublishedOn, PlanAreas: p.PlanAreas, TotalHa: p.TotalHa, Progress: p.Progress}
	if s.regions != nil {
		if reg, ok := s.regions.Lookup(p.RegionCode); ok {
			out.RegionName = reg.Name
		}
	}
	return out
}
