package main

import (
	"flag"
	"fmt"
	"io"

	"landwatch/land"
	"landwatch/supervision"
)

// workdays is `landwatch workdays --from DATE --add N`: the last allowed day
// of "within N working days after DATE" (DESIGN §4.1), so an operator can
// check a deadline by hand.
func workdays(args []string, holidays string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("workdays", flag.ContinueOnError)
	fset.SetOutput(stderr)
	from := fset.String("from", "", "the day counting starts after (2026-09-30)")
	add := fset.Int("add", 7, "working days allowed")
	if err := fset.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	d, err := land.ParseDate(*from)
	if err != nil || d.IsZero() {
		return &exitError{code: 2, err: fmt.Errorf("--from: %q is not a date such as 2026-09-30", *from)}
	}
	cal, err := supervision.NewCalendar(holidays)
	if err != nil {
		return err
	}
	last, fallback := cal.AddWorkdays(d, *add)
	fmt.Fprintln(stdout, last)
	if fallback {
		fmt.Fprintf(stderr, "landwatch: no holiday arrangement is loaded for some year counted; weekends only were used there (known years: %v)\n", cal.Years())
	}
	return nil
}
