package sql

import (
	"context"
	"reflect"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// transactionRecord is a transaction of an import.
type transactionRecord struct{ land.TransactionRecord }

func (r transactionRecord) count() int { return 1 }

func (r transactionRecord) rejection(err error) []land.Rejection {
	field, reason := reasonOf(err)
	return []land.Rejection{{File: r.File, Line: r.Line, Record: r.Transaction.CertificateNo, Field: field, Reason: reason}}
}

// importTransactions writes the transactions of an import by certificate
// number, after the supplies they name: a new one is created waiting for
// review with its lag measured now; a known one gets a new version (and
// waits for review again) only when a field the file carries differs,
// keeping the lag of its first entry. Each is checked against its supply
// in the scope as an entry by hand is, and a transaction on idle land not
// disposed of is accepted with its warning on its line and its finding.
func (s *Store) importTransactions(ctx context.Context, sc land.Scope, tx pgx.Tx, recs []land.TransactionRecord, rep *ImportReport, progress func(done int)) error {
	in := make([]transactionRecord, len(recs))
	for i, r := range recs {
		in[i] = transactionRecord{r}
	}
	return inChunks(ctx, tx, in, importChunk/5, rep, progress, func(sp pgx.Tx, chunk []transactionRecord) error {
		for _, r := range chunk {
			if err := s.importTransaction(ctx, sc, sp, r, rep); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) importTransaction(ctx context.Context, sc land.Scope, tx pgx.Tx, r transactionRecord, rep *ImportReport) error {
	t := r.Transaction
	cur, err := s.transactionBy(ctx, sc, tx, qTransactionByCertificate, t.CertificateNo, t.CertificateNo, true)
	switch {
	case land.ErrorCode(err) == land.CodeNotFound:
	case err != nil:
		return land.WithField(err, "certificate_no")
	default:
		t.ID, t.LagWorkdays, t.Late, t.ParcelIDs = cur.ID, cur.LagWorkdays, cur.Late, cur.ParcelIDs
	}
	warnings, err := s.writeTransactionIfChanged(ctx, sc, tx, &t, cur)
	if err != nil {
		return err
	}
	switch {
	case warnings == nil:
		rep.Unchanged++
	case cur == nil:
		rep.Created++
	default:
		rep.Updated++
	}
	rep.Accepted++
	for _, w := range warnings {
		field, msg := land.SplitWarning(w)
		rep.Warnings = append(rep.Warnings, land.Warning{File: r.File, Line: r.Line, Record: t.CertificateNo, Field: field, Message: msg})
	}
	return nil
}

// writeTransactionIfChanged writes t unless it is the same as cur (the
// stored version, nil for none) in every field a file carries; it returns
// nil warnings when nothing was written, else the (perhaps empty) warnings.
func (s *Store) writeTransactionIfChanged(ctx context.Context, sc land.Scope, tx pgx.Tx, t *land.Transaction, cur *land.Transaction) ([]string, error) {
	if cur != nil {
		probe := *t
		if _, _, err := s.prepareTransaction(ctx, sc, tx, &probe); err != nil {
			return nil, err
		}
		if sameFromFile(probe, *cur) {
			return nil, nil
		}
	}
	w, err := s.writeTransaction(ctx, sc, tx, t)
	if err != nil || w != nil {
		return w, err
	}
	return []string{}, nil
}

// sameFromFile reports whether two versions of a transaction agree in the
// fields a file carries.
func sameFromFile(a, b land.Transaction) bool {
	pick := func(t land.Transaction) land.Transaction {
		return land.Transaction{Kind: t.Kind, SupplyID: t.SupplyID, PartyFrom: t.PartyFrom, PartyTo: t.PartyTo, AmountWan: t.AmountWan,
			AreaHa: t.AreaHa, LeaseYears: t.LeaseYears, StartsOn: t.StartsOn, EndsOn: t.EndsOn, CertificateNo: t.CertificateNo,
			RegisteredOn: t.RegisteredOn, ReleasedOn: t.ReleasedOn}
	}
	return reflect.DeepEqual(pick(a), pick(b))
}
