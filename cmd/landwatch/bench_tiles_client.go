package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// tileConns are the benchmark's HTTP clients of one server: connections
// kept alive, each used by one request at a time, which writes the request
// and reads its answer in the caller's own goroutine.
//
// Written here rather than taken from net/http's client on purpose: that
// client hands every request to two goroutines of its connection's, one
// writing and one reading, so eight clients make three goroutine hand-offs
// a request besides the server's. The clients share the server's process
// and its cores; their hand-offs are what a light tile's requests waited
// for, not the server's path.
type tileConns struct {
	host, token string
	idle        chan *tileConn
}

// tileConn is one kept-alive connection and its reader.
type tileConn struct {
	conn net.Conn
	r    *bufio.Reader
	req  []byte // the request being written
	body []byte // the answer's body, read again for the next
}

// newTileConns returns the clients of the server at base (http://host:port),
// signing each request with the bearer token; at most idle connections are
// kept.
func newTileConns(base, token string, idle int) (*tileConns, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	return &tileConns{host: u.Host, token: token, idle: make(chan *tileConn, idle)}, nil
}

// close closes the idle connections.
func (p *tileConns) close() {
	for {
		select {
		case c := <-p.idle:
			c.conn.Close()
		default:
			return
		}
	}
}

// fetch returns a function fetching a tile, which returns its bytes when
// keep, or reads them to the end, keeping none, and returns nil.
func (p *tileConns) fetch(keep bool) func(t [3]uint32) ([]byte, error) {
	return func(t [3]uint32) ([]byte, error) {
		c, err := p.take()
		if err != nil {
			return nil, err
		}
		b, reuse, err := c.get(p.host, p.token, t, keep)
		if err != nil || !reuse {
			c.conn.Close()
			return b, err
		}
		select {
		case p.idle <- c:
		default:
			c.conn.Close()
		}
		return b, nil
	}
}

// take returns an idle connection, or a new one.
func (p *tileConns) take() (*tileConn, error) {
	select {
	case c := <-p.idle:
		return c, nil
	default:
	}
	conn, err := net.Dial("tcp", p.host)
	if err != nil {
		return nil, err
	}
	return &tileConn{conn: conn, r: bufio.NewReaderSize(conn, 64<<10)}, nil
}

// get makes one request on the connection and reads its answer; reuse is
// whether the connection may serve another.
func (c *tileConn) get(host, token string, t [3]uint32, keep bool) (b []byte, reuse bool, err error) {
	c.req = append(c.req[:0], "GET /tiles/"...)
	for i, n := range t {
		if i > 0 {
			c.req = append(c.req, '/')
		}
		c.req = strconv.AppendUint(c.req, uint64(n), 10)
	}
	c.req = append(append(append(append(append(c.req, ".mvt HTTP/1.1\r\nHost: "...), host...), "\r\nAuthorization: Bearer "...), token...), "\r\n\r\n"...)
	if _, err := c.conn.Write(c.req); err != nil {
		return nil, false, fmt.Errorf("tile %v: %w", t, err)
	}
	a, err := c.readAnswer(keep)
	if err != nil {
		return nil, false, fmt.Errorf("tile %v: %w", t, err)
	}
	if a.status != http.StatusOK {
		return nil, false, fmt.Errorf("tile %v: %d %s", t, a.status, http.StatusText(a.status))
	}
	return a.body, !a.close, nil
}

// answer is what readAnswer takes of a response.
type answer struct {
	status int
	close  bool   // the server closes the connection after it
	body   []byte // when kept
}

// readAnswer reads a response: its status, the headers that say how long
// its body is and whether the connection stays open, and the body, by
// length or in chunks, kept when keep.
//
// Read here rather than by http.ReadResponse, which makes a map of every
// header and a reader of the body for each answer: the clients share the
// server's process, and their garbage was a fifth of the timed runs' (the
// generated city's z15), paid for by the server's requests in the
// collections it brought on. An answer read by length or in chunks and
// not kept allocates nothing.
func (c *tileConn) readAnswer(keep bool) (answer, error) {
	var a answer
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		return a, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return a, fmt.Errorf("not an HTTP/1.x status line: %q", line)
	}
	if a.status, err = strconv.Atoi(string(line[9:12])); err != nil {
		return a, fmt.Errorf("status line %q: %w", line, err)
	}
	length, chunked := -1, false
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return a, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return a, fmt.Errorf("header line %q", line)
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil || length < 0 {
				return a, fmt.Errorf("Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			a.close = bytes.EqualFold(value, []byte("close"))
		}
	}
	c.body = c.body[:0]
	switch {
	case a.status < 200 || a.status == http.StatusNoContent || a.status == http.StatusNotModified:
		// no body, whatever the headers say (RFC 9112 §6.3)
	case chunked:
		err = c.readChunks()
	case length >= 0:
		err = c.readN(length)
	default: // the body runs to the connection's end
		a.close = true
		var all []byte
		all, err = io.ReadAll(c.r)
		c.body = append(c.body, all...)
	}
	if err != nil {
		return a, err
	}
	if keep {
		a.body = bytes.Clone(c.body)
	}
	return a, nil
}

// readN appends the next n bytes to the connection's body.
func (c *tileConn) readN(n int) error {
	start := len(c.body)
	c.body = slices.Grow(c.body, n)[:start+n]
	_, err := io.ReadFull(c.r, c.body[start:])
	return err
}

// readChunks appends a chunked body to the connection's body.
func (c *tileConn) readChunks() error {
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return err
		}
		size, _, _ := bytes.Cut(bytes.TrimRight(line, "\r\n"), []byte(";"))
		n, err := strconv.ParseUint(string(size), 16, 31)
		if err != nil {
			return fmt.Errorf("chunk size %q", line)
		}
		if err := c.readN(int(n)); err != nil {
			return err
		}
		if _, err := c.r.Discard(2); err != nil { // the chunk's CRLF
			return err
		}
		if n == 0 {
			return nil // no trailers from landwatch or the control
		}
	}
}
