package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"landwatch/land"
)

// unnumbered is a supply of the clerk's county without an e-supervision
// number, signed on contract (a date), by method.
func unnumbered(method, contract, name string) string {
	return fmt.Sprintf(`{"method":%q,"project_name":%q,"area_ha":0.5,"land_use_code":"0601","contract_date":%q}`, method, name, contract)
}

// created posts body and returns the number of the supply it made.
func created(c testClient, body string) string {
	c.t.Helper()
	resp, b := c.do("POST", "/api/v1/supplies", http.Header{"Content-Type": {"application/json"}}, []byte(body))
	c.status(http.StatusCreated, resp, b)
	var sup struct {
		ENumber string `json:"e_number"`
	}
	if err := json.Unmarshal(b, &sup); err != nil {
		c.t.Fatal(err)
	}
	return sup.ENumber
}

func TestLandwatchIssuesTheENumberOfASupplyEnteredWithoutOne(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")

	t.Run("two creates get the county's consecutive serials of the contract's year", func(t *testing.T) {
		c := clerk.as(t)
		first, second := created(c, unnumbered("23", "2026-03-02", "一")), created(c, unnumbered("22", "2026-03-03", "二"))
		if first != "1306262026B00001" || second != "1306262026B00002" {
			t.Errorf("issued %s then %s", first, second)
		}
	})

	t.Run("the same body sent again is answered the record it made, not issued a second number", func(t *testing.T) {
		c := clerk.as(t)
		body := []byte(unnumbered("23", "2023-06-01", "重发"))
		first := created(c, string(body))
		resp, b := c.do("POST", "/api/v1/supplies", nil, body)
		c.status(http.StatusOK, resp, b)
		if !strings.Contains(string(b), `"e_number":"`+first+`"`) {
			t.Errorf("the retry of %s answered %s", first, b)
		}
		if again := created(clerk.as(t), unnumbered("23", "2023-06-01", "另一份")); again != "1306262023B00002" {
			t.Errorf("another body after the retry was issued %s", again)
		}
	})

	t.Run("the letter follows the method: A for allocation, with serials of its own", func(t *testing.T) {
		c := clerk.as(t)
		if got := created(c, unnumbered("1", "2026-03-02", "划拨一")); got != "1306262026A00001" {
			t.Errorf("an allocation was issued %s", got)
		}
		if got := created(c, unnumbered("4", "2025-12-30", "租赁")); got != "1306262025B00001" {
			t.Errorf("a lease of 2025 was issued %s", got)
		}
	})

	t.Run("a deleted supply's number is not issued again", func(t *testing.T) {
		c := clerk.as(t)
		gone := created(c, unnumbered("23", "2026-03-04", "删"))
		if _, err := ts.store.Pool().Exec(context.Background(), `DELETE FROM supply WHERE e_number = $1`, gone); err != nil {
			t.Fatal(err)
		}
		if next := created(c, unnumbered("23", "2026-03-04", "再")); next == gone || next <= gone {
			t.Errorf("after %s was deleted the next issued is %s", gone, next)
		}
	})

	t.Run("a create that fails after its number was taken leaves a gap, never a number issued twice", func(t *testing.T) {
		c := clerk.as(t)
		before := created(c, unnumbered("23", "2027-01-04", "之前"))
		// The register refuses this one inside the create's transaction, as a lost connection would.
		if _, err := ts.store.Pool().Exec(context.Background(), `
CREATE FUNCTION refuse_rollback() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.project_name = '回滚' THEN RAISE EXCEPTION 'refused for the test'; END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER refuse_rollback BEFORE INSERT ON supply FOR EACH ROW EXECUTE FUNCTION refuse_rollback();`); err != nil {
			t.Fatal(err)
		}
		resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(unnumbered("23", "2027-01-04", "回滚")))
		if resp.StatusCode < 500 {
			t.Fatalf("the refused create answered %d %s", resp.StatusCode, b)
		}
		if after := created(c, unnumbered("23", "2027-01-04", "之后")); before != "1306262027B00001" || after != "1306262027B00003" {
			t.Errorf("issued %s, then after a failed create %s", before, after)
		}
	})

	t.Run("a number the clerk gives is kept, and no issued number meets it", func(t *testing.T) {
		c := clerk.as(t)
		given := strings.Replace(unnumbered("23", "2026-03-05", "历史"), `{`, `{"e_number":"1306262026B00040",`, 1)
		if got := created(c, given); got != "1306262026B00040" {
			t.Errorf("the given number became %s", got)
		}
		if got := created(c, unnumbered("23", "2026-03-05", "之后")); got != "1306262026B00041" {
			t.Errorf("after a given B00040 the next issued is %s", got)
		}
	})

	t.Run("numbers are unique under concurrent creates", func(t *testing.T) {
		c := clerk.as(t)
		const n = 8
		got := make([]string, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(unnumbered("21", "2024-05-06", fmt.Sprint("并发", i))))
				var sup struct {
					ENumber string `json:"e_number"`
				}
				if resp.StatusCode != http.StatusCreated || json.Unmarshal(b, &sup) != nil {
					t.Errorf("create %d: %d %s", i, resp.StatusCode, b)
				}
				got[i] = sup.ENumber
			}()
		}
		wg.Wait()
		slices.Sort(got)
		for i, num := range got {
			if want := fmt.Sprintf("1306262024B%05d", i+1); num != want {
				t.Errorf("concurrent creates were issued %v, want 1306262024B00001 to B%05d", got, n)
				break
			}
		}
	})

	t.Run("every field error is answered at once, without asking for the number", func(t *testing.T) {
		c := clerk.as(t)
		resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(`{"method":"23","project_name":"","area_ha":0,"land_use_code":"0601","contract_date":"2026-03-02"}`))
		c.status(http.StatusBadRequest, resp, b)
		fields := problemFields(t, b)
		if !slices.Contains(fields, "project_name") || !slices.Contains(fields, "area_ha") || slices.Contains(fields, "e_number") {
			t.Errorf("fields named: %v in %s", fields, b)
		}
	})

	t.Run("an account above the counties chooses the county", func(t *testing.T) {
		c := ts.account(t, "clerk-baoding", land.RoleClerk, "130600")
		resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(unnumbered("23", "2026-03-02", "市")))
		c.status(http.StatusBadRequest, resp, b)
		if fields := problemFields(t, b); !slices.Equal(fields, []string{"region_code"}) {
			t.Errorf("fields named: %v in %s", fields, b)
		}
		chosen := strings.Replace(unnumbered("23", "2026-03-02", "县"), `{`, `{"region_code":"130626",`, 1)
		if got := created(c, chosen); !strings.HasPrefix(got, "1306262026B") {
			t.Errorf("a number of the chosen county: %s", got)
		}
	})
}

// problemFields lists the fields a problem document names.
func problemFields(t *testing.T, b []byte) []string {
	t.Helper()
	var p struct {
		Field  string `json:"field"`
		Errors []struct {
			Field string `json:"field"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) == 0 {
		return []string{p.Field}
	}
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field)
	}
	return out
}
