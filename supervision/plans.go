package supervision

import (
	"context"

	"landwatch/land"
	"landwatch/sql"
)

// PlanWrite is what a write of a supply plan answers: the plan as stored,
// with its progress, and the warnings of its checks.
type PlanWrite struct {
	*land.Plan
	Warnings []string `json:"warnings"`
}

// CreatePlan enters a region's supply plan (供地计划) of a year, waiting for
// review; its lag from the day it was published is measured now, a late
// entry accepted and marked. What landwatch sets (id, version, review,
// lag, total, progress) is not taken from p. A second plan of the same
// region and year is CodeConflict (a revision is UpdatePlan); a plan
// outside the scope's region CodeForbidden.
func (s *Service) CreatePlan(ctx context.Context, sc land.Scope, p *land.Plan) (*PlanWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	clean := *p
	clean.ID, clean.Version, clean.LagWorkdays, clean.Late, clean.TotalHa, clean.Progress = 0, 0, nil, false, 0, nil
	clean.ReviewStatus, clean.ReviewReason, clean.ReviewedBy, clean.SubmittedBy = "", "", "", ""
	warnings, err := s.store.CreatePlan(ctx, sc, &clean)
	if err != nil {
		return nil, err
	}
	return &PlanWrite{Plan: &clean, Warnings: append([]string{}, warnings...)}, nil
}

// GetPlan returns a plan by id or by region and year ("130626-2026") with
// its progress against the approved supplies.
func (s *Service) GetPlan(ctx context.Context, sc land.Scope, key string) (*land.Plan, error) {
	return s.store.GetPlan(ctx, sc, key)
}

// ListPlans returns a page of plans, the total and whether more follow.
func (s *Service) ListPlans(ctx context.Context, sc land.Scope, f sql.PlanFilter) ([]land.Plan, int, bool, error) {
	return s.store.ListPlans(ctx, sc, f)
}

// UpdatePlan revises a plan at version ifVersion (a newer one is
// CodeStale); the revised plan waits for review again.
func (s *Service) UpdatePlan(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Plan) error) (*PlanWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	p, warnings, err := s.store.UpdatePlan(ctx, sc, key, ifVersion, apply)
	if err != nil {
		return nil, err
	}
	return &PlanWrite{Plan: p, Warnings: append([]string{}, warnings...)}, nil
}

// ReviewPlan records a reviewer's decision on a submitted plan.
func (s *Service) ReviewPlan(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Plan, error) {
	if err := sc.Allow(land.PermReview, ""); err != nil {
		return nil, err
	}
	return s.store.ReviewPlan(ctx, sc, key, ifVersion, rv)
}

// PlanHistory returns every version of a plan.
func (s *Service) PlanHistory(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]sql.Version, error) {
	return s.store.PlanHistory(ctx, sc, key, withGeometry)
}

// PublicPlans is the published list of supply plans (approved only), each
// with its progress; the same for everyone.
func (s *Service) PublicPlans(ctx context.Context, f sql.PublicPlanFilter) ([]sql.PublicPlan, int, bool, error) {
	return s.store.PublicPlans(ctx, f)
}

// PublicPlan is one published supply plan by id.
func (s *Service) PublicPlan(ctx context.Context, id int64) (*sql.PublicPlan, error) {
	return s.store.PublicPlan(ctx, id)
}
