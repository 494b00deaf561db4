package land

// Review states of a supply (审核): a clerk's new or changed record is
// submitted; a reviewer of its province approves it or returns it with a
// reason; a returned record is fixed and so submitted again.
const (
	ReviewSubmitted = "submitted"
	ReviewApproved  = "approved"
	ReviewReturned  = "returned"
)

// Review is a reviewer's decision on a submitted record.
type Review struct {
	Decision string `json:"decision"` // approve or return
	Reason   string `json:"reason"`
}

// CheckReview checks a decision by reviewer on a record in review state
// status, submitted by submitter, and returns the state it leads to. Only a
// submitted record is reviewed; a return needs its reason; whoever
// submitted a change may not approve it (separation of duties,
// administrators included). Errors are CodeInvalid naming the field,
// CodeForbidden, or CodeConflict when the record is not waiting for review.
func CheckReview(status, submitter, reviewer string, r Review) (string, error) {
	if err := r.CheckText(); err != nil {
		return "", err
	}
	var to string
	switch r.Decision {
	case "approve":
		to = ReviewApproved
	case "return":
		to = ReviewReturned
		if r.Reason == "" {
			return "", Invalid("reason", "say what the clerk must fix")
		}
	default:
		return "", Invalid("decision", "%q is not approve or return", r.Decision)
	}
	if status != ReviewSubmitted {
		return "", &Error{Code: CodeConflict, Field: "review_status", Message: "the record is " + status + ", not waiting for review"}
	}
	if to == ReviewApproved && submitter != "" && submitter == reviewer {
		return "", &Error{Code: CodeForbidden, Field: "decision", Message: reviewer + " submitted this change and may not approve it: another reviewer must"}
	}
	return to, nil
}
