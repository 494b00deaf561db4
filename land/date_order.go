package land

// datedField is a date of a record with the field that holds it.
type datedField struct {
	field string
	on    Date
}

// checkRecordDates refuses the dates a clerk cannot have meant
// (CheckRecordDate), each naming its field.
func checkRecordDates(contract Date, dates ...datedField) []error {
	var errs []error
	for _, d := range dates {
		if err := CheckRecordDate(d.field, d.on, contract); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// dateOrder says that later, when given, may not come before earlier.
type dateOrder struct {
	earlier, later Date
	earlierName    string
	laterField     string
}

// checkDateOrder refuses each date before one it must follow, once per
// field: a date before two earlier ones is named against the first.
func checkDateOrder(orders ...dateOrder) []error {
	var errs []error
	named := map[string]bool{}
	for _, p := range orders {
		if !p.earlier.IsZero() && !p.later.IsZero() && p.later.Before(p.earlier) && !named[p.laterField] {
			named[p.laterField] = true
			errs = append(errs, Invalid(p.laterField, "%s is before the %s of %s", p.later, p.earlierName, p.earlier))
		}
	}
	return errs
}
