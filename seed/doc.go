// Package seed generates the demo city of landwatch and the parcel fabrics
// of its benchmarks: a deterministic street-and-block layout around a
// county seat, cut into parcels that share edges exactly, with supplies
// (供地) whose attributes are sampled from real published supply results,
// and development events that exercise every stage and rule of DESIGN.md.
// It is pure Go and does no I/O beyond the writers' io.Writer: the loader
// that stores a city lives elsewhere.
//
// # The fabric
//
// Each town is a lattice of straight streets in CGCS2000 Gauss-Krüger plane
// coordinates (3° zone of the centre): spacing grows from about 130 m in
// the centre to about 400 m at the edge, every third to fifth street is a
// wide arterial, each street leans a little and the town is turned a few
// degrees; a meandering river corridor crosses the seat. Blocks are cut in
// their own (u, v) parameters, by halving or slicing off parcel-sized
// strips, to areas drawn from the real areas of their use class: shops and
// offices in the centre, housing around it, industry at the edge and on
// one side of town, public buildings and utilities throughout. Because
// cuts are exact numbers in (u, v), neighbours share their vertices bit for
// bit (in a quarter of the blocks they meet in T-junctions instead). Some
// block corners are cut off (切角), a few parcels lose a small corner plot
// (an L-shaped parcel and a plot of 20–1,200 m²), keep a retained plot as a
// hole, come in two parts, or belong to a two-parcel supply; some street
// stretches are supplied as road land. About one supply in a hundred is
// drawn again over part or all of an existing parcel (Demo.Overlaps), some
// parcels have a corner pushed by 1–4 cm into their neighbours as survey
// rounding does (Demo.Slivers, under 1 m²). Every parcel passes
// spatial.Validate. Points are converted to EPSG:4490 with
// spatial.ToGeographic.
//
// A city of more than 25,000 parcels is several towns, placed east of the
// seat on a grid (east keeps them in the seat's zone).
//
// # The supplies and their events
//
// Attributes (method, land use, term, industry, grade, price per hectare,
// plot ratios, land source) are copied from one of the 203 real results in
// landwatch/reference of the parcel's use class; prices scale with area,
// location and year; land uses of contracts from 2019 on are written with
// the GB/T 21010-2017 names. Names of holders, projects and streets are
// generated from character pools. Contracts run from 2009 to Today, more in
// recent years and, in each town, older in the centre. E-supervision
// numbers are numbered per year in contract order.
//
// Events follow one of a few stories: normal development (delivery, start,
// yearly progress reports, perhaps a halt and resumption, completion,
// usually acceptance), or idle land — suspected under §4.2 without a
// determination yet, determined idle, reclaimed, or fined and resumed.
// Nothing happens after Today; events are recorded within days, about 6 %
// weeks late.
//
// # Three ways in
//
// City returns the whole Demo (about 10 s and 1.9 GB of heap for a million
// parcels on two cores: land.Supply and land.Event set that floor). Stream
// hands the same supplies to a function one at a time (about 7 s and
// 1.1 GB). Fabric returns the parcels alone (about 4 s and 0.7 GB).
package seed
