package api

import (
	"sync"
	"time"

	"landwatch/land"
	"landwatch/sql"
)

// identityTTL is how long a checked token or session is believed without
// asking the database again. A map draws dozens of tiles a second. A token
// revoked, a session ended or an account changed on any instance ends the
// belief sooner: the database announces it and the service moves to a new
// generation (supervision.Service.IdentityGeneration), within a second.
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
	// generation is the service's identity generation the secret was
	// checked under: once it moves on, the entry is not believed.
	generation uint64
}

func (c *identities) get(hash []byte, now time.Time, generation uint64) (identity, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.entries[string(hash)]
	if !ok || now.After(id.until) || id.generation != generation {
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
// change of an account through this server, before the database's notice
// comes back.
func (c *identities) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = nil
}
