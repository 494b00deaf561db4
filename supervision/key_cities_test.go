package supervision_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// The ministry's list, given as a file, replaces the shipped one: only its
// cities report beside the provinces. A bad row stops the start naming the
// file and the line, so a typing error in the list is never a city that
// silently stops reporting.
func TestTheMinistrysKeyCitiesReplaceTheShippedList(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "key_cities.csv")
	list := "code,name,province,basis\n110100,北京市,北京市,ministry\n130100,石家庄市,河北省,ministry\n130600,保定市,河北省,ministry\n"
	if err := os.WriteFile(good, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	svc := sqltest.ServiceWith(t, func(c *supervision.Config) { c.KeyCitiesFile = good })
	var codes []string
	for _, c := range svc.KeyCities() {
		codes = append(codes, c.Code+" "+c.Basis)
	}
	if got := strings.Join(codes, ","); got != "110100 ministry,130100 ministry,130600 ministry" {
		t.Fatalf("key cities = %s", got)
	}
	period, err := land.ParseReportPeriod("2018Q4")
	if err != nil {
		t.Fatal(err)
	}
	statuses, err := svc.ReportSubmissions(context.Background(), land.SystemScope("test"), period)
	if err != nil {
		t.Fatal(err)
	}
	var cities []string
	for _, st := range statuses {
		if st.KeyCity {
			cities = append(cities, st.Region.Code)
		}
	}
	// 北京 reports once, as a province; 唐山 (shipped, unconfirmed) is gone.
	if got := strings.Join(cities, ","); got != "130100,130600" {
		t.Errorf("key cities submitting = %s, want 130100,130600", got)
	}

	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte(list+"130200,保定市,河北省,ministry\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = supervision.Open(context.Background(), supervision.Config{DatabaseURL: sqltest.URL(t), KeyCitiesFile: bad})
	var le *land.Error
	if !errors.As(err, &le) || le.Code != land.CodeInvalid || le.Field != bad+":5" || !strings.Contains(le.Message, "唐山市") {
		t.Fatalf("a bad row = %v, want invalid naming %s:5 and the table's name", err, bad)
	}
}
