package importer

import (
	"regexp"
	"strings"

	"landwatch/land"
)

// The fields of a transaction (转让、出租、抵押) by their canonical names:
// the JSON keys of land.Transaction.
const (
	tENumber     = "e_number"
	tKind        = "kind"
	tPartyFrom   = "party_from"
	tPartyTo     = "party_to"
	tAmount      = "amount_wan"
	tArea        = "area_ha"
	tTerm        = "term" // 期限: a lease's years, or a mortgage's start and end
	tLeaseYears  = "lease_years"
	tStartsOn    = "starts_on"
	tEndsOn      = "ends_on"
	tCertificate = "certificate_no"
	tRegistered  = "registered_on"
	tReleased    = "released_on"
)

// transactionLabels maps each known heading of a table of transactions, as
// normalizeHeading writes it, to its canonical field: the words of the
// register (a party column may be labelled for one kind or for all three),
// the canonical names and English labels.
var transactionLabels = map[string]string{
	"电子监管号": tENumber, "电子监管编号": tENumber, tENumber: tENumber, "e number": tENumber,
	"交易类型": tKind, "交易方式": tKind, "类型": tKind, tKind: tKind, "transaction kind": tKind,
	"转让方/出租方/抵押人": tPartyFrom, "转让方": tPartyFrom, "出租方": tPartyFrom, "抵押人": tPartyFrom, "出让方": tPartyFrom,
	tPartyFrom: tPartyFrom, "party from": tPartyFrom,
	"受让方/承租方/抵押权人": tPartyTo, "受让方": tPartyTo, "承租方": tPartyTo, "抵押权人": tPartyTo, tPartyTo: tPartyTo, "party to": tPartyTo,
	"价格/租金/抵押金额": tAmount, "价格/租金/抵押金额(万元)": tAmount, "金额(万元)": tAmount, "转让价格(万元)": tAmount, "转让价格": tAmount,
	"租金(万元)": tAmount, "年租金(万元)": tAmount, "抵押金额(万元)": tAmount, "抵押金额": tAmount, "担保金额(万元)": tAmount,
	"担保金额": tAmount, tAmount: tAmount, "amount": tAmount,
	"面积(公顷)": tArea, "面积": tArea, tArea: tArea, "area": tArea, "area hectares": tArea,
	"期限": tTerm, "租赁期限": tTerm, "抵押期限": tTerm, "term": tTerm,
	"租赁期限(年)": tLeaseYears, tLeaseYears: tLeaseYears,
	"起始日期": tStartsOn, "期限起": tStartsOn, tStartsOn: tStartsOn,
	"终止日期": tEndsOn, "期限止": tEndsOn, tEndsOn: tEndsOn,
	"登记证明号": tCertificate, "不动产登记证明号": tCertificate, "证书号": tCertificate, "不动产权证书号": tCertificate,
	"登记证明号/证书号": tCertificate, tCertificate: tCertificate, "certificate number": tCertificate,
	"登记日期": tRegistered, "登记时间": tRegistered, tRegistered: tRegistered, "registration date": tRegistered,
	"解除日期": tReleased, "注销日期": tReleased, "解除抵押日期": tReleased, tReleased: tReleased, "release date": tReleased,
}

// transactionKind is the table of transactions, keyed by 登记证明号 and told
// from supply results (which also carry 电子监管号) by its 交易类型 column.
var transactionKind = &tableKind{
	labels: transactionLabels, key: tCertificate, keyLabel: "登记证明号", also: []string{tKind},
	add:   addTransactionRow,
	dates: []string{tStartsOn, tEndsOn, tRegistered, tReleased},
}

// termDates reads a mortgage's term written as two dates ("2026-02-05至
// 2029-12-31", with 至, ~, －, — or a blank between them).
var termDates = regexp.MustCompile(`^\s*(\S+?)\s*(?:至|~|～|—|－|到|\s)\s*(\S+)\s*$`)

// addTransactionRow reads one transaction. Every field that cannot be read
// is a rejection of the row; what the domain checks against the supply
// (its region, its area, the kind's term) is judged when it is written.
func addTransactionRow(b *land.Batch, name string, line int, v fieldValues) {
	var (
		t   land.Transaction
		c   = checkRow(v)
		bad = c.bad
	)
	t.CertificateNo = v.get(tCertificate)
	if t.CertificateNo == "" {
		bad(tCertificate, "the registration certificate number (登记证明号) is required")
	}
	if t.ENumber = v.get(tENumber); t.ENumber == "" {
		bad(tENumber, "the supply's e-supervision number (电子监管号) is required")
	}
	if k, err := land.ParseTransactionKind(v.get(tKind)); err != nil {
		bad(tKind, "%s", reasonOf(err))
	} else {
		t.Kind = k
	}
	t.PartyFrom, t.PartyTo = v.get(tPartyFrom), v.get(tPartyTo)
	t.AmountWan = optionalNumber(v, tAmount, "the price, rent or secured amount (价格/租金/抵押金额, 万元)", bad)
	if a, ok := parseDecimal(v.get(tArea)); !ok || a <= 0 {
		bad(tArea, "the area (面积, hectares) must be a positive number, not %q", v.get(tArea))
	} else {
		t.AreaHa = a
	}
	t.LeaseYears = optionalNumber(v, tLeaseYears, "the lease term (租赁期限, years)", bad)
	t.StartsOn, t.EndsOn = optionalDate(v, tStartsOn, bad), optionalDate(v, tEndsOn, bad)
	readTerm(&t, v.get(tTerm), bad)
	t.RegisteredOn = dropPlaceholderDate(tRegistered, optionalDate(v, tRegistered, bad), land.Date{}, &c.notes)
	if t.RegisteredOn.IsZero() && !hasProblem(c.probs, tRegistered) {
		bad(tRegistered, "the registration date (登记日期) is required")
	}
	t.ReleasedOn = optionalDate(v, tReleased, bad)
	if !c.keep(b, name, line, t.CertificateNo) {
		return
	}
	b.Transactions = append(b.Transactions, land.TransactionRecord{File: name, Line: line, Transaction: t})
}

// readTerm reads a 期限 cell: a number of years ("10", "10年") for a lease,
// two dates for a mortgage (or a lease written so).
func readTerm(t *land.Transaction, cell string, bad func(field, format string, args ...any)) {
	if cell == "" {
		return
	}
	if y, ok := parseDecimal(strings.TrimSuffix(strings.TrimSpace(cell), "年")); ok {
		t.LeaseYears = &y
		return
	}
	m := termDates.FindStringSubmatch(cell)
	if m == nil {
		bad(tTerm, "期限 must be a number of years (10 or 10年) or two dates (2026-02-05至2029-12-31), not %q", cell)
		return
	}
	from, err1 := land.ParseDate(m[1])
	to, err2 := land.ParseDate(m[2])
	if err1 != nil || err2 != nil || from.IsZero() || to.IsZero() {
		bad(tTerm, "期限 %q does not hold two dates", cell)
		return
	}
	t.StartsOn, t.EndsOn = from, to
}
