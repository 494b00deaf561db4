package land

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func validMortgage() Transaction {
	a := 800.0
	return Transaction{Kind: "抵押", ENumber: "1306262024B00010", PartyFrom: "定兴县某置业有限公司", PartyTo: "某银行定兴支行",
		AmountWan: &a, AreaHa: 1.5, StartsOn: NewDate(2026, 2, 1), EndsOn: NewDate(2029, 1, 31),
		CertificateNo: "冀(2026)定兴县不动产证明第0000123号", RegisteredOn: NewDate(2026, 2, 3)}
}

func TestTransactionNormalize(t *testing.T) {
	t.Parallel()
	today := NewDate(2026, 3, 1)
	neg, zero, years, long := -1.0, 0.0, 10.0, 21.0
	inf := math.Inf(1)
	tests := []struct {
		name   string
		change func(*Transaction)
		fields []string
	}{
		{"a complete mortgage is accepted", func(*Transaction) {}, nil},
		{"the kind may be written in English", func(t *Transaction) { t.Kind = "mortgage" }, nil},
		{"a lease with its years is accepted", func(t *Transaction) { t.Kind, t.LeaseYears = "出租", &years }, nil},
		{"a transfer without a term is accepted", func(t *Transaction) { t.Kind, t.StartsOn, t.EndsOn = "转让", Date{}, Date{} }, nil},
		{"a transfer of the supply's whole area is accepted", func(t *Transaction) { t.Kind, t.StartsOn, t.EndsOn, t.AreaHa = "transfer", Date{}, Date{}, 2 }, nil},
		{"an unknown kind is refused", func(t *Transaction) { t.Kind = "赠与" }, []string{"kind"}},
		{"the parties are required", func(t *Transaction) { t.PartyFrom, t.PartyTo = " ", "" }, []string{"party_from", "party_to"}},
		{"the amount is required", func(t *Transaction) { t.AmountWan = nil }, []string{"amount_wan"}},
		{"a negative amount is refused", func(t *Transaction) { t.AmountWan = &neg }, []string{"amount_wan"}},
		{"an infinite amount is refused", func(t *Transaction) { t.AmountWan = &inf }, []string{"amount_wan"}},
		{"a mortgage secures more than nothing", func(t *Transaction) { t.AmountWan = &zero }, []string{"amount_wan"}},
		{"the area is required", func(t *Transaction) { t.AreaHa = 0 }, []string{"area_ha"}},
		{"the area may not exceed the supply's", func(t *Transaction) { t.AreaHa = 2.01 }, []string{"area_ha"}},
		{"only a lease has lease years", func(t *Transaction) { t.LeaseYears = &years }, []string{"lease_years"}},
		{"a lease of more than 20 years is refused", func(t *Transaction) { t.Kind, t.LeaseYears = "lease", &long }, []string{"lease_years"}},
		{"a transfer has no term", func(t *Transaction) { t.Kind = "transfer" }, []string{"ends_on", "starts_on"}},
		{"a term may not end before it starts", func(t *Transaction) { t.EndsOn = NewDate(2026, 1, 1) }, []string{"ends_on"}},
		{"the certificate number is required", func(t *Transaction) { t.CertificateNo = "" }, []string{"certificate_no"}},
		{"the registration date is required", func(t *Transaction) { t.RegisteredOn = Date{} }, []string{"registered_on"}},
		{"a registration after today is refused", func(t *Transaction) { t.RegisteredOn = NewDate(2026, 3, 2) }, []string{"registered_on"}},
		{"a release before the registration is refused", func(t *Transaction) { t.ReleasedOn = NewDate(2026, 2, 2) }, []string{"released_on"}},
		{"a release on the registration day is accepted", func(t *Transaction) { t.ReleasedOn = NewDate(2026, 2, 3) }, nil},
		{"a release after today is refused", func(t *Transaction) { t.ReleasedOn = NewDate(2026, 3, 2) }, []string{"released_on"}},
		{"only a mortgage is released", func(t *Transaction) { t.Kind, t.ReleasedOn = "lease", NewDate(2026, 2, 10) }, []string{"released_on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := validMortgage()
			tt.change(&x)
			got := refusedFields(x.Normalize(today, 2))
			want := slices.Clone(tt.fields)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("refused %v, want %v", got, want)
			}
		})
	}
}

func TestTransactionNormalizeNamesTheKindsParties(t *testing.T) {
	t.Parallel()
	x := validMortgage()
	x.PartyFrom = ""
	if err := x.Normalize(NewDate(2026, 3, 1), 2); !strings.Contains(ErrorMessage(err), "抵押人") || x.Kind != TransactionMortgage {
		t.Fatalf("%v (kind %q): want the mortgagor named and the kind in English", err, x.Kind)
	}
}

func TestTransactionRelease(t *testing.T) {
	t.Parallel()
	x := validMortgage()
	if err := x.Normalize(NewDate(2026, 3, 1), 2); err != nil || !x.Active() {
		t.Fatalf("an unreleased mortgage is not active: %v", err)
	}
	if err := x.Release(NewDate(2026, 2, 20)); err != nil || x.Active() {
		t.Fatalf("release: %v, active %v", err, x.Active())
	}
	if err := x.Release(NewDate(2026, 2, 21)); ErrorCode(err) != CodeConflict {
		t.Fatalf("a second release: %v, want a conflict", err)
	}
	lease := validMortgage()
	lease.Kind = TransactionLease
	if err := lease.Release(NewDate(2026, 2, 20)); ErrorField(err) != "released_on" {
		t.Fatalf("releasing a lease: %v, want released_on refused", err)
	}
}

func TestIdleStage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		stage  Stage
		status string
		want   string
	}{
		{StageIdle, "", "determined"},
		{StageDelivered, FindingOpen, "suspected"},
		{StageDelivered, FindingVerified, "suspected"},
		{StageDelivered, FindingDetermined, "determined"},
		{StageDelivered, FindingDisposal, ""},
		{StageDelivered, FindingDismissed, ""},
		{StageDelivered, "", ""},
	}
	for _, tt := range tests {
		if got := IdleStage(tt.stage, tt.status); got != tt.want {
			t.Errorf("IdleStage(%s, %q) = %q, want %q", tt.stage, tt.status, got, tt.want)
		}
	}
}
