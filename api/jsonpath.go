package api

import (
	"encoding/json"
	"strconv"
	"strings"
)

// jsonPath follows where a stream of JSON tokens is, so that a fault can
// be named as the request's field (parcels.features[2].properties.name).
type jsonPath struct {
	frames []jsonFrame
}

// jsonFrame is one open object or array.
type jsonFrame struct {
	object  bool
	keys    map[string]bool // the members named so far
	key     string          // the member being read
	wantKey bool            // the next string names a member
	index   int             // the element being read
}

// expectsKey says whether the next string token names a member.
func (p *jsonPath) expectsKey() bool {
	n := len(p.frames)
	return n > 0 && p.frames[n-1].object && p.frames[n-1].wantKey
}

// addKey records the name of the member about to be read; false when the
// object named it already.
func (p *jsonPath) addKey(k string) bool {
	f := &p.frames[len(p.frames)-1]
	f.key, f.wantKey = k, false
	if f.keys[k] {
		return false
	}
	f.keys[k] = true
	return true
}

// value moves past a token that is a value or opens or closes one.
func (p *jsonPath) value(tok json.Token) {
	switch tok {
	case json.Delim('{'):
		p.frames = append(p.frames, jsonFrame{object: true, keys: map[string]bool{}, wantKey: true})
		return
	case json.Delim('['):
		p.frames = append(p.frames, jsonFrame{})
		return
	case json.Delim('}'), json.Delim(']'):
		p.frames = p.frames[:len(p.frames)-1]
	}
	// A value is complete: its parent reads the next member or element.
	if n := len(p.frames); n > 0 {
		f := &p.frames[n-1]
		if f.object {
			f.wantKey = true
		} else {
			f.index++
		}
	}
}

// String names the value being read: "" at the top.
func (p *jsonPath) String() string {
	var b strings.Builder
	for _, f := range p.frames {
		switch {
		case f.object && f.key != "":
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		case !f.object:
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
		}
	}
	return b.String()
}
