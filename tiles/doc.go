// Package tiles will encode Mapbox Vector Tiles of the parcels from the
// in-memory index (DESIGN §6). It is empty until the tile issue lands.
package tiles
