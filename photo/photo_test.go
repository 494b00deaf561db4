package photo

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"landwatch/land"
)

// shanghai stands in for Asia/Shanghai without needing tzdata on the
// test machine; China has kept +08:00 all year since 1991.
var shanghai = time.FixedZone("CST", 8*3600)

func at(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func deg(v float64) *float64 { return &v }

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The fixtures were written by exiftool (see testdata/README.md), so these
// expectations check this reader against an independent writer.
func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name     string
		file     string
		typ      string
		takenAt  *time.Time
		lon, lat *float64
	}{
		{"a JPEG with little-endian EXIF gives its time with offset and a position in Chengdu",
			"chengdu_le.jpg", "image/jpeg", at("2024-05-17T09:30:15+08:00"), deg(104.0648), deg(30.6586)},
		{"a JPEG with big-endian EXIF gives a southern and western position as negative degrees",
			"santiago_be.jpg", "image/jpeg", at("2023-11-02T16:45:00-04:00"), deg(-70.6693), deg(-33.4489)},
		{"a JPEG with a time but no offset or GPS is read in the given location and has no position",
			"time_only.jpg", "image/jpeg", at("2024-01-09T14:03:27+08:00"), nil, nil},
		{"a JPEG with only DateTime falls back to it, with OffsetTime as its zone",
			"modify_date.jpg", "image/jpeg", at("2022-03-04T05:06:07+05:30"), nil, nil},
		{"a JPEG whose latitude is beyond 90 degrees has no position",
			"lat_out_of_range.jpg", "image/jpeg", nil, nil, nil},
		{"a JPEG whose latitude has a zero denominator has no position",
			"zero_denominator.jpg", "image/jpeg", nil, nil, nil},
		{"a JPEG without EXIF is a photo with no time and no position",
			"no_exif.jpg", "image/jpeg", nil, nil, nil},
		{"a PNG with an eXIf chunk gives its time with offset and position",
			"chengdu.png", "image/png", at("2024-05-17T09:30:15+08:00"), deg(104.0648), deg(30.6586)},
		{"a PNG without EXIF is a photo with no time and no position",
			"no_exif.png", "image/png", nil, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, err := Read(readFixture(t, tc.file), shanghai)
			if err != nil {
				t.Fatal(err)
			}
			if info.ContentType != tc.typ || info.Width != 16 || info.Height != 12 {
				t.Errorf("got %s %d×%d, want %s 16×12", info.ContentType, info.Width, info.Height, tc.typ)
			}
			checkTime(t, info.TakenAt, tc.takenAt)
			checkDeg(t, "lon", info.Lon, tc.lon)
			checkDeg(t, "lat", info.Lat, tc.lat)
		})
	}
}

func checkTime(t *testing.T, got, want *time.Time) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("taken at %v, want %v", got, want)
	default:
		_, gotOff := got.Zone()
		_, wantOff := want.Zone()
		if !got.Equal(*want) || gotOff != wantOff {
			t.Errorf("taken at %v, want %v", got, want)
		}
	}
}

func checkDeg(t *testing.T, name string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s %v, want %v", name, got, want)
	case math.Abs(*got-*want) > 1e-6:
		t.Errorf("%s %.9f, want %.9f", name, *got, *want)
	}
}

func TestReadWithoutLocation(t *testing.T) {
	t.Run("a time without offset is read as UTC when no location is given", func(t *testing.T) {
		info, err := Read(readFixture(t, "time_only.jpg"), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkTime(t, info.TakenAt, at("2024-01-09T14:03:27Z"))
	})
}

func TestReadRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"a JPEG cut off inside its EXIF does not decode", readFixture(t, "truncated.jpg")},
		{"a text file is not a photo", readFixture(t, "not_an_image.txt")},
		{"no bytes at all are not a photo", nil},
		{"a PNG signature alone does not decode", []byte("\x89PNG\r\n\x1a\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.data, shanghai)
			if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != "data" {
				t.Fatalf("got %v, want an invalid error for data", err)
			}
		})
	}
}

// Damage is made by editing exiftool's output at byte patterns found by
// search, not by this package, so the parser is not checking itself.
func TestReadIgnoresBrokenExif(t *testing.T) {
	damage := func(file, find string, delta int, b byte) []byte {
		data := bytes.Clone(readFixture(t, file))
		i := bytes.Index(data, []byte(find))
		if i < 0 {
			t.Fatalf("%q not in %s", find, file)
		}
		data[i+delta] = b
		return data
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"a JPEG whose TIFF header has an unknown byte order keeps its size but not its EXIF",
			damage("chengdu_le.jpg", "Exif\x00\x00II", 6, 'X')},
		{"a JPEG whose TIFF magic number is wrong keeps its size but not its EXIF",
			damage("chengdu_le.jpg", "Exif\x00\x00II", 8, 43)},
		{"a PNG whose eXIf chunk fails its CRC keeps its size but not its EXIF",
			damage("chengdu.png", "eXIf", 20, 0xEE)},
		{"a JPEG whose IFD0 offset points past the end keeps its size but not its EXIF",
			damage("chengdu_le.jpg", "Exif\x00\x00II", 13, 0x7F)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, err := Read(tc.data, shanghai)
			if err != nil {
				t.Fatal(err)
			}
			if info.Width != 16 || info.Height != 12 || info.TakenAt != nil || info.Lon != nil || info.Lat != nil {
				t.Errorf("got %+v, want 16×12 with no EXIF fields", info)
			}
		})
	}
}
