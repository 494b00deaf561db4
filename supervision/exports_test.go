package supervision_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// TestEachPageReadsAPageOnlyWhenTheLastIsWritten: the reads of a list
// of 10 in pages of 4 are three, each after the last id of the one
// before, and every record of a page reaches the writer before the next
// page is read: the export never holds more than a page.
func TestEachPageReadsAPageOnlyWhenTheLastIsWritten(t *testing.T) {
	list := []int64{3, 5, 8, 9, 12, 13, 20, 21, 30, 31}
	const size = 4
	var reads []int64
	written := 0
	err := supervision.EachPage(func(after int64) ([]int64, bool, error) {
		if written != len(reads)*size {
			t.Errorf("read %d asked for after %d records were written, want %d", len(reads)+1, written, len(reads)*size)
		}
		reads = append(reads, after)
		var page []int64
		for _, id := range list {
			if id > after && len(page) < size {
				page = append(page, id)
			}
		}
		return page, len(page) == size && page[size-1] != list[len(list)-1], nil
	}, func(id *int64) int64 { return *id }, func(id *int64) error {
		if *id != list[written] {
			t.Errorf("record %d is %d, want %d", written, *id, list[written])
		}
		written++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(reads) != "[0 9 21]" || written != len(list) {
		t.Errorf("reads after %v writing %d records, want after [0 9 21] and 10", reads, written)
	}
}

// TestEachSupplyReadsTheStoreAPageAtATime: a supply entered while an
// export of pages of 4 is written is in the export when its id comes
// after the page being written: the store is read a page at a time, never
// the whole list at once. Each supply comes with its own parcels (read for
// the whole page in one query).
func TestEachSupplyReadsTheStoreAPageAtATime(t *testing.T) {
	t.Parallel()
	svc := sqltest.Service(t)
	ctx := context.Background()
	sys := land.SystemScope("test")
	create := func(i int) {
		t.Helper()
		sup := sqltest.NewSupply(fmt.Sprintf("1306262018B%05d", i))
		sup.Parcels[0].Geometry = sqltest.Square(4348000, 393000+200*float64(i), 100, 20)
		if _, err := svc.CreateSupply(ctx, sys, sup); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 9; i++ {
		create(i)
	}
	// Some with events and installments, read for the page at once too.
	for _, i := range []int{2, 5, 6} {
		number := fmt.Sprintf("1306262018B%05d", i)
		if _, _, err := svc.AddEvent(ctx, sys, number, land.Event{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 3, i)}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.UpdateSupply(ctx, sys, number, 0, func(s *land.Supply) error {
			s.PriceWan = ptr(1000.0)
			s.Installments = []land.Installment{{Period: 1, DueOn: land.NewDate(2019, 1, 30), AmountWan: 500}, {Period: 2, DueOn: land.NewDate(2019, 6, 30), AmountWan: 500}}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	withChildren := 0
	err := svc.EachSupply(ctx, sys, sql.SupplyFilter{}, 4, func(s *land.Supply) error {
		got = append(got, s.ENumber)
		if len(s.Parcels) != 1 || s.Parcels[0].Number != s.ENumber || s.Parcels[0].SupplyID != s.ID {
			t.Errorf("%s has parcels %+v, want its own one", s.ENumber, s.Parcels)
		}
		if len(s.Events) > 0 && len(s.Installments) == 2 {
			withChildren++
		}
		one, err := svc.GetSupply(ctx, sys, s.ENumber)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(s.Parcels, one.Parcels) || !reflect.DeepEqual(s.Events, one.Events) ||
			!reflect.DeepEqual(s.Installments, one.Installments) || !reflect.DeepEqual(s.Lot, one.Lot) {
			t.Errorf("%s as the page read it:\n%+v %+v %+v\nread alone:\n%+v %+v %+v", s.ENumber, s.Parcels, s.Events, s.Installments, one.Parcels, one.Events, one.Installments)
		}
		if len(got) == 1 {
			create(10) // while the first page is written
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if withChildren != 3 {
		t.Errorf("%d supplies with their events and installments, want 3", withChildren)
	}
	if len(got) != 10 || got[9] != "1306262018B00010" {
		t.Errorf("the export has %v, want the 9 supplies and the one entered while it was written", got)
	}
}

func ptr[T any](v T) *T { return &v }
