package land

import "testing"

func TestFindingMoves(t *testing.T) {
	cases := []struct {
		name                       string
		from, to, assignee, reason string
		field                      string
	}{
		{"an open finding can be assigned to someone", FindingOpen, FindingAssigned, "team-3", "field check", ""},
		{"an assignment without a person is refused", FindingOpen, FindingAssigned, "", "field check", "assignee"},
		{"a move without a reason is refused", FindingAssigned, FindingVerified, "", "", "reason"},
		{"an open finding cannot be determined before verification", FindingOpen, FindingDetermined, "", "sure", "status"},
		{"a verified finding can be determined", FindingVerified, FindingDetermined, "", "认定书 issued", ""},
		{"a determined finding goes to disposal", FindingDetermined, FindingDisposal, "", "fee decided", ""},
		{"a closed finding stays closed", FindingClosed, FindingOpen, "", "again", "status"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckFindingMove(c.from, c.to, c.assignee, c.reason)
			if ErrorField(err) != c.field || (c.field != "" && ErrorCode(err) != CodeInvalid) {
				t.Errorf("error %v, want field %q", err, c.field)
			}
		})
	}
}
