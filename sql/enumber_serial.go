package sql

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// draftNumber gives a supply entered without an e-supervision number the
// number it will be issued, serial 00000, so that its checks read the
// county, year and letter as they will be; issueNumber then takes the
// serial. It reports whether a number is to be issued.
func (s *Store) draftNumber(sc land.Scope, sup *land.Supply) (bool, error) {
	if strings.TrimSpace(sup.ENumber) != "" {
		return false, nil
	}
	userRegion := ""
	if u := sc.User(); u != nil {
		userRegion = u.Region
	}
	n, err := sup.DraftENumber(userRegion, s.rules.Today())
	if err != nil {
		return false, err
	}
	sup.ENumber = n.String()
	return true, nil
}

// issueNumber takes the next serial of the county, year and letter of the
// supply's drafted number and writes the number into sup. The serial is
// taken and committed in a transaction of its own, before the create's:
// a create that then fails leaves a gap in the serials, never a number
// given twice. That matters because a number can be seen without its
// record being made (a commit whose outcome was lost is answered with the
// number to look up, and a clerk may already have written it on the
// contract); it also keeps the serial's row locked for a moment rather
// than for the whole create. A serial whose number a record already
// carries (one imported without passing here) is skipped.
func (s *Store) issueNumber(ctx context.Context, sc land.Scope, sup *land.Supply) error {
	n, err := land.ParseENumber(sup.ENumber)
	if err != nil {
		return err
	}
	return s.inTxAs(ctx, sc.Actor(), func(tx pgx.Tx) error {
		for {
			var last int
			if err := tx.QueryRow(ctx, qNextSerial, n.County, n.Year, string(n.Type)).Scan(&last); err != nil {
				return translate(err)
			}
			if n, err = n.WithSerial(last); err != nil {
				return err
			}
			var taken bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT FROM supply WHERE e_number = $1)`, n.String()).Scan(&taken); err != nil {
				return translate(err)
			}
			if !taken {
				sup.ENumber = n.String()
				return nil
			}
		}
	})
}

// reserveGivenNumber raises the county's last serial to that of a number a
// clerk gave (a historical record), so that no number issued later meets it.
func reserveGivenNumber(ctx context.Context, tx pgx.Tx, number string) error {
	n, err := land.ParseENumber(number)
	if err != nil || n.SerialOf() == 0 {
		return nil // a serial with letters: never issued here
	}
	_, err = tx.Exec(ctx, qReserveSerial, n.County, n.Year, string(n.Type), n.SerialOf())
	return translate(err)
}

const (
	qNextSerial = `INSERT INTO e_number_serial AS s (county, year, letter, last) VALUES ($1, $2, $3, 1)
ON CONFLICT (county, year, letter) DO UPDATE SET last = s.last + 1 RETURNING last`
	qReserveSerial = `INSERT INTO e_number_serial AS s (county, year, letter, last) VALUES ($1, $2, $3, $4)
ON CONFLICT (county, year, letter) DO UPDATE SET last = greatest(s.last, excluded.last)`
)

// withoutNumberMissing answers a supply whose number could not be drafted:
// why (draftErr), with the other fields' refusals of its checks but not the
// missing number, which is the same refusal said twice.
func withoutNumberMissing(draftErr, checks error) error {
	errs := []error{draftErr}
	for _, f := range land.FieldErrors(checks) {
		if f.Field != "e_number" {
			errs = append(errs, land.Invalid(f.Field, "%s", f.Reason))
		}
	}
	if land.FieldErrors(checks) == nil && checks != nil {
		errs = append(errs, checks)
	}
	return land.JoinInvalid(errs...)
}
