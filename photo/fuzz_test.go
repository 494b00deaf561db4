package photo

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzRead checks that no upload, however malformed, panics Read or yields
// a half or impossible position.
func FuzzRead(f *testing.F) {
	names, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Read(data, time.UTC)
		if err != nil {
			return
		}
		if info.ContentType != "image/jpeg" && info.ContentType != "image/png" {
			t.Errorf("content type %q", info.ContentType)
		}
		if (info.Lon == nil) != (info.Lat == nil) {
			t.Errorf("half a position: %v %v", info.Lon, info.Lat)
		}
		if info.Lat != nil && (*info.Lat < -90 || *info.Lat > 90 || *info.Lon < -180 || *info.Lon > 180) {
			t.Errorf("position out of range: %v, %v", *info.Lon, *info.Lat)
		}
	})
}
