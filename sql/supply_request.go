package sql

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// CreateRequest identifies the request that creates a supply, so that the
// same request sent again (its answer lost to a restart or a dropped
// connection) is answered with the record it made rather than a conflict.
type CreateRequest struct {
	// Key is the client's Idempotency-Key, "" when it sent none; a key is
	// the client's own, so it is kept per account.
	Key string
	// Digest is a digest of the request's body: the same key or
	// e-supervision number with another body is a conflict.
	Digest []byte
}

// CreateSupplyOnce is CreateSupply for a request that may be a retry: when
// the request's key, or else the supply's e-supervision number (or, for a
// supply without one, the account), already made a supply from the same
// body, it writes nothing and returns that supply's id as made. Otherwise it creates the supply (made is 0) and
// records the request with it.
func (s *Store) CreateSupplyOnce(ctx context.Context, sc land.Scope, sup *land.Supply, req CreateRequest) (warnings []string, made int64, err error) {
	if made, err := s.madeBy(ctx, sc, "", req); made != 0 || err != nil {
		return nil, made, err
	}
	if made, err := s.madeUnnumbered(ctx, sc, sup, req); made != 0 || err != nil {
		return nil, made, err
	}
	warnings, err = s.createSupply(ctx, sc, sup, &req)
	if land.ErrorCode(err) != land.CodeConflict {
		return warnings, 0, err
	}
	// Another request made the number or used the key first: this one is
	// its retry when the bodies are the same.
	if made, again := s.madeBy(ctx, sc, "", req); made != 0 || again != nil {
		return nil, made, again
	}
	if made, again := s.madeBy(ctx, sc, sup.ENumber, CreateRequest{Digest: req.Digest}); made != 0 || again != nil {
		return nil, made, again
	}
	return nil, 0, err
}

// madeBy returns the supply an earlier request with req's key (or, when
// eNumber is not "", the supply of that number) made from the same body; 0
// when there is none. A key used for another body is a conflict.
func (s *Store) madeBy(ctx context.Context, sc land.Scope, eNumber string, req CreateRequest) (int64, error) {
	var id int64
	var digest []byte
	var err error
	switch {
	case req.Key != "":
		err = s.pool.QueryRow(ctx, `SELECT supply_id, body_sha256 FROM supply_request WHERE account = $1 AND request_key = $2`,
			sc.Actor(), req.Key).Scan(&id, &digest)
	case eNumber != "":
		err = s.pool.QueryRow(ctx, `SELECT r.supply_id, r.body_sha256 FROM supply s JOIN supply_request r ON r.supply_id = s.id
			WHERE s.e_number = $1`, eNumber).Scan(&id, &digest)
	default:
		return 0, nil
	}
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return 0, nil
	case err != nil:
		return 0, translate(err)
	case bytes.Equal(digest, req.Digest):
		return id, nil
	case req.Key != "":
		return 0, land.Errorf(land.CodeConflict, "this Idempotency-Key was used for a request with another body")
	}
	return 0, nil
}

// madeUnnumbered returns the supply that the same account made from the
// same body without an e-supervision number or an Idempotency-Key: sent
// again, such a request would otherwise be issued a second number.
func (s *Store) madeUnnumbered(ctx context.Context, sc land.Scope, sup *land.Supply, req CreateRequest) (int64, error) {
	if req.Key != "" || strings.TrimSpace(sup.ENumber) != "" {
		return 0, nil
	}
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT supply_id FROM supply_request WHERE account = $1 AND request_key IS NULL AND body_sha256 = $2
		ORDER BY supply_id DESC LIMIT 1`, sc.Actor(), req.Digest).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return id, translate(err)
}

const qInsertSupplyRequest = `INSERT INTO supply_request (supply_id, account, request_key, body_sha256) VALUES ($1, $2, $3, $4)`
