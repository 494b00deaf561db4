// Package auth holds the secrets of signing in: password hashes (bcrypt),
// random session and token secrets kept only as SHA-256 hashes, generated
// passwords, and the throttle that slows down guessing. It does no I/O.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"landwatch/land"
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 12

// cost of bcrypt: about 50 ms a hash on a server core, enough to make
// guessing from a stolen table slow and signing in still quick.
const cost = 11

// HashPassword checks a new password and returns its bcrypt hash. A
// password shorter than MinPasswordLength or longer than bcrypt's 72 bytes
// is CodeInvalid naming "password".
func HashPassword(password string) (string, error) {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return "", land.Invalid("password", "at least %d characters", MinPasswordLength)
	}
	if len(password) > 72 {
		return "", land.Invalid("password", "at most 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", land.Wrap(land.CodeInternal, err, "hash the password")
	}
	return string(h), nil
}

// CheckPassword reports whether password matches hash.
func CheckPassword(hash, password string) bool {
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	return err == nil
}

// dummyHash is compared against when the account does not exist, so that
// an unknown name takes as long to refuse as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("landwatch: no such account"), cost)

// CheckNoAccount spends the time of one password check and reports false.
func CheckNoAccount(password string) bool {
	_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
	return false
}

// NewSecret returns a random secret of 32 bytes in URL-safe base64 (for
// session cookies, bearer tokens and CSRF tokens).
func NewSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand panics if the system cannot)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret is what the database keeps of a session or token secret.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// GeneratePassword returns a random password of 20 characters from an
// alphabet without look-alikes, for a first admin or a reset.
func GeneratePassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	out := make([]byte, 0, 20)
	b := make([]byte, 1)
	for len(out) < cap(out) {
		_, _ = rand.Read(b)
		if int(b[0]) >= 256/len(alphabet)*len(alphabet) {
			continue // drawn again, so that every character is as likely
		}
		out = append(out, alphabet[int(b[0])%len(alphabet)])
	}
	return string(out)
}
