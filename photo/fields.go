package photo

import (
	"time"
)

// exifLayout is how EXIF writes a date and time: local wall-clock time
// with colons in the date, and no zone.
const exifLayout = "2006:01:02 15:04:05"

// readExif reads the capture time and position from an EXIF block. Any
// part it cannot read is nil; it never fails, because a photo whose EXIF
// is broken is still a photo.
func readExif(b []byte, loc *time.Location) (takenAt *time.Time, lon, lat *float64) {
	t, ifd0, ok := parseTIFF(b)
	if !ok {
		return nil, nil, nil
	}
	var exif []entry
	if off, ok := t.pointer(ifd0, tagExifIFD); ok {
		exif = t.ifd(off)
	}
	takenAt = readTime(ifd0, exif, loc)
	if off, ok := t.pointer(ifd0, tagGPSIFD); ok {
		lon, lat = t.position(t.ifd(off))
	}
	return takenAt, lon, lat
}

// readTime prefers DateTimeOriginal, the shutter time, over DateTime,
// which editing software rewrites. Each is paired with its own offset tag
// so that a DateTime is never given the zone of a different moment.
func readTime(ifd0, exif []entry, loc *time.Location) *time.Time {
	for _, c := range []struct {
		ifd         []entry
		tag, offTag uint16
	}{
		{exif, tagDateTimeOriginal, tagOffsetTimeOriginal},
		{ifd0, tagDateTime, tagOffsetTime},
	} {
		s, ok := ascii(c.ifd, c.tag)
		if !ok {
			continue
		}
		zone := loc
		if o, ok := ascii(exif, c.offTag); ok {
			if z, ok := parseOffset(o); ok {
				zone = z
			}
		}
		// Blank or zeroed dates ("0000:00:00 00:00:00") fail here and
		// fall through to the next candidate.
		if ts, err := time.ParseInLocation(exifLayout, s, zone); err == nil {
			return &ts
		}
	}
	return nil
}

// parseOffset reads an EXIF offset such as "+08:00". Anything else is
// treated as no offset rather than as an error, since the time itself is
// still good.
func parseOffset(s string) (*time.Location, bool) {
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return nil, false
	}
	h, ok1 := twoDigits(s[1:3])
	m, ok2 := twoDigits(s[4:6])
	if !ok1 || !ok2 || h > 14 || m > 59 {
		return nil, false
	}
	sec := h*3600 + m*60
	if s[0] == '-' {
		sec = -sec
	}
	return time.FixedZone("", sec), true
}

func twoDigits(s string) (int, bool) {
	if s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

// position returns both coordinates or neither: half a position cannot
// place a photo.
func (t tiff) position(gps []entry) (lon, lat *float64) {
	la, ok1 := t.coord(gps, tagGPSLatitudeRef, tagGPSLatitude, "N", "S", 90)
	lo, ok2 := t.coord(gps, tagGPSLongitudeRef, tagGPSLongitude, "E", "W", 180)
	if !ok1 || !ok2 {
		return nil, nil
	}
	return &lo, &la
}

// coord reads one coordinate from its degrees/minutes/seconds and its
// hemisphere. Without a known hemisphere the sign would be a guess, so the
// coordinate is not read at all.
func (t tiff) coord(gps []entry, refTag, valTag uint16, pos, neg string, limit float64) (float64, bool) {
	ref, ok := ascii(gps, refTag)
	if !ok || (ref != pos && ref != neg) {
		return 0, false
	}
	dms, ok := t.rationals(gps, valTag)
	if !ok {
		return 0, false
	}
	v := 0.0
	for i, scale := range []float64{1, 60, 3600}[:len(dms)] {
		v += dms[i] / scale
	}
	if v > limit {
		return 0, false
	}
	if ref == neg {
		v = -v
	}
	return v, true
}
