package auth

import "time"

// SignInKey is one count of failed sign-ins and the ramp it is held to.
type SignInKey struct {
	Key  string
	Ramp Ramp
	// ClearedBySuccess: the right password forgets this count. The
	// address's count stays: one user's success behind an office's address
	// must not wipe the guesses made through it.
	ClearedBySuccess bool
}

// The ramps of failed sign-ins. A lockout per account alone let anyone
// lock the owner out with five guesses from five addresses; so the guesses
// of one address at one account lock that pair out soon, the account alone
// only after ten times as many (a guesser spread over many addresses),
// and one address after thirty whatever the names (a guesser walking
// through names; an office behind one address has many users).
var (
	PairRamp    = Ramp{Limit: 5, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
	AccountRamp = Ramp{Limit: 50, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
	AddressRamp = Ramp{Limit: 30, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
)

// maxKeyName bounds the name in a key: an account name is at most 63
// bytes, and a longer one, naming nobody, must not make a key too long to
// index.
const maxKeyName = 64

// SignInKeys are the counts a sign-in of account from address is held to.
func SignInKeys(account, address string) []SignInKey {
	if len(account) > maxKeyName {
		account = account[:maxKeyName]
	}
	// The address comes last and never holds "|", so no two pairs share a key.
	return []SignInKey{
		{Key: "pair|" + account + "|" + address, Ramp: PairRamp, ClearedBySuccess: true},
		{Key: "account|" + account, Ramp: AccountRamp, ClearedBySuccess: true},
		{Key: "address|" + address, Ramp: AddressRamp},
	}
}
