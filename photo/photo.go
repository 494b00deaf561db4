// Package photo reads what a field photo says about itself: its type and,
// from EXIF when present, when and where it was taken.
package photo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"time"

	"landwatch/land"
)

// Info is what a photo says about itself. The EXIF fields are nil when the
// photo does not say, or says it in a way that cannot be trusted: a photo
// without EXIF is a valid photo.
type Info struct {
	// ContentType is "image/jpeg" or "image/png", sniffed from the bytes
	// because the type a client declares is not evidence.
	ContentType string
	// TakenAt is DateTimeOriginal, else DateTime. With OffsetTimeOriginal
	// (or OffsetTime for DateTime) it carries that fixed offset; without
	// one it is read as wall-clock time in the location given to Read.
	TakenAt *time.Time
	// Lon and Lat are the GPS position in degrees, negative west and
	// south; phones write WGS84. Both are set or neither is.
	Lon, Lat *float64
	// Width and Height are the pixel size from the image header.
	Width, Height int
}

// Read reads a JPEG or PNG photo. It fails with a land.Invalid error for the
// field "data" when the bytes are neither, or their header does not decode;
// missing or broken EXIF only leaves TakenAt and the position nil. A time
// without an offset is read in loc (UTC when loc is nil).
func Read(data []byte, loc *time.Location) (Info, error) {
	var (
		info  Info
		cfg   image.Config
		err   error
		tiffb []byte
	)
	switch {
	case isJPEG(data):
		info.ContentType = "image/jpeg"
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
		tiffb = jpegExif(data)
	case isPNG(data):
		info.ContentType = "image/png"
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
		tiffb = pngExif(data)
	default:
		return Info{}, land.Invalid("data", "not a JPEG or PNG photo")
	}
	if err != nil {
		return Info{}, land.Invalid("data", "the %s does not decode: %v", info.ContentType, err)
	}
	info.Width, info.Height = cfg.Width, cfg.Height
	if loc == nil {
		loc = time.UTC
	}
	if tiffb != nil {
		info.TakenAt, info.Lon, info.Lat = readExif(tiffb, loc)
		for _, v := range []*float64{info.Lon, info.Lat} {
			if v != nil {
				*v = math.Round(*v*1e8) / 1e8 // a millimetre; the rationals' binary noise goes
			}
		}
	}
	return info, nil
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

func isJPEG(b []byte) bool { return len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF }
func isPNG(b []byte) bool  { return bytes.HasPrefix(b, pngSignature) }

// jpegExif returns the TIFF data of the first Exif APP1 segment, or nil.
// It stops at the start of scan: EXIF always comes before the image data,
// and scanning entropy-coded bytes for markers would only find noise.
func jpegExif(b []byte) []byte {
	i := 2
	for i+1 < len(b) {
		if b[i] != 0xFF {
			return nil
		}
		marker := b[i+1]
		i += 2
		switch {
		case marker == 0xFF: // fill byte: the real marker follows
			i--
			continue
		case marker == 0xD8, marker == 0x01, marker >= 0xD0 && marker <= 0xD7:
			continue // no length field
		case marker == 0xD9, marker == 0xDA:
			return nil
		}
		if i+2 > len(b) {
			return nil
		}
		n := int(binary.BigEndian.Uint16(b[i:]))
		if n < 2 || i+n > len(b) {
			return nil
		}
		seg := b[i+2 : i+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, exifHeader) {
			return seg[len(exifHeader):]
		}
		i += n
	}
	return nil
}

var exifHeader = []byte("Exif\x00\x00")

// pngExif returns the data of the eXIf chunk, or nil. A chunk whose CRC does
// not match is ignored: its bytes are not what the camera wrote.
func pngExif(b []byte) []byte {
	i := len(pngSignature)
	for i+8 <= len(b) {
		n := uint64(binary.BigEndian.Uint32(b[i:]))
		typ := string(b[i+4 : i+8])
		end := uint64(i) + 8 + n + 4
		if end > uint64(len(b)) {
			return nil
		}
		body := b[i+8 : int(end)-4]
		if typ == "eXIf" {
			if crc32.ChecksumIEEE(b[i+4:int(end)-4]) != binary.BigEndian.Uint32(b[int(end)-4:]) {
				return nil
			}
			// Some early writers kept the JPEG "Exif\0\0" prefix in PNG.
			return bytes.TrimPrefix(body, exifHeader)
		}
		if typ == "IEND" {
			return nil
		}
		i = int(end)
	}
	return nil
}
