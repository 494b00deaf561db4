package api

import (
	"sync"
	"time"

	"landwatch/land"
	"landwatch/sql"
)

// identityTTL is how long a checked token or session is believed without
// asking the database again. A map draws dozens of tiles a second; a token
// revoked or an account disabled elsewhere stops working within this time
// (at once when it happens through this server).
const identityTTL = 10 * time.Second

// identities remembers recently checked secrets (by their hash) and whom
// they belong to.
type identities struct {
	mu      sync.Mutex
	entries map[string]identity
}

type identity struct {
	user    land.User
	session *sql.Session
	until   time.Time
}

func (c *identities) get(hash []byte, now time.Time) (identity, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.entries[string(hash)]
	if !ok || now.After(id.until) {
		return identity{}, false
	}
	return id, true
}

func (c *identities) put(hash []byte, id identity) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) > 10_000 {
		c.entries = map[string]identity{} // bounded: a flood of secrets forgets, it does not grow
	}
	c.entries[string(hash)] = id
}

// forget drops everything remembered: after a sign-out, a revocation or a
// change of an account.
func (c *identities) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = nil
}
