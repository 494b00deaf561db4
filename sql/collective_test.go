package sql_test

import (
	"context"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

// Whatever the door (psql, QGIS), collective land names its owner and is
// not allocated, and state land names no collective owner; a change of
// the flag alone is a change the index follows (the change feed names the
// supply).
func TestCollectiveLandIsCheckedAndFollowedWhateverTheDoor(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	sup := sqltest.NewSupply("1306262019B00901")
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
		t.Fatal(err)
	}
	exec := func(q string) error {
		_, err := st.Pool().Exec(ctx, q+` WHERE e_number = '1306262019B00901'`)
		return err
	}
	for _, refused := range []string{
		`UPDATE supply SET collective = true`,
		`UPDATE supply SET collective_owner = '东关村股份经济合作社'`,
		`UPDATE supply SET collective = true, collective_owner = '东关村股份经济合作社', method = '1'`,
	} {
		if err := exec(refused); err == nil {
			t.Errorf("%s: accepted", refused)
		}
	}
	count := func() (n int) {
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM change_log WHERE subject = 'supply' AND subject_id = $1`, sup.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	if err := exec(`UPDATE supply SET collective = true, collective_owner = '东关村股份经济合作社'`); err != nil {
		t.Fatal(err)
	}
	if count() != before+1 {
		t.Errorf("the change feed did not name the supply made collective")
	}
}
