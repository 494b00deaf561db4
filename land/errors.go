// Package land is landwatch's domain: supplies (供地), parcels, development
// events and the rules that derive stages and check records. It does no I/O.
package land

import (
	"errors"
	"fmt"
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
	CodeInternal             Code = "internal"              // a fault of ours; details are logged, not shown
)

// Error is the one error type of landwatch. Field names the offending input
// field (or "file:line" for files) when there is one.
type Error struct {
	Code    Code
	Field   string
	Message string
	Err     error
}

func (e *Error) Error() string {
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

// PrefixField puts prefix in front of the field a land error names
// ("parcels[0]" + "geometry" → "parcels[0].geometry"); other errors pass
// through unchanged.
func PrefixField(err error, prefix string) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	c := *e
	if c.Field == "" {
		c.Field = prefix
	} else {
		c.Field = prefix + "." + c.Field
	}
	return &c
}
