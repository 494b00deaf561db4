// Package webmap embeds the map served at / (static files, no build step).
package webmap

import (
	"embed"
	"io/fs"
)

//go:embed static
var files embed.FS

// Files returns the map's static files, rooted at the site's /.
func Files() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the embedded folder is part of the binary
	}
	return sub
}
