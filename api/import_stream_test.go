package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"landwatch/land"
)

// streamLine is a line of an import's stream as the tests read it.
type streamLine struct {
	Progress *importStep   `json:"progress"`
	Report   *importReport `json:"report"`
	Problem  *Problem      `json:"problem"`
}

// readStream reads an import's stream line by line, failing on a line that
// is not one JSON object of the three kinds.
func readStream(t *testing.T, body []byte) []streamLine {
	t.Helper()
	var out []streamLine
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l streamLine
		err := json.Unmarshal(sc.Bytes(), &l)
		if kinds := btoi(l.Progress != nil) + btoi(l.Report != nil) + btoi(l.Problem != nil); err != nil || kinds != 1 {
			t.Fatalf("line %d of the stream is not one progress, report or problem (%v): %s", len(out)+1, err, sc.Text())
		}
		out = append(out, l)
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// streamFeatures is a GeoJSON file of n supplies with a parcel each, the
// last two overlapping.
func streamFeatures(first, n int) []byte {
	var fs []string
	for i := range n {
		lon := 115.70 + 0.002*float64(i)
		if i == n-1 {
			lon -= 0.0015 // over the one before it
		}
		fs = append(fs, fmt.Sprintf(`{"type":"Feature","properties":{"e_number":"1306262026B1%04d","project_name":"逐步导入","method":"23",`+
			`"land_use_original":"0701","area_ha":0.9585,"contract_date":"2026-01-05"},"geometry":%s}`, first+i, square(lon, 39.20, 0.001)))
	}
	return []byte(`{"type":"FeatureCollection","features":[` + strings.Join(fs, ",\n") + "]}")
}

// A client that accepts application/x-ndjson hears each step of its import
// as it goes, from nothing done to all done and never backwards, then the
// report the plain answer gives.
func TestAnImportTellsItsStepsToAClientThatAsks(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "clerk", land.RoleClerk, "130626")
	file := streamFeatures(0, 12)
	plain := postImport(t, c, "逐步.geojson&dry_run=true", file)

	resp, body := c.do("POST", "/api/v1/imports?name=逐步.geojson", http.Header{"Accept": {ndjson}}, file)
	c.status(http.StatusOK, resp, body)
	if ct := resp.Header.Get("Content-Type"); ct != ndjson {
		t.Errorf("Content-Type %q, want %s", ct, ndjson)
	}
	lines := readStream(t, body)
	if len(lines) < 2 {
		t.Fatalf("%d lines: %s", len(lines), body)
	}
	last := lines[len(lines)-1]
	if last.Report == nil {
		t.Fatalf("the stream does not end with the report: %s", body)
	}
	if last.Report.Accepted != plain.Accepted || last.Report.Created != plain.Accepted || len(last.Report.Rejected) != 0 {
		t.Errorf("the report: %d accepted, %d created, %d rejected; the dry run's plain answer: %d accepted",
			last.Report.Accepted, last.Report.Created, len(last.Report.Rejected), plain.Accepted)
	}
	var steps []string
	done := map[string]int{}
	for i, l := range lines[:len(lines)-1] {
		p := l.Progress
		if p == nil || p.Total <= 0 || p.Done < 0 || p.Done > p.Total {
			t.Fatalf("line %d is not a step's progress: %+v", i+1, l)
		}
		was, seen := done[p.Step]
		switch {
		case !seen && p.Done != 0:
			t.Errorf("step %s is first told at %d of %d, not at its start", p.Step, p.Done, p.Total)
		case !seen:
			steps = append(steps, p.Step)
		case p.Done < was:
			t.Errorf("step %s went back from %d to %d", p.Step, was, p.Done)
		}
		done[p.Step] = p.Done
	}
	if want := []string{"supplies", "boundaries", "overlap check"}; strings.Join(steps, ",") != strings.Join(want, ",") {
		t.Errorf("steps %q, want %q", steps, want)
	}
	for _, s := range steps {
		if done[s] != 12 {
			t.Errorf("step %s ended at %d of 12", s, done[s])
		}
	}
}

// An import that fails once its stream has begun ends the stream with the
// problem (the status is 200 already), and leaves nothing; one refused
// before its first step is answered as without the stream.
func TestAnImportsStreamEndsWithTheProblemWhenTheImportFails(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "clerk", land.RoleClerk, "130626")
	ctx := context.Background()
	// The import's own audit entry (on its supplies, beside the request's
	// entry) is written after its last step, just before its commit.
	ts.refuseAuditEntries(t, "NEW.action = 'import' AND NEW.target = 'supplies'")
	resp, body := c.do("POST", "/api/v1/imports?name=逐步.geojson", http.Header{"Accept": {ndjson}}, streamFeatures(100, 3))
	c.status(http.StatusOK, resp, body)
	lines := readStream(t, body)
	if len(lines) < 2 || lines[0].Progress == nil {
		t.Fatalf("the stream did not begin with a step: %s", body)
	}
	last := lines[len(lines)-1]
	if last.Problem == nil || last.Problem.Status != http.StatusServiceUnavailable || last.Report != nil {
		t.Fatalf("the stream does not end with the import's problem: %s", body)
	}
	var n int
	if err := ts.store.Pool().QueryRow(ctx, `SELECT count(*) FROM supply WHERE e_number LIKE '1306262026B101%'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the failed import left %d supplies (%v)", n, err)
	}

	// A file refused whole is answered with its status.
	resp, body = c.do("POST", "/api/v1/imports?name=逐步.docx", http.Header{"Accept": {ndjson}}, []byte("no"))
	if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("a file of no known format: %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}
