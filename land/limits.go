package land

import (
	"strings"
	"unicode/utf8"
)

// The longest text, in characters, a field may hold. A record's field
// unbounded let a 60 MiB project name in, and every list that showed it
// out again; the limits leave room over what a land office writes:
//
//	limitCode    64: e_number, method, region_code, land_use_code,
//	                 contract_number, land_grade, review states and
//	                 decisions, parcel number, event kind, cause,
//	                 disposal, document_no (文号), finding step and
//	                 status, verdict, role and region of an account
//	limitAccount 64: account names (assignee, reviewed_by, submitted_by,
//	                 updated_by, recorded_by, inspector)
//	limitName   200: project_name (项目名称), holder (土地使用权人),
//	                 collective_owner (集体经济组织),
//	                 district_name, industry, land_use_original (土地用途
//	                 as written), parcel name and land use, approved_by
//	                 (批准单位), term_text, token names
//	limitPlace  500: location (项目位置, with its four boundaries), source_text
//	                 (土地来源 as published)
//	limitRemark 4000: reasons, notes and measures: review_reason, an
//	                 event's reason and note, a finding move's reason and
//	                 measure, a verification's notes
//
// The fields of each record are listed by its texts method below.
const (
	limitCode    = 64
	limitAccount = 64
	limitName    = 200
	limitPlace   = 500
	limitRemark  = 4000
)

// textField is one text field of a record with the most characters it may
// hold.
type textField struct {
	name  string
	value string
	max   int
}

func (s *Supply) texts() []textField {
	return []textField{
		{"e_number", s.ENumber, limitCode},
		{"method", s.Method, limitCode},
		{"region_code", s.RegionCode, limitCode},
		{"district_name", s.DistrictName, limitName},
		{"project_name", s.ProjectName, limitName},
		{"location", s.Location, limitPlace},
		{"source_text", s.SourceText, limitPlace},
		{"reserve_number", s.ReserveNumber, limitCode},
		{"land_use_original", s.LandUseOriginal, limitName},
		{"land_use_code", s.LandUseCode, limitCode},
		{"term_text", s.TermText, limitName},
		{"industry", s.Industry, limitName},
		{"land_grade", s.LandGrade, limitCode},
		{"holder", s.Holder, limitName},
		{"collective_owner", s.CollectiveOwner, limitName},
		{"contract_number", s.ContractNumber, limitCode},
		{"approved_by", s.ApprovedBy, limitName},
		{"review_status", s.ReviewStatus, limitCode},
		{"review_reason", s.ReviewReason, limitRemark},
		{"reviewed_by", s.ReviewedBy, limitAccount},
		{"submitted_by", s.SubmittedBy, limitAccount},
		{"updated_by", s.UpdatedBy, limitAccount},
	}
}

func (p *Parcel) texts() []textField {
	return []textField{
		{"number", p.Number, limitCode},
		{"name", p.Name, limitName},
		{"land_use", p.LandUse, limitName},
	}
}

func (e *Event) texts() []textField {
	return []textField{
		{"kind", string(e.Kind), limitCode},
		{"recorded_by", e.RecordedBy, limitAccount},
		{"cause", e.Cause, limitCode},
		{"disposal", e.Disposal, limitCode},
		{"reason", e.Reason, limitRemark},
		{"document_no", e.DocumentNo, limitCode},
		{"note", e.Note, limitRemark},
	}
}

func (m *FindingMove) texts() []textField {
	return []textField{
		{"step", m.Step, limitCode},
		{"status", m.Status, limitCode},
		{"assignee", m.Assignee, limitAccount},
		{"reason", m.Reason, limitRemark},
		{"document_no", m.DocumentNo, limitCode},
		{"cause", m.Cause, limitCode},
		{"measure", m.Measure, limitRemark},
	}
}

func (r *Review) texts() []textField {
	return []textField{
		{"decision", r.Decision, limitCode},
		{"reason", r.Reason, limitRemark},
	}
}

func (u *User) texts() []textField {
	return []textField{
		{"name", u.Name, limitAccount},
		{"role", string(u.Role), limitCode},
		{"region_code", u.Region, limitCode},
	}
}

// CheckText checks the supply's own text fields (not its parcels' or
// events', which their own checks cover) against the limits above.
func (s *Supply) CheckText() error { return checkTexts(s.texts()) }

// CheckText checks the parcel's text fields.
func (p *Parcel) CheckText() error { return checkTexts(p.texts()) }

// CheckText checks the event's text fields.
func (e *Event) CheckText() error { return checkTexts(e.texts()) }

// CheckText checks the text fields of a finding's move.
func (m *FindingMove) CheckText() error { return checkTexts(m.texts()) }

// CheckText checks the text fields of a review.
func (r *Review) CheckText() error { return checkTexts(r.texts()) }

// CheckText checks the text fields of an account: its name, role and
// region.
func (u *User) CheckText() error { return checkTexts(u.texts()) }

// CheckTokenName checks the name that says what a bearer token is for.
func CheckTokenName(name string) error { return checkTexts([]textField{{"name", name, limitName}}) }

// CheckVerificationText checks the text fields of a field verification
// (实地核查): its verdict, the inspector's account and the notes.
func CheckVerificationText(verdict, inspector, notes string) error {
	return checkTexts([]textField{{"verdict", verdict, limitCode}, {"inspector", inspector, limitAccount}, {"notes", notes, limitRemark}})
}

// checkTexts refuses each field longer than its limit, holding the NUL
// character (PostgreSQL's text cannot) or not UTF-8 (an import read with
// the wrong encoding): one CodeInvalid error naming every such field and,
// for a length, the limit.
func checkTexts(fields []textField) error {
	var errs []error
	for _, f := range fields {
		if err := f.check(); err != nil {
			errs = append(errs, err)
		}
	}
	return JoinInvalid(errs...)
}

func (f textField) check() error {
	// A string of no more bytes than the limit has no more characters.
	if len(f.value) > f.max {
		if n := utf8.RuneCountInString(f.value); n > f.max {
			return Invalid(f.name, "at most %d characters, not %d", f.max, n)
		}
	}
	if strings.IndexByte(f.value, 0) >= 0 {
		return Invalid(f.name, "may not contain the NUL character")
	}
	if !utf8.ValidString(f.value) {
		return Invalid(f.name, "is not valid UTF-8 text")
	}
	return nil
}
