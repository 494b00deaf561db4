package land

import "slices"

// The statuses of a finding (核查线索) in the order a case moves through
// them (DESIGN §4.2, issue 5).
const (
	FindingOpen       = "open"
	FindingAssigned   = "assigned"
	FindingVerified   = "verified"
	FindingDetermined = "determined"
	FindingDismissed  = "dismissed"
	FindingDisposal   = "disposal"
	FindingClosed     = "closed"
)

// The kinds of finding.
const (
	FindingSuspectedIdle = "suspected_idle" // 疑似闲置
	FindingOverlap       = "overlap"        // 重复供地
	FindingLateEntry     = "late_entry"     // 迟报
	FindingInconsistency = "inconsistency"  // 数据矛盾
	// FindingReserveOverlap is a supply covering reserve land (收购储备) it
	// does not name as its land's source: land supplied while in reserve.
	FindingReserveOverlap = "reserve_overlap" // 占用储备土地
	// FindingIdleTransaction is a transfer, lease or mortgage entered on
	// land suspected or determined idle and not disposed of (DESIGN §4.2):
	// accepted with a warning, and flagged for a reviewer.
	FindingIdleTransaction = "idle_transaction" // 闲置土地上的交易
)

// Verdicts of a field verification (实地核查结论).
const (
	VerdictIdleConfirmed = "idle_confirmed" // nothing is being built: the suspicion holds
	VerdictStarted       = "started"        // construction has started
	VerdictMeasured      = "measured"       // developed and invested shares measured on site
	VerdictNotIdle       = "not_idle"       // the land is in use as agreed
)

// CheckVerdict checks a field verification's verdict and its measured
// shares (0..1); "measured" needs at least one of them. Errors name the field.
func CheckVerdict(verdict string, developed, invested *float64) error {
	for _, s := range []struct {
		field string
		v     *float64
	}{{"developed_share", developed}, {"invested_share", invested}} {
		if s.v != nil && (*s.v < 0 || *s.v > 1) {
			return Invalid(s.field, "%v is not a share from 0 to 1", *s.v)
		}
	}
	switch verdict {
	case VerdictIdleConfirmed, VerdictStarted, VerdictNotIdle:
		return nil
	case VerdictMeasured:
		if developed == nil && invested == nil {
			return Invalid("developed_share", "a measured verdict needs the developed share or the invested share")
		}
		return nil
	}
	return Invalid("verdict", "%q is not a verdict (idle_confirmed, started, measured, not_idle)", verdict)
}

// StepNotice is the step of a suspected-idle finding that records the
// investigation notice (闲置土地调查通知书, Order No. 53 art. 9) sent to the
// holder: the finding keeps its status.
const StepNotice = "notice"

// NoticeDays is how many days after a suspicion is found the investigation
// notice is due (Order No. 53 art. 9: investigate within 30 days).
const NoticeDays = 30

// NoticeOwed reports whether a finding still waits for its investigation
// notice: a suspected-idle finding not yet determined, dismissed or closed.
func NoticeOwed(kind, status string) bool {
	return kind == FindingSuspectedIdle && slices.Contains([]string{FindingOpen, FindingAssigned, FindingVerified}, status)
}

// StepVerification marks the step a field verification made when it moved
// its finding (VerificationMoves).
const StepVerification = "verification"

// DecidedStatuses are the statuses of a finding past its decision: a
// determined finding or one in disposal ends only by its own steps, never
// because a re-scan no longer finds its cause.
func DecidedStatuses() []string { return []string{FindingDetermined, FindingDisposal} }

// VerificationMoves reports whether a field verification moves a finding
// in status from to verified: an open finding moves as an assigned one
// does, since who went on site matters less than what they saw.
func VerificationMoves(from string) bool {
	return from == FindingOpen || from == FindingAssigned
}

// findingMoves lists where a finding may go from each status.
func findingMoves() map[string][]string {
	return map[string][]string{
		FindingOpen:       {FindingAssigned, FindingDismissed, FindingClosed},
		FindingAssigned:   {FindingAssigned, FindingVerified, FindingDismissed},
		FindingVerified:   {FindingDetermined, FindingDismissed},
		FindingDetermined: {FindingDisposal},
		FindingDismissed:  {FindingClosed},
		FindingDisposal:   {FindingClosed},
	}
}

// FindingMove is one step of a finding: where it goes, to whom, why, and —
// for the determination (认定) and disposal (处置) of idle land — the
// decision document behind the step.
type FindingMove struct {
	// Step is "" for a move to Status, or StepNotice for the investigation
	// notice, which leaves the status as it is (Status may be omitted).
	Step     string `json:"step,omitzero"`
	Status   string `json:"status"`
	Assignee string `json:"assignee"`
	Reason   string `json:"reason"`
	// DocumentNo and DecidedOn name the decision: the idle-land
	// determination (闲置土地认定书) or the disposal decision (处置决定书);
	// for the notice step, the notice and the day it was issued.
	DocumentNo string `json:"document_no"`
	DecidedOn  Date   `json:"decided_on"`
	// Cause of the idleness, on determination: holder, government or
	// force_majeure.
	Cause string `json:"cause"`
	// Measure of a disposal: fee, extension, recovery_without_compensation, …
	Measure string `json:"measure"`
	// NewStart is the start a disposal newly agrees (for temporary use, the
	// day it ends); the idle clock restarts from it (art. 12).
	NewStart Date `json:"new_start,omitzero"`
}

// CheckFindingMove checks that a finding may move from one status to
// another, that a reason is given, that an assignment names someone, and
// that the determination and disposal of suspected idle land name their
// decision document, its date, and the cause or the measure. The notice
// step is for suspected idle land before its determination or dismissal
// and names the notice and its date. Errors are CodeInvalid naming the
// field.
func CheckFindingMove(kind, from string, m FindingMove) error {
	if err := m.CheckText(); err != nil {
		return err
	}
	switch m.Step {
	case "":
	case StepNotice:
		return checkNotice(kind, from, m)
	default:
		return Invalid("step", "%q is not a step (notice, or none for a change of status)", m.Step)
	}
	allowed, known := findingMoves()[from]
	if !known {
		return Invalid("status", "a finding in status %s cannot move", from)
	}
	if !slices.Contains(allowed, m.Status) {
		return Invalid("status", "a finding cannot go from %s to %s", from, m.Status)
	}
	if m.Reason == "" {
		return Invalid("reason", "say why the finding moves")
	}
	if m.Status == FindingAssigned && m.Assignee == "" {
		return Invalid("assignee", "name who the finding is assigned to")
	}
	if kind != FindingSuspectedIdle || (m.Status != FindingDetermined && m.Status != FindingDisposal) {
		return nil
	}
	if m.DocumentNo == "" {
		return Invalid("document_no", "name the decision document (文号) of the %s", m.Status)
	}
	if m.DecidedOn.IsZero() {
		return Invalid("decided_on", "give the date of the decision document")
	}
	if m.Status == FindingDetermined && !slices.Contains([]string{CauseHolder, CauseGovernment, CauseForceMajeure}, m.Cause) {
		return Invalid("cause", "%q is not a cause of idle land (holder, government, force_majeure)", m.Cause)
	}
	if m.Status == FindingDisposal && !KnownDisposal(m.Measure) {
		return Invalid("measure", "%q is not a disposal measure", m.Measure)
	}
	return nil
}

// checkNotice checks the investigation notice step (StepNotice).
func checkNotice(kind, from string, m FindingMove) error {
	switch {
	case kind != FindingSuspectedIdle:
		return Invalid("step", "an investigation notice is sent for suspected idle land only, not for a finding of kind %s", kind)
	case !NoticeOwed(kind, from):
		return Invalid("status", "a finding in status %s takes no investigation notice: it is sent before the determination or dismissal", from)
	case m.Status != "" && m.Status != from:
		return Invalid("status", "the notice step leaves the finding %s; move it in a step of its own", from)
	case m.Reason == "":
		return Invalid("reason", "say why the finding moves")
	case m.DocumentNo == "":
		return Invalid("document_no", "name the investigation notice (调查通知书文号)")
	case m.DecidedOn.IsZero():
		return Invalid("decided_on", "give the day the notice was issued")
	}
	return nil
}

// DecisionEvent returns the event a determination or disposal of suspected
// idle land records on its supply, with feeWan (the fee computed by the
// idle rule, nil when unknown) kept on a fee disposal; ok is false for
// other moves.
func DecisionEvent(kind string, m FindingMove, feeWan *float64) (e Event, ok bool) {
	if kind != FindingSuspectedIdle {
		return Event{}, false
	}
	switch m.Status {
	case FindingDetermined:
		return Event{Kind: EventIdleDetermination, OccurredOn: m.DecidedOn, Cause: m.Cause, DocumentNo: m.DocumentNo, Note: m.Reason}, true
	case FindingDisposal:
		e := Event{Kind: EventDisposal, OccurredOn: m.DecidedOn, Disposal: m.Measure, DocumentNo: m.DocumentNo, Note: m.Reason, NewStart: m.NewStart}
		if m.Measure == DisposalFee {
			e.FeeWan = feeWan
		}
		return e, true
	}
	return Event{}, false
}
