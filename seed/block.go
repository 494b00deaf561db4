package seed

import (
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"

	"landwatch/land"
)

// Shares of the fabric's special cases.
const (
	tJunctionShare  = 0.25  // blocks whose parcels meet in T-junctions without shared vertices
	sliverShare     = 0.005 // parcels with a survey-rounding sliver
	multipartShare  = 0.025 // blocks with one two-part parcel
	twoParcelShare  = 0.03  // supplies of two neighbouring parcels
	duplicateShare  = 0.012 // supplies drawn again, over part or all of them
	wholeDupShare   = 0.25  // duplicates that repeat the whole parcel
	resupplyShare   = 0.4   // whole duplicates made after the land was reclaimed
	roadParcelShare = 0.2   // street segments supplied as road land (each side of a block)
)

// draft is a supply as the fabric draws it, before its attributes.
type draft struct {
	parcels  []land.Parcel
	class    landClass
	tiny     bool
	location string
	road     *roadRef
	// dupOf is the index, in the same block, of the draft this one is
	// drawn over (-1 for none); overlapM2 is the plane area they share.
	dupOf     int
	overlapM2 float64
	whole     bool
	resupply  bool
	sliverM2  float64  // bound on the area a pushed vertex adds; 0 for none
	leaf      int      // index of the first leaf in the block, -1 for road parcels
	story     scenario // the development story its supply played
}

// roadRef names the stretch of street a road parcel covers.
type roadRef struct{ street, from, to string }

// blockOut is what one block gave.
type blockOut struct {
	drafts  []draft
	parcels int
	rho     float64 // distance from the town centre over the town's radius
	ref     blockRef
}

// genBlock draws block b of town ti: its parcels, their grouping into
// supplies, designed duplicates and slivers, and some road parcels on its
// east and north streets.
func genBlock(seed int64, p *plan, tpl *templates, ti int, b blockRef) blockOut {
	t := p.towns[ti]
	r := newRand(seed, streamGeometry, b.key(ti))
	q := t.blockQuad(b.i, b.j)
	w, h := quadSize(q)
	x, y := t.localCenter(b.i, b.j)
	rho := math.Hypot(x, y) / t.radius
	off := math.Abs(math.Remainder(math.Atan2(y, x)-t.industryBearing, 2*math.Pi))

	leaves := subdivide(r, w, h, blockClass(r, rho, off), rho, tpl)
	leaves = carveTiny(r, leaves, w, h)
	chamfer(r, leaves, w, h)
	if !chance(r, tJunctionShare) {
		insertTVertices(leaves)
	}
	addHoles(r, leaves, w, h)

	polys := make([]orb.Polygon, len(leaves))
	slivers := make([]float64, len(leaves))
	for k, l := range leaves {
		outer := mapRing(q, l.ring)
		if chance(r, sliverShare) {
			if v, ok := sliverVertex(l.ring); ok {
				slivers[k] = pushVertex(outer, v, uniform(r, 0.01, 0.04))
			}
		}
		poly := orb.Polygon{geoRing(p.cm, outer)}
		if l.hole != nil {
			poly = append(poly, geoRing(p.cm, mapRing(q, l.hole)))
		}
		polys[k] = poly
	}

	out := blockOut{rho: rho, ref: b}
	out.drafts = groupLeaves(r, leaves, polys, slivers, func(l leaf) string { return t.leafLocation(b, l) })
	out.drafts = addDuplicates(r, out.drafts, leaves, q, p.cm)
	out.drafts = append(out.drafts, roadParcels(r, t, b, p.cm)...)
	for _, d := range out.drafts {
		out.parcels += len(d.parcels)
	}
	return out
}

// sliverVertex picks a corner of a parcel inside its block (so that it is
// shared with a neighbour) to push.
func sliverVertex(ring []uv) (int, bool) {
	n := len(ring)
	for k, p := range ring {
		if p.u <= 0 || p.u >= 1 || p.v <= 0 || p.v >= 1 {
			continue
		}
		a, b := ring[(k+n-1)%n], ring[(k+1)%n]
		straight := (a.u == p.u && p.u == b.u) || (a.v == p.v && p.v == b.v)
		if !straight {
			return k, true
		}
	}
	return 0, false
}

// leafGroup is the grouping of leaves into supplies: first leaf, the leaves
// it holds as parcels, and whether they are one two-part parcel.
type leafGroup struct {
	leaves    []int
	multipart bool
}

// groupLeaves turns leaves into drafts: most supplies are one parcel; a
// few hold two neighbouring parcels; a few have one parcel in two parts.
func groupLeaves(r *rand.Rand, leaves []leaf, polys []orb.Polygon, slivers []float64, location func(leaf) string) []draft {
	n := len(leaves)
	partner := make([]int, n)
	for k := range partner {
		partner[k] = -1
	}
	if n >= 4 && chance(r, multipartShare) {
		for range 10 {
			a, b := r.IntN(n), r.IntN(n)
			la, lb := leaves[a], leaves[b]
			if a != b && la.class == lb.class && !la.tiny && !lb.tiny && separated(la, lb) {
				partner[min(a, b)], partner[max(a, b)] = max(a, b), n // n marks "taken"
				break
			}
		}
	}
	var groups []leafGroup
	for k := 0; k < n; k++ {
		switch {
		case partner[k] == n:
			continue
		case partner[k] >= 0:
			groups = append(groups, leafGroup{leaves: []int{k, partner[k]}, multipart: true})
		case k+1 < n && partner[k+1] == -1 && leaves[k].class == leaves[k+1].class &&
			!leaves[k].tiny && !leaves[k+1].tiny && chance(r, twoParcelShare):
			groups = append(groups, leafGroup{leaves: []int{k, k + 1}})
			k++
		default:
			groups = append(groups, leafGroup{leaves: []int{k}})
		}
	}
	drafts := make([]draft, 0, len(groups)+2)
	for _, g := range groups {
		first := leaves[g.leaves[0]]
		d := draft{class: first.class, tiny: first.tiny, location: location(first), dupOf: -1, leaf: g.leaves[0]}
		if g.multipart {
			d.parcels = []land.Parcel{newParcel(orb.MultiPolygon{polys[g.leaves[0]], polys[g.leaves[1]]})}
		} else {
			for _, k := range g.leaves {
				d.parcels = append(d.parcels, newParcel(orb.MultiPolygon{polys[k]}))
			}
		}
		for _, k := range g.leaves {
			d.sliverM2 += slivers[k]
		}
		drafts = append(drafts, d)
	}
	return drafts
}

// roadParcels supplies some of the streets on the east and north sides of
// block b as road land (街巷用地): the strip between this block's building
// line and its neighbour's, corner to corner.
func roadParcels(r *rand.Rand, t *town, b blockRef, cm float64) []draft {
	var out []draft
	here := t.blockQuad(b.i, b.j)
	x, _ := t.localCenter(b.i, b.j)
	if b.i+2 < len(t.ns) && chance(r, roadParcelShare) {
		east := t.blockQuad(b.i+1, b.j)
		ring := []planePt{here[1], east[0], east[3], here[2]}
		ref := &roadRef{street: t.nsName(b.i + 1), from: t.ewName(b.j, x), to: t.ewName(b.j+1, x)}
		out = append(out, roadDraft(t, cm, ring, ref))
	}
	if b.j+2 < len(t.ew) && chance(r, roadParcelShare) {
		north := t.blockQuad(b.i, b.j+1)
		ring := []planePt{here[3], here[2], north[1], north[0]}
		ref := &roadRef{street: t.ewName(b.j+1, x), from: t.nsName(b.i), to: t.nsName(b.i + 1)}
		out = append(out, roadDraft(t, cm, ring, ref))
	}
	return out
}

func roadDraft(t *town, cm float64, ring []planePt, ref *roadRef) draft {
	return draft{
		parcels:  []land.Parcel{newParcel(orb.MultiPolygon{{geoRing(cm, ring)}})},
		class:    classRoad,
		location: t.name + ref.street + "（" + ref.from + "至" + ref.to + "段）",
		road:     ref,
		dupOf:    -1,
		leaf:     -1,
	}
}

// leafLocation writes where a parcel lies the way supply records do, by the
// streets it fronts: 定兴县开放西路北侧、兴达街东侧.
func (t *town) leafLocation(b blockRef, l leaf) string {
	x, _ := t.localCenter(b.i, b.j)
	var ew, ns string
	switch {
	case l.v0 == 0:
		ew = t.ewName(b.j, x) + "北侧"
	case l.v1 == 1:
		ew = t.ewName(b.j+1, x) + "南侧"
	}
	switch {
	case l.u0 == 0:
		ns = t.nsName(b.i) + "东侧"
	case l.u1 == 1:
		ns = t.nsName(b.i+1) + "西侧"
	}
	switch {
	case ew != "" && ns != "":
		return t.name + ew + "、" + ns
	case ew != "":
		return t.name + ew
	case ns != "":
		return t.name + ns
	}
	return t.name + t.ewName(b.j, x) + "以北、" + t.nsName(b.i) + "以东"
}
