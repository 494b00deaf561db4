package importer

import (
	"strings"

	"landwatch/land"
)

// ownershipWords are what a land office writes in a column of ownership
// (土地所有权性质 国有/集体) or of collective land (集体建设用地 是/否),
// read as whether the land is collective.
var ownershipWords = map[string]bool{
	"集体": true, "集体所有": true, "集体土地": true, "集体建设用地": true, "农民集体所有": true,
	"是": true, "√": true, "y": true, "yes": true, "true": true, "1": true,
	"国有": false, "国家所有": false, "国有土地": false, "国有建设用地": false, "全民所有": false,
	"否": false, "n": false, "no": false, "false": false, "0": false,
}

// readCollective sets whether the land is collective construction land
// (集体建设用地) and its owner (集体经济组织). An empty ownership cell is
// state land; an ownership not understood is a problem of the row. Whether
// the owner is given as it must be is the domain's check, made when the row
// is written (land.Supply.Normalize), so that a row saying 集体 without an
// owner is rejected on its line naming collective_owner.
func readCollective(s *land.Supply, v fieldValues, bad func(field, format string, args ...any)) {
	s.CollectiveOwner = v.get(fCollectiveOwner)
	t := v.get(fCollective)
	if t == "" {
		return
	}
	collective, ok := ownershipWords[strings.ToLower(t)]
	if !ok {
		bad(fCollective, "%q does not say the ownership: expected 国有 or 集体 (or 是/否 under 集体建设用地)", t)
		return
	}
	s.Collective = collective
}
