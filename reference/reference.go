// Package reference embeds the public reference tables landwatch ships with:
// administrative divisions (GB/T 2260), the State Council holiday calendar,
// landchina's code tables and its 203 published supply results of December
// 2018 (used to shape the demo city). Each folder keeps its LICENSE.
//
// parcels/ holds two real cadastres moved into China (its README says from
// where, how and under which licences), for the tile tests and
// `landwatch bench tiles --from`; they are read from the file, not embedded:
// the binary does not carry twelve megabytes of test data.
package reference

import "embed"

// FS holds divisions/, holiday-cn/ and landchina/.
//
//go:embed divisions holiday-cn landchina
var FS embed.FS
