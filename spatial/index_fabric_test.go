package spatial

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"github.com/paulmach/orb"
)

// The synthetic fabric of the index benchmarks and tests: an n × n grid of
// square parcels of about 30 m, each drawn with 10 vertices (two extra on
// its east–west sides, one on its north–south sides) that its neighbours
// share exactly, near Baoding (3° zone 38) — plus, for about one cell in a
// hundred, a copy on top: an exact duplicate, or the same square shifted by
// a third of a cell east and half a cell north across four cells. Every
// parcel is its own supply, so the copies are the only overlaps.

const (
	fabricLon0 = 115.0
	fabricLat0 = 39.0
	fabricCell = 30.0 // metres
)

// fabricStep returns the grid steps in degrees: a third of a cell in
// longitude and half a cell in latitude, so that all vertices are whole
// multiples of them and neighbours compute identical coordinates.
func fabricStep() (lon3, lat2 float64) {
	lat := fabricCell / 111000
	lon := fabricCell / (111000 * math.Cos(fabricLat0*math.Pi/180))
	return lon / 3, lat / 2
}

// fabricSquare returns the 10-vertex ring of the cell whose south-west
// corner is at (x3, y2) in thirds and halves of a cell.
func fabricSquare(x3, y2 int) orb.Ring {
	lon3, lat2 := fabricStep()
	pt := func(x, y int) orb.Point {
		return orb.Point{fabricLon0 + float64(x)*lon3, fabricLat0 + float64(y)*lat2}
	}
	return orb.Ring{
		pt(x3, y2), pt(x3+1, y2), pt(x3+2, y2), pt(x3+3, y2),
		pt(x3+3, y2+1), pt(x3+3, y2+2),
		pt(x3+2, y2+2), pt(x3+1, y2+2), pt(x3, y2+2),
		pt(x3, y2+1), pt(x3, y2),
	}
}

// gridFabric returns the subjects of an n × n fabric with a copy on about
// copyShare of the cells, ids from 1, prepared on all CPUs.
func gridFabric(rng *rand.Rand, n int, copyShare float64) []*Subject {
	type cell struct{ x3, y2 int }
	var cells []cell
	for j := range n {
		for i := range n {
			cells = append(cells, cell{3 * i, 2 * j})
		}
	}
	for i := range n * n {
		if rng.Float64() < copyShare {
			c := cells[i]
			if rng.IntN(2) == 0 {
				c.x3, c.y2 = c.x3+1, c.y2+1
			}
			cells = append(cells, c)
		}
	}
	subjects := make([]*Subject, len(cells))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(cells); i += workers {
				id := int64(i + 1)
				subjects[i] = &Subject{ID: id, Kind: KindSupplyParcel, SupplyID: id, Live: true,
					Shape: Prepare(orb.MultiPolygon{{fabricSquare(cells[i].x3, cells[i].y2)}}),
					Meta:  Meta{Stage: "delivered", LandUse: "0701", Method: "23", ContractYear: 2020, Region: "130600"}}
			}
		}()
	}
	wg.Wait()
	return subjects
}
