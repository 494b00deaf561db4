package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"landwatch/sql/sqltest"
)

// buildBinary compiles landwatch once for the test.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "landwatch")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startServerWith runs `landwatch serve` on a free port with more
// environment and returns its base URL and the process.
func startServerWith(t *testing.T, bin, dbURL string, env ...string) (string, *exec.Cmd) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve")
	cmd.Env = append(append(os.Environ(), "DATABASE_URL="+dbURL, "LANDWATCH_ADDR=127.0.0.1:0"), env...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("server log:\n%s", stderr.String())
		}
	})
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	select {
	case line, ok := <-lines:
		if !ok || !strings.Contains(line, "serving on ") {
			t.Fatalf("server did not start: %q\n%s", line, stderr.String())
		}
		go func() {
			for range lines {
			}
		}()
		base := strings.TrimSpace(line[strings.Index(line, "http://"):])
		waitHealthy(t, base)
		return base, cmd
	case <-time.After(60 * time.Second):
		t.Fatalf("server did not start within a minute:\n%s", stderr.String())
	}
	return "", nil
}

// waitHealthy waits until /healthz answers 200: the index is loaded and
// following the change feed.
func waitHealthy(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s/healthz not 200 within 30 s (last: %v)", base, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// client speaks to a server; with a token, as the account it belongs to.
type client struct {
	t     *testing.T
	base  string
	token string
}

func (c client) do(method, path string, header http.Header, body []byte) (*http.Response, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, b
}

func (c client) status(want int, resp *http.Response, body []byte) {
	c.t.Helper()
	if resp.StatusCode != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want, body)
	}
}

// One round trip through the real binary: it serves what it imported over
// HTTP, and its import command exits 1 on rejected lines. What each
// resource answers is tested in-process in api, without a binary to start.
func TestServeImportsQueriesAndPatchesOverHTTP(t *testing.T) {
	bin := buildBinary(t)
	dbURL := sqltest.URL(t)
	c := adminClient(t, bin, dbURL)

	resp, body := c.do("GET", "/healthz", nil, nil)
	c.status(200, resp, body)

	csv, err := os.ReadFile("../../reference/landchina/supply_results_2018-12.csv")
	if err != nil {
		t.Fatal(err)
	}
	resp, body = c.do("POST", "/api/v1/imports?name=supply_results_2018-12.csv", nil, csv)
	c.status(200, resp, body)
	var rep struct {
		Accepted int               `json:"accepted"`
		Rejected []json.RawMessage `json:"rejected"`
	}
	if err := json.Unmarshal(body, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 203 || len(rep.Rejected) != 0 {
		t.Fatalf("import: %d accepted, %d rejected; want 203, 0: %s", rep.Accepted, len(rep.Rejected), body)
	}

	t.Run("lists filter by method and page with next links", func(t *testing.T) {
		seen, next := 0, "/api/v1/supplies?method=22&limit=10"
		for next != "" {
			resp, body := c.do("GET", next, nil, nil)
			c.status(200, resp, body)
			var page struct {
				Items []struct {
					Method string `json:"method"`
				} `json:"items"`
				Total int     `json:"total"`
				Next  *string `json:"next"`
			}
			if err := json.Unmarshal(body, &page); err != nil {
				t.Fatal(err)
			}
			if page.Total != 26 {
				t.Fatalf("total auctions = %d, want 26", page.Total)
			}
			for _, it := range page.Items {
				if it.Method != "22" {
					t.Errorf("method %s in a list of auctions", it.Method)
				}
			}
			seen += len(page.Items)
			next = ""
			if page.Next != nil {
				next = *page.Next
			}
		}
		if seen != 26 {
			t.Errorf("pages held %d auctions, want 26", seen)
		}
	})

	t.Run("an unknown filter is refused naming it", func(t *testing.T) {
		resp, body := c.do("GET", "/api/v1/supplies?colour=red", nil, nil)
		c.status(400, resp, body)
		if !strings.Contains(resp.Header.Get("Content-Type"), "application/problem+json") || !strings.Contains(string(body), `"field":"colour"`) {
			t.Errorf("problem = %s %s", resp.Header.Get("Content-Type"), body)
		}
	})

	t.Run("a patch needs the current ETag", func(t *testing.T) {
		resp, body := c.do("GET", "/api/v1/supplies/1306262018B00730", nil, nil)
		c.status(200, resp, body)
		tag := resp.Header.Get("ETag")
		patch := []byte(`{"holder":"河北康城房地产开发有限公司（更名）"}`)
		resp, body = c.do("PATCH", "/api/v1/supplies/1306262018B00730", nil, patch)
		c.status(428, resp, body)
		resp, body = c.do("PATCH", "/api/v1/supplies/1306262018B00730", http.Header{"If-Match": {tag}}, patch)
		c.status(200, resp, body)
		resp, body = c.do("PATCH", "/api/v1/supplies/1306262018B00730", http.Header{"If-Match": {tag}}, patch)
		c.status(412, resp, body)
		resp, body = c.do("GET", "/api/v1/supplies/1306262018B00730/history", nil, nil)
		c.status(200, resp, body)
		if !strings.Contains(string(body), "更名") {
			t.Errorf("history lacks the new holder: %s", body)
		}
	})

	t.Run("the import command reports rejected lines and exits 1", func(t *testing.T) {
		dir := t.TempDir()
		bad := filepath.Join(dir, "bad.csv")
		lines := strings.SplitN(string(csv), "\n", 4)
		broken := strings.Replace(lines[2], "5.292804", "five", 1)
		if broken == lines[2] {
			broken = strings.Replace(lines[2], ",", ",X", 1)
		}
		if err := os.WriteFile(bad, []byte(lines[0]+"\n"+lines[1]+"\n"+broken+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		reportPath := filepath.Join(dir, "report.json")
		cmd := exec.Command(bin, "import", "--dry-run", "--report", reportPath, bad)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Fatalf("exit: %v, want status 1\n%s", err, out)
		}
		b, err := os.ReadFile(reportPath)
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			Accepted int `json:"accepted"`
			Rejected []struct {
				File string `json:"file"`
				Line int    `json:"line"`
			} `json:"rejected"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		if r.Accepted != 1 || len(r.Rejected) == 0 || r.Rejected[0].Line != 3 || r.Rejected[0].File != bad {
			t.Errorf("report = %s", b)
		}
	})
}
