package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestWorkdaysPrintsTheLastAllowedDay(t *testing.T) {
	cases := []struct {
		name, from, add, want string
	}{
		{"seven working days after National Day eve end on 15 October", "2026-09-30", "7", "2026-10-15"},
		{"three working days across the new year count the make-up Sunday", "2025-12-30", "3", "2026-01-05"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			err := run(context.Background(), []string{"workdays", "--from", c.from, "--add", c.add}, func(string) string { return "" }, &out, &errs)
			if err != nil {
				t.Fatalf("%v: %s", err, errs.String())
			}
			if got := strings.TrimSpace(out.String()); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}
