package supervision

import (
	"context"
	"strings"

	"landwatch/land"
	"landwatch/sql"
)

// League ranks the regions one level below region (the scope's own when
// "") for the 通报 of a period: timeliness, backlog, idle land, overlaps,
// late reports and signs of false or concealed reporting, with a score
// (land.LeagueFigures.Score).
func (s *Service) League(ctx context.Context, sc land.Scope, region string, p land.Period) ([]land.LeagueRow, error) {
	rows, err := s.store.League(ctx, sc, region, p)
	if err != nil {
		return nil, err
	}
	if err := s.countLateReports(ctx, rows, p); err != nil {
		return nil, err
	}
	land.RankLeague(rows)
	return rows, nil
}

// countLateReports adds to each row the quarterly reports of its province
// or key cities that fell due in the period (their deadline in it) and
// were submitted after it, or are still not submitted when it has passed.
func (s *Service) countLateReports(ctx context.Context, rows []land.LeagueRow, p land.Period) error {
	at := map[string]int{}
	for i, r := range rows {
		at[r.Region] = i
	}
	for year := p.From.Time().Year() - 1; year <= p.To.Time().Year(); year++ {
		for q := 1; q <= 4; q++ {
			rp := land.ReportPeriod{Year: year, Quarters: q}
			if d, _ := rp.Deadline(s.rules.Calendar); d.Before(p.From) || d.After(p.To) {
				continue
			}
			subs, err := s.ReportSubmissions(ctx, land.SystemScope("league"), rp)
			if err != nil {
				return err
			}
			for _, st := range subs {
				if !st.Late {
					continue
				}
				if i, ok := at[leagueRowOf(st.Region.Code, rows)]; ok {
					rows[i].LateReports++
				}
			}
		}
	}
	return nil
}

// leagueRowOf is the region of the league's rows that holds code: the
// rows are the regions of one level, so the one whose code, cut to its
// own level, starts code.
func leagueRowOf(code string, rows []land.LeagueRow) string {
	for _, r := range rows {
		if strings.HasPrefix(code, land.RegionPrefix(r.Region)) {
			return r.Region
		}
	}
	return ""
}

// ScanReporting keeps the late_entry findings and the findings of signs of
// false or concealed reporting as of a day (sql.Store.ScanReporting), with
// the footprint evidence of the index. The idle-land scan's callers run it
// after that scan: `landwatch scan` and the daily scan.
func (s *Service) ScanReporting(ctx context.Context, sc land.Scope, asOf land.Date) (sql.ReportingScanResult, error) {
	if err := sc.Allow(land.PermWork, ""); err != nil {
		return sql.ReportingScanResult{}, err
	}
	if err := s.engine.CatchUp(ctx); err != nil {
		return sql.ReportingScanResult{}, err
	}
	return s.store.ScanReporting(ctx, sc, s.rules.Reporting, asOf, s.engine.Coverage)
}

// LeaguePosition is the place of the scope's own region in the league of
// its parent's regions: a county sees its rank among the counties of its
// prefecture though it may not read their figures. It returns the row and
// how many regions are ranked; CodeInvalid for the nation or a system
// actor, which have no parent league.
func (s *Service) LeaguePosition(ctx context.Context, sc land.Scope, p land.Period) (land.LeagueRow, int, error) {
	u := sc.User()
	if u == nil || u.Region == land.NationCode {
		return land.LeagueRow{}, 0, land.Invalid("mine", "the nation has no position in a league: ask for the league itself")
	}
	if err := sc.Allow(land.PermRead, u.Region); err != nil {
		return land.LeagueRow{}, 0, err
	}
	parent := s.rules.Regions.Parent(u.Region)
	if parent == "" {
		parent = land.NationCode
	}
	// Read on the user's behalf: only the user's own row leaves.
	rows, err := s.League(ctx, land.SystemScope("league"), parent, p)
	if err != nil {
		return land.LeagueRow{}, 0, err
	}
	for _, r := range rows {
		if r.Region == u.Region {
			return r, len(rows), nil
		}
	}
	return land.LeagueRow{}, 0, land.Errorf(land.CodeNotFound, "%s has no place in the league of %s", u.Region, parent)
}

// Bulletin is the 通报 of a period: the league, and the regions it
// criticises with the reasons (land.LeagueFigures.Criticisms).
type Bulletin struct {
	Period     land.Period             `json:"period"`
	Region     string                  `json:"region_code"`
	Thresholds land.BulletinThresholds `json:"thresholds"`
	League     []land.LeagueRow        `json:"league"`
	Criticised []CriticisedRegion      `json:"criticised"`
}

// CriticisedRegion is a region the 通报 names, with why.
type CriticisedRegion struct {
	Region  string           `json:"region_code"`
	Name    string           `json:"name"`
	Rank    int              `json:"rank"`
	Score   float64          `json:"score"`
	Reasons []land.Criticism `json:"reasons"`
}

// Bulletin makes the 通报 of a period for the regions one level below
// region (the scope's own when "").
func (s *Service) Bulletin(ctx context.Context, sc land.Scope, region string, p land.Period) (*Bulletin, error) {
	rows, err := s.League(ctx, sc, region, p)
	if err != nil {
		return nil, err
	}
	if region == "" && sc.User() != nil {
		region = sc.User().Region
	}
	b := &Bulletin{Period: p, Region: region, Thresholds: land.DefaultBulletinThresholds(), League: rows, Criticised: []CriticisedRegion{}}
	for _, r := range rows {
		if why := r.Criticisms(b.Thresholds); len(why) > 0 {
			b.Criticised = append(b.Criticised, CriticisedRegion{r.Region, r.Name, r.Rank, r.Score, why})
		}
	}
	return b, nil
}

// StatisticsSummary is idle land, overlaps and development of the scope's
// subtree (or region's) for the contract days from..to.
func (s *Service) StatisticsSummary(ctx context.Context, sc land.Scope, region string, from, to land.Date) (*sql.StatisticsSummary, error) {
	return s.store.StatisticsSummary(ctx, sc, region, from, to)
}
