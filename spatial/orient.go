package spatial

import (
	"math"
	"math/big"

	"github.com/paulmach/orb"
)

// orientErrBound bounds the rounding error of the float64 determinant in
// orient relative to the sum of its terms' magnitudes (Shewchuk's bound
// (3 + 16ε)ε with ε = 2⁻⁵³).
const orientErrBound = (3 + 16*0x1p-53) * 0x1p-53

// orient returns the sign of the turn a → b → c: +1 counter-clockwise, −1
// clockwise, 0 exactly collinear. It is exact: a float64 determinant
// decides when its error bound allows, rational arithmetic otherwise.
func orient(a, b, c orb.Point) int {
	if c == a || c == b || a == b {
		return 0
	}
	left := (b[0] - a[0]) * (c[1] - a[1])
	right := (b[1] - a[1]) * (c[0] - a[0])
	det := left - right
	if math.Abs(det) > orientErrBound*(math.Abs(left)+math.Abs(right)) {
		if det > 0 {
			return 1
		}
		return -1
	}
	return orientExact(a, b, c)
}

// orientExact is orient in exact rational arithmetic, for the nearly
// collinear cases the float64 filter cannot decide.
func orientExact(a, b, c orb.Point) int {
	r := func(f float64) *big.Rat { return new(big.Rat).SetFloat64(f) }
	bx := new(big.Rat).Sub(r(b[0]), r(a[0]))
	by := new(big.Rat).Sub(r(b[1]), r(a[1]))
	cx := new(big.Rat).Sub(r(c[0]), r(a[0]))
	cy := new(big.Rat).Sub(r(c[1]), r(a[1]))
	left := new(big.Rat).Mul(bx, cy)
	right := new(big.Rat).Mul(by, cx)
	return left.Cmp(right)
}

// onSegment reports whether p, known to be collinear with a and b, lies on
// the closed segment a–b.
func onSegment(a, b, p orb.Point) bool {
	return min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1])
}

// Places of a point relative to a ring, as returned by locateInRing.
const (
	outside  = -1
	boundary = 0
	inside   = 1
)

// locateInRing tells whether p lies inside, outside or on the boundary of
// ring (closed or not), by counting crossings of a ray to the east; the
// boundary test is exact.
func locateInRing(p orb.Point, ring orb.Ring) int {
	n := len(ring)
	if n == 0 {
		return outside
	}
	in := false
	for i := 0; i < n; i++ {
		a, b := ring[i], ring[(i+1)%n]
		if a == b {
			continue
		}
		if orient(a, b, p) == 0 && onSegment(a, b, p) {
			return boundary
		}
		// The edge straddles the horizontal line through p (half-open,
		// so a vertex on the line counts once).
		if (a[1] > p[1]) != (b[1] > p[1]) {
			// Is the crossing east of p? Decide by orientation, exactly.
			o := orient(a, b, p)
			if (b[1] > a[1]) == (o > 0) {
				in = !in
			}
		}
	}
	if in {
		return inside
	}
	return outside
}
