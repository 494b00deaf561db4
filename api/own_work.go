package api

import (
	"net/url"

	"landwatch/land"
	"landwatch/sql"
)

// ownWork reads the filters of a person's own work from q: mine=true keeps
// the supplies the signed-in account submitted for review (whatever the
// review made of them since), late=true those entered past the deadline
// after their contract date.
func ownWork(q url.Values, sc land.Scope, f *sql.SupplyFilter) error {
	for _, name := range []string{"mine", "late"} {
		switch v := q.Get(name); v {
		case "", "false":
		case "true":
			if name == "late" {
				f.Late = true
			} else if f.SubmittedBy = sc.Actor(); f.SubmittedBy == "" {
				return land.Invalid("mine", "is for a signed-in account")
			}
		default:
			return land.Invalid(name, "%q is not true or false", v)
		}
	}
	return nil
}
