package land

import "strings"

// Collective construction land (集体建设用地) enters the market by the
// methods of the national supply list that a collective owner may use:
// transfer (出让: 招标, 拍卖, 挂牌 or 协议, and the older generic 招拍挂), lease
// (出租, the list's 4 租赁) and capital contribution (作价出资或入股, 5).
// These are the existing method codes, not new ones, and collective land is
// a flag, not a Kind: who owns the land is a separate question from how its
// use right is granted. New codes or a kind would split the same methods in
// two in every statistic by method (DESIGN §8 groups by method), in the
// type letter of the e-supervision number (B for any 出让) and in the
// landchina labels an import reads, while a collective lease is still a
// lease. Allocation (划拨) and authorised operation (授权经营) grant state
// land only and are refused for collective land.

// CollectiveMethod reports whether collective land may be supplied by the
// method code: a transfer, a lease or a capital contribution.
func CollectiveMethod(method string) bool {
	switch KindOf(method) {
	case KindTransfer, KindLease, KindCapital:
		return true
	}
	return false
}

// checkCollective checks the ownership of the land: collective land names
// its owner and enters by a method CollectiveMethod allows (checked only
// when methodKnown, the method having been read); state land names no
// collective owner. The owner is trimmed.
func (s *Supply) checkCollective(methodKnown bool) error {
	s.CollectiveOwner = strings.TrimSpace(s.CollectiveOwner)
	var errs []error
	switch {
	case s.Collective && s.CollectiveOwner == "":
		errs = append(errs, Invalid("collective_owner",
			"collective land needs its owner, the village collective economic organisation (集体经济组织), such as 某某村股份经济合作社"))
	case !s.Collective && s.CollectiveOwner != "":
		errs = append(errs, Invalid("collective_owner",
			"state-owned land has no collective owner: set collective to true for collective land (集体建设用地), or leave the owner empty"))
	}
	if s.Collective && methodKnown && !CollectiveMethod(s.Method) {
		errs = append(errs, Invalid("method",
			"collective land enters the market by transfer (出让), lease (出租, 4) or capital contribution (作价出资或入股, 5), not by %s %s",
			s.Method, MethodName(s.Method)))
	}
	return JoinInvalid(errs...)
}
