package land

import (
	"strconv"
	"strings"
	"testing"
)

// Each record's text fields are refused past their limit, naming the
// field and the limit, and taken at it; NUL and bytes that are not UTF-8
// are refused too. The checks are those the store runs for the API, the
// command line and imports alike.
func TestTextFieldsAreLimitedNamingTheFieldAndTheLimit(t *testing.T) {
	at := func(n int) string { return strings.Repeat("地", n) }
	cases := []struct {
		name  string
		check func(v string) error
		field string
		limit int
	}{
		{"a supply's project name", func(v string) error { s := validSupply(); s.ProjectName = v; _, err := s.Normalize(nil); return err }, "project_name", 200},
		{"a supply's holder", func(v string) error { s := validSupply(); s.Holder = v; _, err := s.Normalize(nil); return err }, "holder", 200},
		{"a supply's location", func(v string) error { s := validSupply(); s.Location = v; _, err := s.Normalize(nil); return err }, "location", 500},
		{"a supply's source text", func(v string) error { s := validSupply(); s.SourceText = v; _, err := s.Normalize(nil); return err }, "source_text", 500},
		{"a supply's contract number", func(v string) error { s := validSupply(); s.ContractNumber = v; _, err := s.Normalize(nil); return err }, "contract_number", 64},
		{"a supply's approving body", func(v string) error { s := validSupply(); s.ApprovedBy = v; _, err := s.Normalize(nil); return err }, "approved_by", 200},
		{"a supply's review reason", func(v string) error { s := validSupply(); s.ReviewReason = v; _, err := s.Normalize(nil); return err }, "review_reason", 4000},
		{"a parcel's name", func(v string) error { p := Parcel{Name: v}; return p.CheckText() }, "name", 200},
		{"a parcel's number", func(v string) error { p := Parcel{Number: v}; return p.CheckText() }, "number", 64},
		{"an event's note", func(v string) error { e := Event{Note: v}; return e.CheckText() }, "note", 4000},
		{"an event's document number", func(v string) error { e := Event{DocumentNo: v}; return e.CheckText() }, "document_no", 64},
		{"a finding move's reason", func(v string) error {
			return CheckFindingMove(FindingOverlap, FindingOpen, FindingMove{Status: FindingAssigned, Assignee: "a", Reason: v})
		}, "reason", 4000},
		{"a finding move's assignee", func(v string) error {
			return CheckFindingMove(FindingOverlap, FindingOpen, FindingMove{Status: FindingAssigned, Assignee: v, Reason: "r"})
		}, "assignee", 64},
		{"a review's reason", func(v string) error {
			_, err := CheckReview(ReviewSubmitted, "", "", Review{Decision: "return", Reason: v})
			return err
		}, "reason", 4000},
		{"an account's name", func(v string) error { u := User{Name: v, Role: RoleClerk, Region: "130626"}; return u.CheckText() }, "name", 64},
		{"a token's name", CheckTokenName, "name", 200},
		{"a verification's notes", func(v string) error { return CheckVerificationText(VerdictNotIdle, "i", v) }, "notes", 4000},
	}
	for _, c := range cases {
		t.Run(c.name+" is taken at its limit", func(t *testing.T) {
			if err := c.check(at(c.limit)); err != nil {
				t.Errorf("refused at %d characters: %v", c.limit, err)
			}
		})
		t.Run(c.name+" is refused one character past it", func(t *testing.T) {
			err := c.check(at(c.limit + 1))
			if ErrorCode(err) != CodeInvalid || ErrorField(err) != c.field || !strings.Contains(err.Error(), strconv.Itoa(c.limit)) {
				t.Errorf("error %v, want %s refused naming %d", err, c.field, c.limit)
			}
		})
		for _, bad := range []string{"a\x00b", "a\xffb"} {
			t.Run(c.name+" is refused with "+strconv.Quote(bad), func(t *testing.T) {
				if err := c.check(bad); ErrorCode(err) != CodeInvalid || ErrorField(err) != c.field {
					t.Errorf("error %v, want %s refused", err, c.field)
				}
			})
		}
	}
}

func TestATermOfUseIsOneToAHundredYears(t *testing.T) {
	for _, c := range []struct {
		years int
		ok    bool
	}{{1, true}, {70, true}, {100, true}, {0, false}, {-5, false}, {101, false}, {1_000_000_000_000, false}} {
		t.Run(strconv.Itoa(c.years)+" years", func(t *testing.T) {
			s := validSupply()
			s.TermYears = &c.years
			_, err := s.Normalize(nil)
			if ok := err == nil; ok != c.ok || (!ok && ErrorField(err) != "term_years") {
				t.Errorf("error %v, want accepted %v", err, c.ok)
			}
		})
	}
}
