package main

import (
	"context"
	"errors"
)

func (m *Main) runUsers(ctx context.Context, args []string) error {
	return errors.New("users: not built yet")
}

func (m *Main) runTokens(ctx context.Context, args []string) error {
	return errors.New("tokens: not built yet")
}
