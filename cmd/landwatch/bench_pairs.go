package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"time"

	"landwatch/api"
	"landwatch/supervision"
)

// regionPairsOverHTTP asks for a region's overlapping pairs as a planner's
// client does — GET /api/v1/overlaps?region=…, signed in with a token,
// following every next link — rounds times, and returns the pairs of the
// last round with the time of each round, fastest first.
func regionPairsOverHTTP(ctx context.Context, cfg config, svc *supervision.Service, region string, rounds int) ([]supervision.PairOverlap, timings, error) {
	var t timings
	srv := httptest.NewServer(api.New(api.Config{Service: svc, Log: quietLog(), InternalNetworks: cfg.InternalNetworks}))
	defer srv.Close()
	token, err := benchToken(ctx, svc)
	if err != nil {
		return nil, t, err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	var pairs []supervision.PairOverlap
	for range rounds {
		start := time.Now()
		pairs = pairs[:0]
		for next := "/api/v1/overlaps?region=" + region + "&limit=1000"; next != ""; {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+next, nil)
			if err != nil {
				return nil, t, err
			}
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := client.Do(req)
			if err != nil {
				return nil, t, err
			}
			var page struct {
				Items []supervision.PairOverlap `json:"items"`
				Next  *string                   `json:"next"`
			}
			err = json.NewDecoder(resp.Body).Decode(&page)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				return nil, t, fmt.Errorf("GET %s: %s %v", next, resp.Status, err)
			}
			pairs = append(pairs, page.Items...)
			next = ""
			if page.Next != nil {
				next = *page.Next
			}
		}
		t.d = append(t.d, time.Since(start))
	}
	slices.Sort(t.d)
	return pairs, t, nil
}
