package policy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/probity/probity"
)

// Problem is one thing wrong with a policy, located at file:line when OPA
// gave a location.
type Problem struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	switch {
	case p.File != "" && p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	case p.File != "":
		return p.File + ": " + p.Message
	}
	return p.Message
}

// Error is why a policy was refused: the step that failed ("load",
// "compile", "test", "sample") and OPA's messages with file:line. It unwraps
// to a *probity.InputError for the first problem, so probity.ErrorCode
// reports probity.EINVALID.
type Error struct {
	Step     string
	Problems []Problem
}

func (e *Error) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "policy " + e.Step + ": " + strings.Join(parts, "; ")
}

// Unwrap returns the first problem as a *probity.InputError.
func (e *Error) Unwrap() error {
	if len(e.Problems) == 0 {
		return nil
	}
	p := e.Problems[0]
	return &probity.InputError{File: p.File, Line: p.Line, Reason: e.Step + ": " + p.Message}
}

// fromOPA converts an error returned by OPA's parser or compiler.
func fromOPA(step string, err error) *Error {
	var errs ast.Errors
	if errors.As(err, &errs) && len(errs) > 0 {
		e := &Error{Step: step}
		for _, x := range errs {
			p := Problem{Message: x.Code + ": " + x.Message}
			if x.Location != nil {
				p.File, p.Line = x.Location.File, x.Location.Row
			}
			e.Problems = append(e.Problems, p)
		}
		return e
	}
	var one *ast.Error
	if errors.As(err, &one) {
		return fromOPA(step, ast.Errors{one})
	}
	return &Error{Step: step, Problems: []Problem{{Message: err.Error()}}}
}
