package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
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
// for, not the server's path. The answer is still read by net/http
// (http.ReadResponse), length or chunks alike.
type tileConns struct {
	host, token string
	idle        chan *tileConn
}

// tileConn is one kept-alive connection and its reader.
type tileConn struct {
	conn net.Conn
	r    *bufio.Reader
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
	if _, err := fmt.Fprintf(c.conn, "GET /tiles/%d/%d/%d.mvt HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n", t[0], t[1], t[2], host, token); err != nil {
		return nil, false, fmt.Errorf("tile %v: %w", t, err)
	}
	resp, err := http.ReadResponse(c.r, nil)
	if err != nil {
		return nil, false, fmt.Errorf("tile %v: %w", t, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, false, fmt.Errorf("tile %v: %s", t, resp.Status)
	}
	if keep {
		b, err = io.ReadAll(resp.Body)
	} else {
		_, err = io.Copy(io.Discard, resp.Body)
	}
	if err != nil {
		return nil, false, fmt.Errorf("tile %v: %w", t, err)
	}
	return b, !resp.Close, nil
}
