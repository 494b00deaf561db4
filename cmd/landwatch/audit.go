package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"landwatch/sql"
	"landwatch/supervision"
)

// auditCmd is `landwatch audit verify [--anchor TEXT]`, `landwatch audit
// anchor` and `landwatch audit prune [--keep 183d]`: checks, anchoring and
// retention of the tamper-evident audit log.
func auditCmd(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return &exitError{code: 2, err: fmt.Errorf("audit: want verify, anchor or prune")}
	}
	switch args[0] {
	case "verify":
		return auditVerify(ctx, cfg, args[1:], stdout, stderr)
	case "anchor":
		return auditAnchor(ctx, cfg, args[1:], stdout, stderr)
	case "prune":
		return auditPrune(ctx, cfg, args[1:], stdout, stderr)
	}
	return &exitError{code: 2, err: fmt.Errorf("audit: unknown subcommand %q: want verify, anchor or prune", args[0])}
}

// auditVerify checks the whole chain, with the key when entries are keyed,
// and with --anchor that the anchor's entry is still there as it was: exit
// 0 when it is intact, exit 1 naming the first broken entry otherwise.
func auditVerify(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	anchorText := fs.String("anchor", "", "a line `landwatch audit anchor` printed earlier: the log must still hold its entry as it was")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("audit verify takes no arguments besides --anchor")}
	}
	var anchor *sql.AuditAnchor
	if *anchorText != "" {
		a, err := sql.ParseAuditAnchor(*anchorText)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		anchor = &a
	}
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer svc.Close()
	r, err := svc.VerifyAudit(ctx, anchor)
	if err != nil {
		return err
	}
	if !r.Intact() {
		return &exitError{code: 1, err: fmt.Errorf("audit log broken at %s (%d entries before it intact)", r.Broken, r.Entries)}
	}
	fmt.Fprintf(stdout, "audit log intact: %d entries\n", r.Entries)
	if r.Entries > 0 {
		// The last hash, kept elsewhere, is what shows entries removed
		// from the end of the log.
		fmt.Fprintf(stdout, "entries %d to %d, last hash %s\n", r.FirstID, r.LastID, r.LastHash)
	}
	if len(r.Anchor) > 0 {
		fmt.Fprintf(stdout, "older entries were pruned; the chain is anchored at %s\n", r.Anchor)
	}
	if r.Unkeyed > 0 {
		fmt.Fprintf(stdout, "%d entries were sealed before the audit key was set (plain SHA-256): only an anchor kept since shows they were not rewritten\n", r.Unkeyed)
	}
	switch {
	case anchor == nil:
		fmt.Fprintln(stdout, "no anchor given: entries removed from the end are not detected (see landwatch audit anchor)")
	case r.AnchorPruned:
		fmt.Fprintf(stdout, "the anchor's entry %d was pruned since; the chain after the pruning is intact\n", anchor.ID)
	default:
		fmt.Fprintf(stdout, "the anchor's entry %d is in the log as it was\n", anchor.ID)
	}
	return nil
}

// auditAnchor prints the head of the audit log as one line, for an
// operator to keep outside the database and give to verify --anchor later.
func auditAnchor(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return &exitError{code: 2, err: fmt.Errorf("audit anchor takes no arguments")}
	}
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer svc.Close()
	a, err := svc.AnchorAudit(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, a)
	return nil
}

// auditPrune removes the entries older than the retention, which is never
// less than sql.AuditMinRetention.
func auditPrune(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("audit prune", flag.ContinueOnError)
	fs.SetOutput(stderr)
	keepFlag := fs.String("keep", "183d", "how long entries are kept, in days (at least 183d)")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("audit prune takes no arguments besides --keep")}
	}
	keep, err := parseRetention(*keepFlag)
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("--keep: %w", err)}
	}
	cutoff := time.Now().Add(-keep)
	n, err := pruneAsOwner(ctx, cfg, cutoff, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "audit log pruned: %d entries older than %s removed\n", n, cutoff.Format(time.DateOnly))
	return nil
}

// pruneAsOwner removes the audit entries older than olderThan as the
// tables' owner: the service's role may only add entries. The owner's
// connections last as long as the pruning.
func pruneAsOwner(ctx context.Context, cfg config, olderThan time.Time, out io.Writer) (int64, error) {
	svc, err := openService(ctx, cfg.asOwner(), out)
	if err != nil {
		return 0, err
	}
	defer svc.Close()
	return svc.PruneAudit(ctx, olderThan)
}

// auditPruner is how serve prunes the audit log daily: through its own
// service when it runs as the owner, else as the owner for the pruning.
func auditPruner(cfg config, svc *supervision.Service) func(context.Context, time.Time) (int64, error) {
	if cfg.MigrateURL == "" {
		return svc.PruneAudit
	}
	return func(ctx context.Context, olderThan time.Time) (int64, error) {
		return pruneAsOwner(ctx, cfg, olderThan, io.Discard)
	}
}

// parseRetention reads a retention (--keep, LANDWATCH_AUDIT_RETENTION): a
// whole number of days such as 365d, no
// fewer than sql.AuditMinRetention.
func parseRetention(s string) (time.Duration, error) {
	days, ok := strings.CutSuffix(s, "d")
	n, err := strconv.Atoi(days)
	if !ok || err != nil || n < 0 || n > 36500 {
		return 0, fmt.Errorf("%q is not a number of days such as 183d", s)
	}
	keep := time.Duration(n) * 24 * time.Hour
	if keep < sql.AuditMinRetention {
		return 0, fmt.Errorf("%s is less than the %d days audit entries must be kept (网络安全法 art. 21)",
			s, sql.AuditMinRetention/(24*time.Hour))
	}
	return keep, nil
}
