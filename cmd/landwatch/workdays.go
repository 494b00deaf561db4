package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

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
	deadline := cal.Deadline(d, *add)
	fmt.Fprintln(stdout, deadline.LastDay)
	if deadline.Fallback {
		fmt.Fprint(stderr, fallbackNotice(deadline, cal.Years()))
	}
	return nil
}

// fallbackNotice tells an operator which days a count assumed for years
// without an arrangement, so that a deadline resting on them is checked
// once the State Council publishes the year.
func fallbackNotice(d land.Deadline, known []int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "landwatch: no State Council holiday arrangement is loaded for %v (loaded: %v); there only weekends and the holidays the law fixes by date were taken as days off\n",
		d.YearsWithoutArrangement, known)
	for _, a := range d.AssumedDaysOff {
		fmt.Fprintf(&b, "landwatch: assumed day off %s %s\n", a.Date, a.Name)
	}
	fmt.Fprintf(&b, "landwatch: %s\n", d.NotAssumed)
	return b.String()
}
