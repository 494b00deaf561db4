package importer

import (
	"bytes"
	"os"
	"testing"
	"time"

	"landwatch/importer/importtest"
	"landwatch/land"
)

// A county's register of transfers, leases and mortgages as a CSV file
// (UTF-8 with a byte order mark, CRLF, the party and amount columns
// labelled for all three kinds, full-width brackets, a thousands
// separator, a mortgage's term as two dates, a lease's as years, a Chinese
// date) is told from supply results by its 交易类型 and 登记证明号 columns,
// though it names 电子监管号 too; a row with bad fields is rejected on its
// line naming each field.
func TestATransactionCSVIsReadByItsHeader(t *testing.T) {
	data, err := os.ReadFile("testdata/transaction/交易.csv")
	if err != nil {
		t.Fatal(err)
	}
	b, format, err := ParseWith("交易.csv", bytes.NewReader(data), Options{})
	if err != nil || format != FormatTransactionCSV {
		t.Fatalf("format %q, %v; want %q", format, err, FormatTransactionCSV)
	}
	if len(b.Supplies) != 0 || len(b.Transactions) != 2 {
		t.Fatalf("transactions %+v, supplies %+v, rejected %+v", b.Transactions, b.Supplies, b.Rejected)
	}
	m := b.Transactions[0]
	if m.Line != 2 || m.Transaction.Kind != land.TransactionMortgage || m.Transaction.ENumber != "1306262022B00401" ||
		m.Transaction.AmountWan == nil || *m.Transaction.AmountWan != 1200 || m.Transaction.AreaHa != 0.8 ||
		m.Transaction.StartsOn != land.NewDate(2024, 7, 1) || m.Transaction.EndsOn != land.NewDate(2027, 6, 30) ||
		m.Transaction.RegisteredOn != land.NewDate(2024, 7, 1) || m.Transaction.PartyTo != "某银行定兴支行" {
		t.Errorf("line 2 read as %+v", m)
	}
	if l := b.Transactions[1].Transaction; l.Kind != land.TransactionLease || l.LeaseYears == nil || *l.LeaseYears != 10 ||
		l.RegisteredOn != land.NewDate(2024, 7, 2) {
		t.Errorf("line 3 read as %+v", l)
	}
	want := map[string]bool{tKind: true, tArea: true}
	for _, x := range b.Rejected {
		if x.Line != 4 || x.Record != "冀(2024)定兴县不动产证明第0000403号" || !want[x.Field] {
			t.Errorf("unexpected rejection %+v", x)
		}
		delete(want, x.Field)
	}
	if len(want) != 0 {
		t.Errorf("no rejection of %v on line 4: %+v", want, b.Rejected)
	}
	if len(b.Tables) != 1 || len(b.Tables[0].Read) != 10 || len(b.Tables[0].Ignored) != 0 {
		t.Errorf("tables %+v: want every one of the ten columns read", b.Tables)
	}
}

// A workbook of transactions with a title above its header reads its date
// cells as dates; a term that is neither years nor two dates is refused
// naming the field.
func TestATransactionWorkbookReadsItsDateCells(t *testing.T) {
	data := importtest.Workbook(t, importtest.Sheet{Name: "抵押登记", Rows: [][]any{
		{"定兴县2026年土地抵押登记台账"},
		{"电子监管号", "交易类型", "抵押人", "抵押权人", "抵押金额(万元)", "面积(公顷)", "期限", "不动产登记证明号", "登记日期", "解除日期"},
		{"1306262022B00401", "抵押", "某公司", "某银行", 500.0, 0.3, "", "DY-1", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
		{"1306262022B00401", "抵押", "某公司", "某银行", 500.0, 0.3, "三年", "DY-2", "2026-04-01", ""},
	}})
	b, format, err := ParseWith("抵押.xlsx", bytes.NewReader(data), Options{})
	if err != nil || format != FormatTransactionXLSX {
		t.Fatalf("format %q, %v", format, err)
	}
	if len(b.Transactions) != 1 || len(b.Rejected) != 1 || b.Rejected[0].Field != tTerm || b.Rejected[0].Line != 4 {
		t.Fatalf("transactions %+v, rejected %+v", b.Transactions, b.Rejected)
	}
	if r := b.Transactions[0]; r.File != "抵押.xlsx!抵押登记" || r.Line != 3 || r.Transaction.RegisteredOn != land.NewDate(2026, 4, 1) ||
		r.Transaction.ReleasedOn != land.NewDate(2026, 5, 1) || r.Transaction.CertificateNo != "DY-1" {
		t.Errorf("read %+v", r)
	}
}

func TestTheHeaderTellsTransactionsFromSupplies(t *testing.T) {
	for _, tt := range []struct {
		line string
		want *tableKind
	}{
		{"电子监管号,交易类型,登记证明号", transactionKind},
		{"电子监管号,登记证明号,面积(公顷)", supplyKind},
		{"交易类型,证书号", transactionKind},
	} {
		if got := headerKind(tt.line); got != tt.want {
			t.Errorf("%q: got %p, want %p", tt.line, got, tt.want)
		}
	}
}
