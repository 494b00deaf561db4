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

// CheckFindingMove checks that a finding may move from one status to
// another, that a reason is given, and that an assignment names someone.
// Errors are CodeInvalid naming "status", "reason" or "assignee".
func CheckFindingMove(from, to, assignee, reason string) error {
	allowed, known := findingMoves()[from]
	if !known {
		return Invalid("status", "a finding in status %q cannot move", from)
	}
	if !slices.Contains(allowed, to) {
		return Invalid("status", "a finding cannot go from %s to %s (allowed: %v)", from, to, allowed)
	}
	if reason == "" {
		return Invalid("reason", "say why the finding moves")
	}
	if to == FindingAssigned && assignee == "" {
		return Invalid("assignee", "name who the finding is assigned to")
	}
	return nil
}
