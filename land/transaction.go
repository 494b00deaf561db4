package land

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The kinds of transaction on supplied land (转让、出租、抵押).
const (
	TransactionTransfer = "transfer" // 转让
	TransactionLease    = "lease"    // 出租
	TransactionMortgage = "mortgage" // 抵押
)

// MaxLeaseYears is the longest lease the Civil Code allows (民法典 art.
// 705: a lease of more than twenty years is void for the excess).
const MaxLeaseYears = 20

// transactionWords are, for each kind, its Chinese word, the two parties'
// labels (the one who gives, the one who receives) and the amount's label:
// the words the register and an import use.
var transactionWords = map[string]struct{ name, from, to, amount string }{
	TransactionTransfer: {"转让", "转让方 transferor", "受让方 transferee", "转让价格 price (万元)"},
	TransactionLease:    {"出租", "出租方 lessor", "承租方 lessee", "年租金 yearly rent (万元)"},
	TransactionMortgage: {"抵押", "抵押人 mortgagor", "抵押权人 mortgagee", "抵押金额 secured amount (万元)"},
}

// ParseTransactionKind reads a transaction's kind in English (transfer,
// lease, mortgage) or Chinese (转让, 出租, 抵押).
func ParseTransactionKind(s string) (string, error) {
	s = strings.TrimSpace(s)
	for k, w := range transactionWords {
		if s == k || s == w.name {
			return k, nil
		}
	}
	return "", Invalid("kind", "%q is not transfer 转让, lease 出租 or mortgage 抵押", s)
}

// Transaction is a transfer, lease or mortgage (转让、出租、抵押) of
// supplied land, registered by the real-estate registry (不动产登记) and
// entered within 7 working days after its registration (the 2008 notice).
// It is identified by its registration certificate number (不动产登记证明号).
//
// The parties are stored the same way for every kind: PartyFrom is the
// transferor, lessor or mortgagor (转让方/出租方/抵押人), PartyTo the
// transferee, lessee or mortgagee (受让方/承租方/抵押权人); AmountWan is the
// price, the yearly rent or the secured amount (转让价格/年租金/抵押金额).
type Transaction struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind"` // transfer, lease, mortgage

	// The supply the land was supplied by: its id or its e-supervision
	// number, either given; landwatch fills both and the supply's region.
	SupplyID   int64  `json:"supply_id,omitzero"`
	ENumber    string `json:"e_number,omitzero"`
	RegionCode string `json:"region_code"`
	// ParcelIDs are the parcels of the supply concerned, when not all of
	// them are (a part of the land).
	ParcelIDs []int64 `json:"parcel_ids,omitempty"`

	PartyFrom string   `json:"party_from"`           // 转让方 / 出租方 / 抵押人
	PartyTo   string   `json:"party_to"`             // 受让方 / 承租方 / 抵押权人
	AmountWan *float64 `json:"amount_wan,omitempty"` // 转让价格 / 年租金 / 抵押金额 (万元)
	AreaHa    float64  `json:"area_ha"`              // 面积(公顷), at most the supply's

	LeaseYears *float64 `json:"lease_years,omitempty"` // 租赁期限(年), leases only
	StartsOn   Date     `json:"starts_on,omitzero"`    // 期限起 (leases and mortgages)
	EndsOn     Date     `json:"ends_on,omitzero"`      // 期限止

	CertificateNo string `json:"certificate_no"`       // 不动产登记证明号 / 证书号
	RegisteredOn  Date   `json:"registered_on"`        // 登记日期
	ReleasedOn    Date   `json:"released_on,omitzero"` // 抵押注销日期, mortgages only

	// Timeliness is measured from RegisteredOn (7 working days, DESIGN §4.1).
	Timeliness
	RecordState
}

// Active reports whether the transaction is a mortgage not yet released.
func (t Transaction) Active() bool { return t.Kind == TransactionMortgage && t.ReleasedOn.IsZero() }

func (t *Transaction) texts() []textField {
	return []textField{
		{"kind", t.Kind, limitCode},
		{"e_number", t.ENumber, limitCode},
		{"party_from", t.PartyFrom, limitName},
		{"party_to", t.PartyTo, limitName},
		{"certificate_no", t.CertificateNo, limitName},
	}
}

// Normalize checks a transaction before it is stored: the kind in its
// English word, the parties and amount the kind needs, the area against
// the supply's (supplyAreaHa, 0 when unknown), the term the kind takes, and
// the dates against today (the day of the entry). Calling it again changes
// nothing.
//
// Required: kind, party_from, party_to, amount_wan, area_ha,
// certificate_no, registered_on. It returns every problem as one
// CodeInvalid error naming each field: kind; party_from and party_to;
// amount_wan (negative or not finite; a mortgage's must be above 0);
// area_ha (not above 0, or more than the supply's); lease_years (not a
// lease's, not above 0 or over MaxLeaseYears); starts_on and ends_on (a
// transfer has no term; the end before the start); certificate_no;
// registered_on (missing or after today); released_on (not a mortgage's,
// before the registration or after today).
func (t *Transaction) Normalize(today Date, supplyAreaHa float64) error {
	errs := []error{checkTexts(t.texts())}
	if k, err := ParseTransactionKind(t.Kind); err != nil {
		errs = append(errs, err)
	} else {
		t.Kind = k
	}
	w := transactionWords[t.Kind]
	if w.name == "" {
		w = struct{ name, from, to, amount string }{"", "transferor, lessor or mortgagor", "transferee, lessee or mortgagee", "amount (万元)"}
	}
	t.PartyFrom, t.PartyTo = strings.TrimSpace(t.PartyFrom), strings.TrimSpace(t.PartyTo)
	t.CertificateNo = strings.TrimSpace(t.CertificateNo)
	if t.PartyFrom == "" {
		errs = append(errs, Invalid("party_from", "the %s is required", w.from))
	}
	if t.PartyTo == "" {
		errs = append(errs, Invalid("party_to", "the %s is required", w.to))
	}
	switch a := t.AmountWan; {
	case a == nil:
		errs = append(errs, Invalid("amount_wan", "the %s is required", w.amount))
	case !(*a >= 0 && !math.IsInf(*a, 1)):
		errs = append(errs, Invalid("amount_wan", "the %s must be 0 or more, not %v", w.amount, *a))
	case *a == 0 && t.Kind == TransactionMortgage:
		errs = append(errs, Invalid("amount_wan", "a mortgage secures an amount above 0"))
	}
	switch {
	case !(t.AreaHa > 0 && !math.IsInf(t.AreaHa, 1)):
		errs = append(errs, Invalid("area_ha", "the area (面积, hectares) must be above 0, not %v", t.AreaHa))
	case supplyAreaHa > 0 && t.AreaHa > supplyAreaHa*(1+1e-9):
		errs = append(errs, Invalid("area_ha", "%v ha is more than the supply's %v ha", t.AreaHa, supplyAreaHa))
	}
	errs = append(errs, t.checkTerm(), t.checkDates(today))
	if t.CertificateNo == "" {
		errs = append(errs, Invalid("certificate_no", "the registration certificate number (不动产登记证明号) is required"))
	}
	return JoinInvalid(errs...)
}

// checkTerm checks the term the kind takes: a lease its years, a mortgage
// or a lease its start and end; a transfer none.
func (t *Transaction) checkTerm() error {
	var errs []error
	if y := t.LeaseYears; y != nil {
		switch {
		case t.Kind != TransactionLease:
			errs = append(errs, Invalid("lease_years", "only a lease has a lease term, not a %s", t.Kind))
		case !(*y > 0 && *y <= MaxLeaseYears):
			errs = append(errs, Invalid("lease_years", "a lease runs above 0 and at most %d years (民法典 art. 705), not %v", MaxLeaseYears, *y))
		}
	}
	if t.Kind == TransactionTransfer {
		if !t.StartsOn.IsZero() {
			errs = append(errs, Invalid("starts_on", "a transfer has no term"))
		}
		if !t.EndsOn.IsZero() {
			errs = append(errs, Invalid("ends_on", "a transfer has no term"))
		}
	}
	if !t.StartsOn.IsZero() && !t.EndsOn.IsZero() && t.EndsOn.Before(t.StartsOn) {
		errs = append(errs, Invalid("ends_on", "the term ends on %s, before it starts on %s", t.EndsOn, t.StartsOn))
	}
	return JoinInvalid(errs...)
}

func (t *Transaction) checkDates(today Date) error {
	var errs []error
	switch {
	case t.RegisteredOn.IsZero():
		errs = append(errs, Invalid("registered_on", "the registration date (登记日期) is required"))
	case !today.IsZero() && t.RegisteredOn.After(today):
		errs = append(errs, Invalid("registered_on", "%s is in the future", t.RegisteredOn))
	}
	if r := t.ReleasedOn; !r.IsZero() {
		switch {
		case t.Kind != TransactionMortgage:
			errs = append(errs, Invalid("released_on", "only a mortgage is released (注销抵押), not a %s", t.Kind))
		case !t.RegisteredOn.IsZero() && r.Before(t.RegisteredOn):
			errs = append(errs, Invalid("released_on", "the release on %s is before the registration on %s", r, t.RegisteredOn))
		case !today.IsZero() && r.After(today):
			errs = append(errs, Invalid("released_on", "%s is in the future", r))
		}
	}
	return JoinInvalid(errs...)
}

// Release records a mortgage's release (注销抵押登记) on day on: CodeConflict
// when it was released already, CodeInvalid naming released_on otherwise
// (not a mortgage, a day missing; Normalize checks the rest).
func (t *Transaction) Release(on Date) error {
	switch {
	case t.Kind != TransactionMortgage:
		return Invalid("released_on", "only a mortgage is released (注销抵押), not a %s", t.Kind)
	case on.IsZero():
		return Invalid("released_on", "the day of the release is required")
	case !t.ReleasedOn.IsZero():
		return &Error{Code: CodeConflict, Field: "released_on", Message: "the mortgage was released on " + t.ReleasedOn.String()}
	}
	t.ReleasedOn = on
	return nil
}

// SetLag sets a transaction's timeliness as its entry at recorded is
// measured by lag (the rules' measure): the working days from its
// registration, and whether that passed the deadline.
func (t *Transaction) SetLag(lag func(from Date, recorded time.Time) (int, bool), recorded time.Time) {
	t.Timeliness.SetLag(lag, t.RegisteredOn, recorded)
}

// IdleStage is how far a case of idle land on a supply has gone, for the
// warning a transaction on it gives: "" (none, or disposed of), suspected
// (疑似闲置, a rule fired) or determined (认定闲置, the determination issued,
// not yet disposed of). stage is the supply's; findingStatus the status of
// its latest suspected-idle finding ("" for none).
func IdleStage(stage Stage, findingStatus string) string {
	switch {
	case stage == StageIdle || findingStatus == FindingDetermined:
		return "determined"
	case NoticeOwed(FindingSuspectedIdle, findingStatus):
		return "suspected"
	}
	return ""
}

// IdleTransactionWarning is the warning a transaction on idle land not
// disposed of gives (DESIGN §4.2): accepted, and flagged for a reviewer
// by finding (of kind FindingIdleTransaction). idleFinding is the
// suspected-idle finding's id, 0 when the land was determined idle by its
// events before any scan found it.
func IdleTransactionWarning(kind, eNumber, stage string, idleFinding int64, idleStatus string, finding int64) string {
	what := map[string]string{"suspected": "suspected idle (疑似闲置)", "determined": "determined idle (认定闲置)"}[stage]
	var by string
	if idleFinding != 0 {
		by = " by finding #" + strconv.FormatInt(idleFinding, 10) + " (" + FindingSuspectedIdle + ", " + idleStatus + ")"
	}
	return "idle_land: supply " + eNumber + " is " + what + by + " and not disposed of: the " + kind +
		" is accepted and flagged for review as finding #" + strconv.FormatInt(finding, 10) + " (" + FindingIdleTransaction + ")"
}
