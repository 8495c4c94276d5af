package main

import (
	"context"
	"errors"
)

func (m *Main) runCases(ctx context.Context, args []string) error {
	return errors.New("cases: not built yet")
}

func (m *Main) runConcerns(ctx context.Context, args []string) error {
	return errors.New("concerns: not built yet")
}
