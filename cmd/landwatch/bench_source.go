package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"landwatch/seed"
)

// benchSource is the fabric a benchmark runs on: the generated city of n
// parcels, or a real cadastre (--from) whose parcels each get a generated
// supply. Real files keep the benchmarks honest: dense town centres and
// parcels of tens of vertices, which the generated blocks lack.
type benchSource struct {
	n      *int
	seed   *int64
	from   *string
	region *string
}

// benchSourceFlags adds the source's flags to fs; parcels is the generated
// city's default size.
func benchSourceFlags(fs *flag.FlagSet, parcels int) benchSource {
	return benchSource{
		n:      fs.Int("parcels", parcels, "parcels of the generated city"),
		seed:   fs.Int64("seed", 1, "random seed of the city, or of the supplies generated on --from's parcels"),
		from:   fs.String("from", "", "a real cadastre (GeoJSON, or the ministry's coordinate file) instead of the generated city: supplies generated over its parcels"),
		region: fs.String("region", "130626", "region code of the supplies generated on --from's parcels"),
	}
}

// real tells whether the source is a real cadastre.
func (s benchSource) real() bool { return *s.from != "" }

// name is the cadastre's file name without its extension.
func (s benchSource) name() string {
	return strings.TrimSuffix(filepath.Base(*s.from), filepath.Ext(*s.from))
}

// section is the BENCHMARKS.md section of bench on this source.
func (s benchSource) section(bench string) string {
	if !s.real() {
		return bench
	}
	return bench + "-" + s.name()
}

// title names the source in a section's heading.
func (s benchSource) title() string {
	if !s.real() {
		return "the generated city"
	}
	return "the real cadastre " + s.name()
}

// command is the command line that reproduces bench on this source; extra
// are the bench's own flags.
func (s benchSource) command(bench, extra string) string {
	if extra != "" {
		extra = " " + extra
	}
	if !s.real() {
		return fmt.Sprintf("landwatch bench %s --parcels %d%s --seed %d", bench, *s.n, extra, *s.seed)
	}
	return fmt.Sprintf("landwatch bench %s --from reference/parcels/%s --region %s%s --seed %d", bench, filepath.Base(*s.from), *s.region, extra, *s.seed)
}

// regionCode is the region the supplies are in.
func (s benchSource) regionCode() string {
	if !s.real() {
		return seed.Default().RegionCode
	}
	return *s.region
}

// open writes the source into a scratch register as openBenchFabric does;
// what describes it for the report.
func (s benchSource) open(ctx context.Context, cfg config, stdout io.Writer) (city *benchCity, what string, err error) {
	if !s.real() {
		city, err = openBenchCity(ctx, cfg, *s.n, *s.seed, stdout)
		return city, fmt.Sprintf("A generated city of %d parcels (one supply each)", *s.n), err
	}
	parcels, invalid, err := readCadastre(*s.from)
	if err != nil {
		return nil, "", err
	}
	what = fmt.Sprintf("The real cadastre %s (reference/parcels): %d parcels, each given a generated supply (stage, method, land use, contract year and flags drawn from seed %d); %d more that an import would refuse (invalid rings) are left out", s.name(), len(parcels), *s.seed, invalid)
	city, err = openBenchFabric(ctx, cfg, *s.region, parcels, dressFabric(len(parcels), *s.seed), stdout)
	return city, what, err
}
