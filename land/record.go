package land

import "time"

// RecordState is what landwatch keeps of every record a clerk enters and
// a reviewer decides: its review, its version and who changed it when.
type RecordState struct {
	ReviewStatus string    `json:"review_status"`
	ReviewReason string    `json:"review_reason,omitzero"`
	ReviewedBy   string    `json:"reviewed_by,omitzero"`
	SubmittedBy  string    `json:"submitted_by,omitzero"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at,omitzero"`
	UpdatedAt    time.Time `json:"updated_at,omitzero"`
	UpdatedBy    string    `json:"updated_by,omitzero"`
}

// RecordVersion is the record's version, its ETag.
func (r RecordState) RecordVersion() int { return r.Version }

// Timeliness is how late a record was entered: the working days from its
// legal date to its entry, and whether that passed the deadline (7
// working days, DESIGN §4.1); set by landwatch.
type Timeliness struct {
	LagWorkdays *int `json:"lag_workdays,omitempty"`
	Late        bool `json:"late,omitzero"`
}

// SetLag measures an entry made at recorded from the legal day from with
// lag (the rules' measure, supervision.Rules.Lag); no day, no lag.
func (t *Timeliness) SetLag(lag func(from Date, recorded time.Time) (int, bool), from Date, recorded time.Time) {
	if from.IsZero() {
		t.LagWorkdays, t.Late = nil, false
		return
	}
	n, late := lag(from, recorded)
	t.LagWorkdays, t.Late = &n, late
}
