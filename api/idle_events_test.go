package api

import (
	"net/http"
	"strings"
	"testing"

	"landwatch/land"
)

// Events are checked against the case over HTTP: land never delivered is
// the government's delay (Order No. 53 art. 8), which goes to negotiation,
// not to a fee; a negotiated disposal records its newly agreed start within
// the Order's limits; every refusal names its field.
func TestIdleEventsAreCheckedAgainstTheCase(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	body := `{"e_number":"1306262023B00009","method":"23","project_name":"未交地项目","area_ha":0.8,"land_use_original":"0701",
"contract_date":"2023-12-01","agreed_delivery":"2024-01-31","agreed_start":"2024-03-01","parcels":` + clerkParcel + `}`
	resp, b := c.do("POST", "/api/v1/supplies", http.Header{"Content-Type": {"application/json"}}, []byte(body))
	c.status(201, resp, b)
	events := resp.Header.Get("Location") + "/events"
	for _, step := range []struct {
		name, event string
		status      int
		field       string
	}{
		{"a determination before the one-year mark is refused", `{"kind":"idle_determination","occurred_on":"2025-03-01","cause":"government"}`, 400, "occurred_on"},
		{"a holder's cause for land never delivered is refused", `{"kind":"idle_determination","occurred_on":"2025-03-02","cause":"holder"}`, 400, "cause"},
		{"the government's cause is recorded", `{"kind":"idle_determination","occurred_on":"2025-03-02","cause":"government"}`, 201, ""},
		{"a fee after the government's cause is refused", `{"kind":"disposal","occurred_on":"2025-04-01","disposal":"fee"}`, 400, "disposal"},
		{"recovery without compensation after the government's cause is refused", `{"kind":"disposal","occurred_on":"2026-04-01","disposal":"recovery_without_compensation"}`, 400, "disposal"},
		{"an extension without its new start is refused", `{"kind":"disposal","occurred_on":"2025-04-01","disposal":"extension"}`, 400, "new_start"},
		{"an extension of more than a year is refused", `{"kind":"disposal","occurred_on":"2025-04-01","disposal":"extension","new_start":"2026-04-02"}`, 400, "new_start"},
		{"an extension of a year is recorded with its new start", `{"kind":"disposal","occurred_on":"2025-04-01","disposal":"extension","new_start":"2026-04-01"}`, 201, ""},
	} {
		t.Run(step.name, func(t *testing.T) {
			c := c.as(t)
			resp, b := c.do("POST", events, nil, []byte(step.event))
			c.status(step.status, resp, b)
			if step.field != "" && !strings.Contains(string(b), `"field":"`+step.field+`"`) {
				t.Errorf("the refusal does not name %s: %s", step.field, b)
			}
			if step.status == 201 && strings.Contains(step.event, "new_start") && !strings.Contains(string(b), `"new_start":"2026-04-01"`) {
				t.Errorf("the disposal does not keep its new start: %s", b)
			}
		})
	}
}
