package importer

import (
	"bytes"
	"io"

	"landwatch/land"
)

// File is one file to read: its name, as the report names it, and its
// content.
type File struct {
	Name string
	R    io.Reader
}

// ReadStream reads files, in order, as one batch (each as ParseWith reads
// it) and returns that batch as a stream. Every file is read and decoded
// first, and parsed whole but for a GeoJSON file, a supply results CSV and
// a coordinate file (see streamedPart): the first supplies of a file can
// be written while its last are still being read. The error is
// ParseWith's, for the first file that cannot be read at all, or
// opts.Admit's.
func ReadStream(files []File, opts Options) (land.Stream, error) {
	parts := make([]*streamPart, len(files))
	var head land.Batch
	for i, f := range files {
		data, err := readAll(f.Name, f.R)
		if err != nil {
			return land.Stream{}, err
		}
		p := &streamPart{name: f.Name}
		parts[i] = p
		var format Format
		if bytes.HasPrefix(data, magicZip) || bytes.HasPrefix(data, magicOLE2) {
			p.batch, format, err = parseData(f.Name, data, opts)
		} else {
			var text string
			if text, err = decodeFile(f.Name, data); err != nil {
				return land.Stream{}, err
			}
			format = DetectFormat(f.Name, text)
			if part := streamedPart(f.Name, format, text); part != nil {
				// Asked before it is read: whether it gives parcels is
				// whether its format carries them.
				if err := admit(opts, f.Name, format, format.CarriesCoordinates()); err != nil {
					return land.Stream{}, err
				}
				if parts[i] = part; part.parse != nil {
					go part.parse()
				}
				continue
			}
			p.batch, format, err = parseText(f.Name, text, opts)
		}
		if err != nil {
			return land.Stream{}, err
		}
		if err := admit(opts, f.Name, format, len(p.batch.Parcels) > 0); err != nil {
			return land.Stream{}, err
		}
		h, _ := p.batch.Split()
		head.Append(h)
	}
	ranged, drained := false, false
	return land.Stream{Head: head,
		Supplies: func(yield func([]land.SupplyRecord) bool) {
			if ranged {
				panic("importer: a stream's supplies are taken once")
			}
			ranged = true
			for _, p := range parts {
				if !p.supplies(yield) {
					return
				}
			}
			drained = true
		},
		Rest: func() (land.Batch, bool) {
			if !drained {
				panic("importer: a stream's Rest is asked for once all its supplies are taken")
			}
			return rest(parts, opts)
		},
	}, nil
}

// admit asks opts.Admit, when set, of a file.
func admit(opts Options, name string, f Format, parcels bool) error {
	if opts.Admit == nil {
		return nil
	}
	return land.WithField(opts.Admit(name, f, parcels), name)
}

// streamPart is one file of a stream: a GeoJSON file or supply results
// CSV, read while its supplies are taken, or any other file's batch, read
// whole.
type streamPart struct {
	name string
	// read, when not nil, reads the file into batch, handing its supplies
	// to deliver a block at a time as they are read, until deliver returns
	// false.
	read  func(deliver func([]land.SupplyRecord) bool)
	batch land.Batch
	// parse, when not nil, reads the file into batch in the background
	// (a coordinate file's), and closes parsed when it has.
	parse  func()
	parsed chan struct{}
	broken *geoJSONBreak // where a GeoJSON file breaks off
	// delivered are the supply records read delivered, block by block.
	delivered [][]land.SupplyRecord
}

// streamedPart returns a file of a stream of format that is not read
// whole before its stream's first write, or nil for a format that is: a
// GeoJSON file and a supply results CSV are read while their supplies are
// taken; a coordinate file, which holds only boundaries and reports its
// problems as rejections, is parsed (by its parse, once it is admitted)
// beside the writing of the supplies before it.
func streamedPart(name string, format Format, text string) *streamPart {
	p := &streamPart{name: name}
	switch format {
	case FormatGeoJSON:
		p.read = func(deliver func([]land.SupplyRecord) bool) {
			p.batch, p.broken = readGeoJSON(name, text, deliver)
		}
	case FormatSupplyCSV:
		p.read = func(deliver func([]land.SupplyRecord) bool) {
			p.batch = readTableCSV(supplyKind, name, text, deliver)
		}
	case FormatCoordinate:
		p.parsed = make(chan struct{})
		p.parse = func() {
			defer close(p.parsed)
			p.batch = parseCoordinateText(name, text)
		}
	default:
		return nil
	}
	return p
}

// supplies yields the part's supply records: a whole file's at once, a
// streamed file's as they are read (a GeoJSON file's features on every
// core), in the file's order. It reports whether yield asked for more.
func (p *streamPart) supplies(yield func([]land.SupplyRecord) bool) bool {
	p.wait()
	if p.read == nil {
		return len(p.batch.Supplies) == 0 || yield(p.batch.Supplies)
	}
	blocks, quit, read := make(chan []land.SupplyRecord), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(read)
		defer close(blocks)
		p.read(func(s []land.SupplyRecord) bool {
			select {
			case blocks <- s:
				return true
			case <-quit: // the stream's reader stopped: so does the file's
				return false
			}
		})
	}()
	more := true
	for s := range blocks {
		p.delivered = append(p.delivered, s)
		if more && !yield(s) {
			more = false
			close(quit)
		}
	}
	<-read
	// The text the reading holds goes with it.
	p.read = nil
	if lone := p.batch.Supplies; more && len(lone) > 0 { // a lone Feature is read into the batch
		p.batch.Supplies = nil
		p.delivered = append(p.delivered, lone)
		more = yield(lone)
	}
	return more
}

// wait returns once the part's batch is read.
func (p *streamPart) wait() {
	if p.parsed != nil {
		<-p.parsed
	}
}

// rest is what land.Stream.Rest returns, once every part has yielded its
// supplies.
func rest(parts []*streamPart, opts Options) (land.Batch, bool) {
	// Only a broken file that delivered supplies has written something
	// that must not stand.
	again := false
	for _, p := range parts {
		p.wait()
		again = again || (p.broken != nil && !opts.Partial && len(p.delivered) > 0)
	}
	var b land.Batch
	for _, p := range parts {
		part := p.batch
		switch {
		case p.broken != nil && !opts.Partial:
			part = brokenOff(p.name, p.broken, p.records())
		case again:
			for _, s := range p.delivered {
				part.Supplies = append(part.Supplies, s...)
			}
		default:
			_, part = p.batch.Split()
		}
		b.Append(part)
	}
	return b, again
}

// records counts the supply and parcel records a GeoJSON file gave.
func (p *streamPart) records() int {
	n := len(p.batch.Parcels)
	for _, s := range p.delivered {
		n += len(s)
	}
	return n
}
