package seed

import (
	"cmp"
	"slices"
	"strconv"

	"landwatch/land"
)

// City generates the city o describes: its fabric of parcels, one supply
// per parcel group with attributes sampled from real published supply
// results, and each supply's events up to o.Today. It returns a
// *land.Error: invalid for bad Options, internal when the embedded
// reference data cannot be read.
//
// Generation runs on all CPUs; the output depends only on o.
func City(o Options) (*Demo, error) {
	var supplies []land.Supply
	d, err := generate(o,
		func(total int) { supplies = make([]land.Supply, total) },
		func(from, n int) []land.Supply { return supplies[from : from+n] },
		func(int, *land.Supply) error { return nil })
	if err != nil {
		return nil, err
	}
	d.Supplies = supplies
	d.Reserves = reserves(o, supplies)
	d.Transactions = transactions(o, supplies)
	d.Plan = supplyPlan(o, supplies)
	d.Announcements, d.Deals = announcements(o, supplies)
	return d, nil
}

// Stream generates the same city as City and hands each supply to emit, in
// City's order, without holding them all: only the fabric's geometry and
// one chunk of supplies are in memory at a time. emit must copy what it
// keeps: the supply it is given is overwritten after it returns (its
// slices — parcels, events — are not, and may be kept). The Demo returned
// has Overlaps and Slivers but no Supplies. An error from emit stops the
// generation and is returned as it is.
func Stream(o Options, emit func(s *land.Supply) error) (*Demo, error) {
	var buf []land.Supply
	return generate(o, nil,
		func(_, n int) []land.Supply {
			if cap(buf) < n {
				buf = make([]land.Supply, n)
			}
			buf = buf[:n]
			clear(buf)
			return buf
		},
		func(_ int, s *land.Supply) error { return emit(s) })
}

// chunkFill is how many blocks get their attributes at once.
const chunkFill = 512

// generate draws the fabric, then the contract days of every supply (the
// serials of the e-supervision numbers follow contract order), then the
// attributes and events a chunk of blocks at a time. size, when given,
// learns the number of supplies first; place gives the slice a chunk of
// supplies is written to (from is the index in fabric order of its first);
// emit then gets each supply of the chunk with its index.
func generate(o Options, size func(total int), place func(from, n int) []land.Supply,
	emit func(i int, s *land.Supply) error) (*Demo, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	tpl, err := loadTemplates()
	if err != nil {
		return nil, err
	}
	f, err := buildFabric(o, tpl)
	if err != nil {
		return nil, err
	}
	reg, err := lookupRegion(o.RegionCode)
	if err != nil {
		return nil, err
	}
	g := &generator{
		o: o, tpl: tpl, plan: f.plan,
		namer:      namer{reg: reg, pools: newPools()},
		clerk:      "clerk-" + o.RegionCode,
		approvedBy: reg.county + "人民政府",
		loc:        cst(),
	}
	type job struct {
		town int
		b    *blockOut
		off  int
	}
	var jobs []job
	total := 0
	for ti := range f.towns {
		for bi := range f.towns[ti] {
			b := &f.towns[ti][bi]
			jobs = append(jobs, job{ti, b, total})
			total += len(b.drafts)
		}
	}
	if size != nil {
		size(total)
	}
	dates := make([]land.Date, total)
	parallel(len(jobs), func(_, k int) {
		j := jobs[k]
		g.contractDates(j.town, j.b, dates[j.off:j.off+len(j.b.drafts)])
	})
	serials := contractSerials(dates)

	d := &Demo{Options: o}
	// The village's blocks: the outermost of the first town (its jobs
	// come first, from the centre out).
	firstTown := len(f.towns[0])
	villageFrom, vil := max(0, firstTown-villageBlocks), &village{}
	scratch := make([][]land.Event, workers())
	for from := 0; from < len(jobs); from += chunkFill {
		chunk := jobs[from:min(from+chunkFill, len(jobs))]
		base := chunk[0].off
		last := chunk[len(chunk)-1]
		out := place(base, last.off+len(last.b.drafts)-base)
		parallel(len(chunk), func(w, k int) {
			j := chunk[k]
			n := len(j.b.drafts)
			scratch[w] = g.fillBlock(j.town, j.b, dates[j.off:j.off+n], out[j.off-base:j.off-base+n], scratch[w])
		})
		for ci, j := range chunk {
			for k := range j.b.drafts {
				s := &out[j.off-base+k]
				if at := from + ci; at >= villageFrom && at < firstTown {
					vil.take(s)
				}
				s.ENumber = eNumber(o.RegionCode, s, serials[j.off+k])
				s.ContractNumber = s.ENumber
			}
			for k, dr := range j.b.drafts {
				s := &out[j.off-base+k]
				if name := dr.story.idleName(); name != "" {
					d.IdleStories = append(d.IdleStories, IdleStory{ENumber: s.ENumber, Story: name})
				}
				if dr.sliverM2 > 0 {
					d.Slivers = append(d.Slivers, Sliver{ENumber: s.ENumber, MaxAreaM2: dr.sliverM2})
				}
				if dr.dupOf >= 0 {
					first := &out[j.off-base+dr.dupOf]
					d.Overlaps = append(d.Overlaps, Overlap{
						First: first.ENumber, Second: s.ENumber, AreaM2: dr.overlapM2, Whole: dr.whole,
						Live: first.Stage != land.StageReclaimed && s.Stage != land.StageReclaimed,
					})
				}
			}
			for k := range j.b.drafts {
				if err := emit(j.off+k, &out[j.off-base+k]); err != nil {
					return nil, err
				}
			}
			j.b.drafts = nil // the parcels now belong to the supplies
		}
	}
	return d, nil
}

// contractSerials numbers the supplies the way the national system does:
// per contract year, in contract order (ties in fabric order), from 1.
func contractSerials(dates []land.Date) []int32 {
	order := make([]int32, len(dates))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := dates[a].Time().Compare(dates[b].Time()); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	serials := make([]int32, len(dates))
	year, serial := 0, int32(0)
	for _, i := range order {
		if y := dates[i].Time().Year(); y != year {
			year, serial = y, 0
		}
		serial++
		serials[i] = serial
	}
	return serials
}

// eNumber writes the e-supervision number of s: region code, contract
// year, A for an allocation or B for any transfer, and the 5-character
// serial.
func eNumber(region string, s *land.Supply, serial int32) string {
	letter := byte('B')
	if s.Kind == land.KindAllocation {
		letter = 'A'
	}
	buf := make([]byte, 0, land.ENumberLen)
	buf = append(buf, region...)
	buf = strconv.AppendInt(buf, int64(s.ContractDate.Time().Year()), 10)
	buf = append(buf, letter)
	return string(appendSerial(buf, int(serial)))
}

// appendSerial writes serial n (from 1) in 5 characters: 00001–99999, then
// a letter and four base-36 digits.
func appendSerial(buf []byte, n int) []byte {
	const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	if n <= 99999 {
		s := strconv.Itoa(n)
		for range 5 - len(s) {
			buf = append(buf, '0')
		}
		return append(buf, s...)
	}
	n -= 100000
	var tail [4]byte
	for i := 3; i >= 0; i-- {
		tail[i] = digits[n%36]
		n /= 36
	}
	return append(append(buf, 'A'+byte(n%26)), tail[:]...)
}
