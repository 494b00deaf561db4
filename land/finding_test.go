package land

import (
	"testing"
	"time"
)

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
			err := CheckFindingMove(FindingOverlap, c.from, FindingMove{Status: c.to, Assignee: c.assignee, Reason: c.reason})
			if ErrorField(err) != c.field || (c.field != "" && ErrorCode(err) != CodeInvalid) {
				t.Errorf("error %v, want field %q", err, c.field)
			}
		})
	}
}

func TestIdleDecisions(t *testing.T) {
	on := NewDate(2026, time.May, 6)
	cases := []struct {
		name  string
		from  string
		move  FindingMove
		field string
	}{
		{"a determination names its document, date and cause", FindingVerified,
			FindingMove{Status: FindingDetermined, Reason: "认定", DocumentNo: "X自然资闲认〔2026〕3号", DecidedOn: on, Cause: CauseHolder}, ""},
		{"a determination without a document number is refused", FindingVerified,
			FindingMove{Status: FindingDetermined, Reason: "认定", DecidedOn: on, Cause: CauseHolder}, "document_no"},
		{"a determination without a date is refused", FindingVerified,
			FindingMove{Status: FindingDetermined, Reason: "认定", DocumentNo: "3号", Cause: CauseHolder}, "decided_on"},
		{"a determination without a known cause is refused", FindingVerified,
			FindingMove{Status: FindingDetermined, Reason: "认定", DocumentNo: "3号", DecidedOn: on, Cause: "weather"}, "cause"},
		{"a disposal names its measure", FindingDetermined,
			FindingMove{Status: FindingDisposal, Reason: "处置", DocumentNo: "4号", DecidedOn: on, Measure: DisposalFee}, ""},
		{"a disposal with an unknown measure is refused", FindingDetermined,
			FindingMove{Status: FindingDisposal, Reason: "处置", DocumentNo: "4号", DecidedOn: on, Measure: "fine"}, "measure"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckFindingMove(FindingSuspectedIdle, c.from, c.move)
			if ErrorField(err) != c.field || (c.field != "" && ErrorCode(err) != CodeInvalid) {
				t.Errorf("error %v, want field %q", err, c.field)
			}
		})
	}
	t.Run("an overlap is determined without a decision document", func(t *testing.T) {
		if err := CheckFindingMove(FindingOverlap, FindingVerified, FindingMove{Status: FindingDetermined, Reason: "same ground"}); err != nil {
			t.Error(err)
		}
		if _, ok := DecisionEvent(FindingOverlap, FindingMove{Status: FindingDetermined}, nil); ok {
			t.Error("an overlap's determination records an idle-land event")
		}
	})
	fee := 96.5
	t.Run("a fee disposal keeps the computed fee", func(t *testing.T) {
		e, ok := DecisionEvent(FindingSuspectedIdle, FindingMove{Status: FindingDisposal, DocumentNo: "4号", DecidedOn: on, Measure: DisposalFee}, &fee)
		if !ok || e.Kind != EventDisposal || e.FeeWan == nil || *e.FeeWan != fee || e.DocumentNo != "4号" || e.OccurredOn != on {
			t.Errorf("event %+v", e)
		}
	})
	t.Run("an extension keeps no fee and records its newly agreed start", func(t *testing.T) {
		newStart := NewDate(2022, 3, 1)
		e, _ := DecisionEvent(FindingSuspectedIdle, FindingMove{Status: FindingDisposal, Measure: DisposalExtension, NewStart: newStart}, &fee)
		if e.FeeWan != nil {
			t.Errorf("fee %v on an extension", *e.FeeWan)
		}
		if e.NewStart != newStart {
			t.Errorf("new start %s, want %s", e.NewStart, newStart)
		}
	})
	t.Run("a determination becomes an idle determination with its cause", func(t *testing.T) {
		e, _ := DecisionEvent(FindingSuspectedIdle, FindingMove{Status: FindingDetermined, DocumentNo: "3号", DecidedOn: on, Cause: CauseGovernment}, &fee)
		if e.Kind != EventIdleDetermination || e.Cause != CauseGovernment || e.FeeWan != nil {
			t.Errorf("event %+v", e)
		}
	})
}

func TestVerdicts(t *testing.T) {
	third, over := 0.3, 1.2
	cases := []struct {
		name                string
		verdict             string
		developed, invested *float64
		field               string
	}{
		{"idle confirmed needs no figures", VerdictIdleConfirmed, nil, nil, ""},
		{"a measured verdict carries a share", VerdictMeasured, &third, nil, ""},
		{"a measured verdict without shares is refused", VerdictMeasured, nil, nil, "developed_share"},
		{"a share over one is refused", VerdictStarted, nil, &over, "invested_share"},
		{"an unknown verdict is refused", "confirmed", nil, nil, "verdict"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckVerdict(c.verdict, c.developed, c.invested)
			if ErrorField(err) != c.field {
				t.Errorf("error %v, want field %q", err, c.field)
			}
		})
	}
}

func TestInvestigationNotice(t *testing.T) {
	on := NewDate(2026, time.May, 6)
	notice := func(status string) FindingMove {
		return FindingMove{Step: StepNotice, Status: status, Reason: "调查通知书已送达", DocumentNo: "X自然资闲调〔2026〕1号", DecidedOn: on}
	}
	cases := []struct {
		name  string
		kind  string
		from  string
		move  FindingMove
		field string
	}{
		{"an open suspicion takes its notice", FindingSuspectedIdle, FindingOpen, notice(""), ""},
		{"a verified suspicion takes its notice and stays verified", FindingSuspectedIdle, FindingVerified, notice(FindingVerified), ""},
		{"the notice step does not move the finding elsewhere", FindingSuspectedIdle, FindingAssigned, notice(FindingVerified), "status"},
		{"a determined finding takes no notice", FindingSuspectedIdle, FindingDetermined, notice(""), "status"},
		{"a dismissed finding takes no notice", FindingSuspectedIdle, FindingDismissed, notice(""), "status"},
		{"an overlap takes no idle-land notice", FindingOverlap, FindingOpen, notice(""), "step"},
		{"a notice names its document", FindingSuspectedIdle, FindingOpen, FindingMove{Step: StepNotice, Reason: "送达", DecidedOn: on}, "document_no"},
		{"a notice gives its day", FindingSuspectedIdle, FindingOpen, FindingMove{Step: StepNotice, Reason: "送达", DocumentNo: "1号"}, "decided_on"},
		{"a notice says why", FindingSuspectedIdle, FindingOpen, FindingMove{Step: StepNotice, DocumentNo: "1号", DecidedOn: on}, "reason"},
		{"an unknown step is refused", FindingSuspectedIdle, FindingOpen, FindingMove{Step: "letter", Reason: "x"}, "step"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckFindingMove(c.kind, c.from, c.move)
			if ErrorField(err) != c.field || (c.field != "" && ErrorCode(err) != CodeInvalid) {
				t.Errorf("error %v, want field %q", err, c.field)
			}
		})
	}
}

func TestVerificationMoves(t *testing.T) {
	for from, want := range map[string]bool{
		FindingOpen: true, FindingAssigned: true, FindingVerified: false,
		FindingDetermined: false, FindingDismissed: false, FindingDisposal: false, FindingClosed: false,
	} {
		t.Run("a verification of a finding in status "+from+" moves it: "+map[bool]string{true: "yes", false: "no"}[want], func(t *testing.T) {
			if got := VerificationMoves(from); got != want {
				t.Errorf("VerificationMoves(%s) = %v", from, got)
			}
		})
	}
}
