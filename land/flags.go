package land

// Flag marks something wrong with a supply that the map draws on top of its
// stage (DESIGN §3), or something the map marks on it besides its stage
// (mortgaged land).
type Flag uint32

// The flags of a supply.
const (
	FlagOverdueDelivery   Flag = 1 << iota // 逾期未交地
	FlagOverdueStart                       // 逾期未开工
	FlagOverdueCompletion                  // 逾期未竣工
	FlagSuspectedIdle                      // 疑似闲置: a rule fired, not yet determined
	FlagOverlap                            // 重复供地: overlaps another live supply
	FlagGeometryMissing                    // no boundary recorded
	FlagLateEntry                          // entered later than the deadline
	FlagMortgaged                          // 抵押: a mortgage on it not yet released
)

var flagNames = [...]string{"overdue_delivery", "overdue_start", "overdue_completion", "suspected_idle", "overlap", "geometry_missing", "late_entry", "mortgaged"}

// Names returns the names of the flags set in f, in a fixed order.
func (f Flag) Names() []string {
	var out []string
	for i, n := range flagNames {
		if f&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// ParseFlag returns the flag of a name, and false for an unknown name.
func ParseFlag(name string) (Flag, bool) {
	for i, n := range flagNames {
		if n == name {
			return 1 << i, true
		}
	}
	return 0, false
}
