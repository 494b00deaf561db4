// Package land is landwatch's domain: supplies (供地), parcels, development
// events and the rules that derive stages and check records. It does no I/O.
package land

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an Error. The api package maps each code to one HTTP status.
type Code string

// The error codes of landwatch.
const (
	CodeInvalid              Code = "invalid"               // the input is wrong; Field names what
	CodeNotFound             Code = "not_found"             // no such record
	CodeConflict             Code = "conflict"              // the record exists or clashes with another
	CodeStale                Code = "stale"                 // If-Match names an older version
	CodePreconditionRequired Code = "precondition_required" // an update came without If-Match
	CodeUnauthorized         Code = "unauthorized"          // not signed in
	CodeForbidden            Code = "forbidden"             // signed in, not allowed
	CodeThrottled            Code = "throttled"             // too many requests or failed sign-ins; try later
	CodeUnavailable          Code = "unavailable"           // the database is out or busy (a lock, a timeout), or the audit log cannot be written now; try again shortly
	CodeInternal             Code = "internal"              // a fault of ours; details are logged, not shown
)

// Error is the one error type of landwatch. Field names the offending input
// field (or "file:line" for files) when there is one. An input with several
// invalid fields is one CodeInvalid Error listing each in Fields, the first
// of them also in Field and Message.
type Error struct {
	Code    Code
	Field   string
	Message string
	Err     error
	Fields  []FieldError
}

// FieldError is one invalid field of an input and why it is refused.
type FieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

func (e *Error) Error() string {
	if len(e.Fields) > 1 {
		parts := make([]string, len(e.Fields))
		for i, f := range e.Fields {
			parts[i] = f.Field + ": " + f.Reason
		}
		return strings.Join(parts, "; ")
	}
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		if msg == "" {
			return e.Err.Error()
		}
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// ErrOutcomeUnknown is in the chain of a CodeUnavailable error when the
// connection was lost while committing: the change may or may not have been
// made, and the client must look before it writes again.
var ErrOutcomeUnknown = errors.New("the database was lost while committing: the change may or may not have been made")

// Invalid returns a CodeInvalid error for field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Errorf returns an error with the given code and message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error with the given code wrapping err.
func Wrap(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of err: the code of the first *Error in its
// chain, CodeInternal for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorField returns the field named by the first *Error in err's chain.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorMessage returns the message of the first *Error in err's chain
// (without its field), or err's text for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// FieldErrors lists the invalid fields err names: every one of a joined
// error, or the one field of a single CodeInvalid error. It is nil for
// other errors, and for an invalid input that names no field.
func FieldErrors(err error) []FieldError {
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeInvalid {
		return nil
	}
	if len(e.Fields) > 0 {
		return e.Fields
	}
	if e.Field == "" {
		return nil
	}
	reason := e.Message
	// The database's own words name tables and constraints: they stay out.
	var fromDB interface{ SQLState() string }
	if e.Err != nil && !errors.As(e.Err, &fromDB) {
		if reason != "" {
			reason += ": "
		}
		reason += e.Err.Error()
	}
	return []FieldError{{Field: e.Field, Reason: reason}}
}

// JoinInvalid makes one error of the checks' errors, skipping nils: nil
// when all are nil, the error itself when there is one, and otherwise one
// CodeInvalid Error listing every field. An error that is not CodeInvalid
// (a fault, a missing record) is returned alone, since the others then say
// little.
func JoinInvalid(errs ...error) error {
	var fields []FieldError
	var first error
	n := 0
	for _, err := range errs {
		if err == nil {
			continue
		}
		if ErrorCode(err) != CodeInvalid {
			return err
		}
		if first == nil {
			first = err
		}
		n++
		fs := FieldErrors(err)
		if fs == nil {
			fs = []FieldError{{Reason: err.Error()}}
		}
		fields = append(fields, fs...)
	}
	if n <= 1 || len(fields) <= 1 {
		return first
	}
	return &Error{Code: CodeInvalid, Field: fields[0].Field, Message: fields[0].Reason, Fields: fields}
}

// WithField returns a land error naming field instead of the field it
// names; other errors pass through unchanged.
func WithField(err error, field string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Field = field
	return &c
}

// PrefixField puts prefix in front of the field a land error names
// ("parcels[0]" + "geometry" → "parcels[0].geometry"); other errors pass
// through unchanged.
func PrefixField(err error, prefix string) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	c := *e
	c.Field = prefixed(prefix, c.Field)
	if len(e.Fields) > 0 {
		c.Fields = make([]FieldError, len(e.Fields))
		for i, f := range e.Fields {
			c.Fields[i] = FieldError{Field: prefixed(prefix, f.Field), Reason: f.Reason}
		}
	}
	return &c
}

func prefixed(prefix, field string) string {
	if field == "" {
		return prefix
	}
	return prefix + "." + field
}
