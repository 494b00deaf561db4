// Package reference embeds the public reference tables landwatch ships with:
// administrative divisions (GB/T 2260), the State Council holiday calendar,
// landchina's code tables and its 203 published supply results of December
// 2018 (used to shape the demo city). Each folder keeps its LICENSE.
package reference

import "embed"

// FS holds divisions/, holiday-cn/ and landchina/.
//
//go:embed divisions holiday-cn landchina
var FS embed.FS
