package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"landwatch/land"
	"landwatch/reference"
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
	cal, err := calendar(holidays)
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

// calendar loads the embedded holiday arrangements and then, when dir is
// set (LANDWATCH_HOLIDAYS), every year file in it: a newer year's State
// Council arrangement, or a correction, without a new release.
func calendar(dir string) (*land.Calendar, error) {
	sub, err := fs.Sub(reference.FS, "holiday-cn")
	if err != nil {
		return nil, err
	}
	cal, err := land.LoadCalendar(sub)
	if err != nil {
		return nil, err
	}
	if _, err := loadHolidays(cal, dir); err != nil {
		return nil, err
	}
	return cal, nil
}

// loadHolidays adds every year file of dir to cal (nothing when dir is
// empty) and returns the files read. A running serve calls it again on
// SIGHUP, so that a new year's arrangement needs neither a release nor a
// restart.
func loadHolidays(cal *land.Calendar, dir string) ([]string, error) {
	if dir == "" {
		return nil, nil
	}
	names, err := filepath.Glob(filepath.Join(dir, "[0-9][0-9][0-9][0-9].json"))
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("LANDWATCH_HOLIDAYS: %w", err)
		}
		err = cal.AddYear(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("LANDWATCH_HOLIDAYS: %s: %w", name, err)
		}
	}
	return names, nil
}
