package supervision_test

import (
	"context"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// The idle-land thresholds given to the one assembly are the ones every
// check uses: an idle determination is judged by the configured one-year
// mark, and a rule that makes no sense is refused at start.
func TestTheConfiguredIdleRuleReachesTheChecks(t *testing.T) {
	ctx := context.Background()
	sys := land.SystemScope("test")
	determine := func(svc *supervision.Service, number string) error {
		sup := sqltest.NewSupply(number) // agreed start 2019-12-21
		sup.Events = []land.Event{{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 1, 20)}}
		if _, err := svc.CreateSupply(ctx, sys, sup); err != nil {
			t.Fatal(err)
		}
		_, _, err := svc.AddEvent(ctx, sys, number, land.Event{Kind: land.EventIdleDetermination, OccurredOn: land.NewDate(2021, 1, 10), Cause: land.CauseHolder})
		return err
	}
	t.Run("with the Order's one year, land a year and three weeks past its start may be determined idle", func(t *testing.T) {
		if err := determine(sqltest.Service(t), "1306262018B00780"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("with two years configured, the same determination comes too early", func(t *testing.T) {
		svc := sqltest.ServiceWith(t, func(c *supervision.Config) {
			c.Idle = land.DefaultIdleRule()
			c.Idle.NotStartedAfter, c.Idle.RecoveryAfter = 2, 3
		})
		if err := determine(svc, "1306262018B00781"); land.ErrorField(err) != "occurred_on" {
			t.Fatalf("err = %v, want a refusal naming occurred_on", err)
		}
	})
	t.Run("a rule that makes no sense is refused at start", func(t *testing.T) {
		rule := land.DefaultIdleRule()
		rule.FeeShare = 2
		_, err := supervision.Open(ctx, supervision.Config{DatabaseURL: sqltest.URL(t), Idle: rule})
		if land.ErrorField(err) != "fee_share" {
			t.Fatalf("err = %v, want a refusal naming fee_share", err)
		}
	})
}
