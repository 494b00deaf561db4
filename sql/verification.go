package sql

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// Verification is what a field team recorded on site about a finding.
type Verification struct {
	ID             int64     `json:"id"`
	FindingID      int64     `json:"finding_id"`
	Inspector      string    `json:"inspector"`
	Lon            float64   `json:"lon"`
	Lat            float64   `json:"lat"`
	AccuracyM      float64   `json:"accuracy_m"`
	DistanceM      float64   `json:"distance_m"` // from the position to the nearest parcel of the finding's supply
	ObservedAt     time.Time `json:"observed_at"`
	Verdict        string    `json:"verdict"` // idle_confirmed, started, measured or not_idle
	DevelopedShare *float64  `json:"developed_share,omitempty"`
	InvestedShare  *float64  `json:"invested_share,omitempty"`
	Notes          string    `json:"notes,omitzero"`
	Photos         []Photo   `json:"photos"`
}

// Photo is one photo of a verification; Data is not sent back in lists.
// TakenAt and the position are what its EXIF says, when it says it.
type Photo struct {
	SHA256      string     `json:"sha256"`
	ContentType string     `json:"content_type"`
	Data        []byte     `json:"-"`
	TakenAt     *time.Time `json:"taken_at,omitempty"`
	Lon         *float64   `json:"taken_lon,omitempty"`
	Lat         *float64   `json:"taken_lat,omitempty"`
	Width       int        `json:"width,omitzero"`
	Height      int        `json:"height,omitzero"`
}

// MaxPhotoBytes is the largest photo a verification keeps.
const MaxPhotoBytes = 10 << 20

// AddVerification records a field verification of a finding. The position
// must be on site: within the configured distance plus its accuracy of a
// parcel of the finding's supply (measured on the ellipsoid by PostGIS), or
// it is refused naming "position"; an accuracy worse than configured is
// refused naming "accuracy_m". An open or assigned finding becomes
// verified (land.VerificationMoves), the step recorded. What the team saw
// is recorded on the finding's supply (seenOnSite), so the idle rule counts
// it.
func (s *Store) AddVerification(ctx context.Context, sc land.Scope, v *Verification) error {
	actor := sc.Actor()
	if err := land.CheckVerdict(v.Verdict, v.DevelopedShare, v.InvestedShare); err != nil {
		return err
	}
	switch {
	case v.Lon < 73 || v.Lon > 136 || v.Lat < 3 || v.Lat > 54:
		return land.Invalid("position", "%.6f, %.6f is not in China", v.Lon, v.Lat)
	case v.AccuracyM < 0 || v.AccuracyM > s.verifyAccuracy:
		return land.Invalid("accuracy_m", "the position is known to %.0f m only; a field check needs %.0f m or better (wait for a better fix)", v.AccuracyM, s.verifyAccuracy)
	case v.ObservedAt.IsZero() || v.ObservedAt.After(s.rules.Now().Add(5*time.Minute)):
		return land.Invalid("observed_at", "the observation needs its time, not in the future")
	}
	for i, p := range v.Photos {
		if len(p.Data) > MaxPhotoBytes {
			return land.Invalid(fmt.Sprintf("photos[%d]", i), "%d bytes, over the %d MB a photo may have", len(p.Data), MaxPhotoBytes>>20)
		}
	}
	v.Inspector = actor
	return s.inTx(ctx, sc, func(tx pgx.Tx) error {
		var status, region string
		var dist *float64
		var supplyID *int64
		err := tx.QueryRow(ctx, qVerificationSite, v.FindingID, v.Lon, v.Lat).Scan(&status, &dist, &region, &supplyID)
		if err != nil {
			if land.ErrorCode(translate(err)) == land.CodeNotFound {
				return &land.Error{Code: land.CodeNotFound, Field: "finding_id", Message: fmt.Sprintf("no finding %d", v.FindingID)}
			}
			return translate(err)
		}
		if err := sc.Check(region); err != nil {
			return err // inspectors verify in their own region only
		}
		if dist == nil {
			return land.Invalid("finding_id", "the finding's supply has no boundary to check the position against")
		}
		v.DistanceM = *dist
		if v.DistanceM > s.verifyDistance+v.AccuracyM {
			return land.Invalid("position", "%.0f m from the parcel (accuracy %.0f m): a verification must be made on site", v.DistanceM, v.AccuracyM)
		}
		if status == land.FindingClosed {
			return &land.Error{Code: land.CodeConflict, Field: "finding_id", Message: "the finding is closed"}
		}
		if err := tx.QueryRow(ctx, qInsertVerification, v.FindingID, v.Inspector, v.Lon, v.Lat, v.AccuracyM, v.DistanceM,
			v.ObservedAt, v.Verdict, v.DevelopedShare, v.InvestedShare, v.Notes).Scan(&v.ID); err != nil {
			return translate(err)
		}
		for i := range v.Photos {
			p := &v.Photos[i]
			sum := sha256.Sum256(p.Data)
			p.SHA256 = hex.EncodeToString(sum[:])
			if _, err := tx.Exec(ctx, qInsertPhoto, v.ID, i+1, p.SHA256, p.ContentType, p.Data, p.TakenAt, p.Lon, p.Lat, p.Width, p.Height); err != nil {
				return translate(err)
			}
		}
		if supplyID != nil {
			if err := s.seenOnSite(ctx, tx, sc, *supplyID, v); err != nil {
				return land.PrefixField(err, "verification")
			}
		}
		if land.VerificationMoves(status) {
			if _, err := tx.Exec(ctx, `UPDATE finding SET status = 'verified', checked_at = now() WHERE id = $1`, v.FindingID); err != nil {
				return translate(err)
			}
			_, err := tx.Exec(ctx, qFindingStep, v.FindingID, status, land.FindingVerified, "", "field verification: "+v.Verdict, actor, "", nil, land.StepVerification)
			return translate(err)
		}
		return nil
	})
}

// seenOnSite records on supply what verification v saw, as events whose
// source is the verification, dated the day of the observation: a start,
// when the verdict is started and none is recorded (the team saw it begun,
// so it began on or before that day), and a progress report with the shares
// measured, which the idle rule weighs as any other.
func (s *Store) seenOnSite(ctx context.Context, tx pgx.Tx, sc land.Scope, supplyID int64, v *Verification) error {
	day := s.rules.DayOf(v.ObservedAt)
	source := fmt.Sprintf("field verification %d", v.ID)
	var seen []land.Event
	if v.Verdict == land.VerdictStarted {
		events, err := loadEvents(ctx, tx, supplyID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(events, func(e land.Event) bool { return e.Kind == land.EventStart }) {
			seen = append(seen, land.Event{Kind: land.EventStart, OccurredOn: day, VerificationID: &v.ID,
				Reason: "construction seen started on site by " + source})
		}
	}
	if v.DevelopedShare != nil || v.InvestedShare != nil {
		seen = append(seen, land.Event{Kind: land.EventProgress, OccurredOn: day, VerificationID: &v.ID,
			DevelopedShare: v.DevelopedShare, InvestedShare: v.InvestedShare, Note: "measured on site by " + source})
	}
	key := strconv.FormatInt(supplyID, 10)
	for i := range seen {
		if _, err := s.addEvent(ctx, tx, sc, key, &seen[i]); err != nil {
			return err
		}
	}
	return nil
}

const (
	qVerificationSite = `SELECT f.status,
	(SELECT min(ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4490)::geography))
	 FROM parcel p WHERE p.supply_id = f.supply_id), f.region_code, f.supply_id
FROM finding f WHERE f.id = $1 FOR UPDATE OF f`
	qInsertVerification = `INSERT INTO verification (finding_id, inspector, position, accuracy_m, distance_m, observed_at,
	verdict, developed_share, invested_share, notes)
VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4490), $5, $6, $7, $8, $9, $10, $11) RETURNING id`
	qInsertPhoto = `INSERT INTO verification_photo (verification_id, n, sha256, content_type, data, taken_at, taken_position, width, height)
VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::float8 IS NOT NULL THEN ST_SetSRID(ST_MakePoint($7, $8), 4490) END, $9, $10)`
)
