package land

import "sort"

// CodeName is one entry of a code list with its Chinese name, as pickers show
// it.
type CodeName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Methods lists the supply methods a new record may carry, in the order of
// the national list (the older generic 2 招拍挂出让 is left out: it is kept
// for imported records only).
func Methods() []CodeName {
	var out []CodeName
	for _, c := range []string{MethodAllocation, MethodTender, MethodAuction, MethodListing, MethodAgreement, MethodLease, MethodCapital, MethodAuthorised} {
		out = append(out, CodeName{Code: c, Name: MethodName(c)})
	}
	return out
}

// LandUses lists the GB/T 21010-2017 land uses a supply may carry, classes
// and their subclasses, in code order.
func LandUses() []CodeName {
	out := make([]CodeName, 0, len(currentLandUses))
	for c, name := range currentLandUses {
		out = append(out, CodeName{Code: c, Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
