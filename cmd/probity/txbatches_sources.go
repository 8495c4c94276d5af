package main

import (
	"context"
	"fmt"

	"github.com/probity/probity"
)

// The award merge of package register (register/award_merge.go) keeps
// each file's account of an award and merges contracts: batchTx forwards
// those writes to the current transaction.

// contractSourceTx is the store's side of it (internal/sqlstore).
type contractSourceTx interface {
	PutContractSource(ctx context.Context, s probity.ContractSource) error
	ContractSourcesByMatchKey(ctx context.Context, keys []string) ([]probity.ContractSource, error)
	MergeContract(ctx context.Context, from, to, rule, note string) error
	DropContractAlias(ctx context.Context, id string) error
}

func (b *batchTx) sources() (contractSourceTx, error) {
	s, ok := b.Tx.(contractSourceTx)
	if !ok {
		return nil, fmt.Errorf("internal error: the store's transaction %T keeps no contract sources", b.Tx)
	}
	return s, nil
}

// PutContractSource forwards to the current transaction.
func (b *batchTx) PutContractSource(ctx context.Context, s probity.ContractSource) error {
	tx, err := b.sources()
	if err != nil {
		return err
	}
	return tx.PutContractSource(ctx, s)
}

// ContractSourcesByMatchKey forwards to the current transaction.
func (b *batchTx) ContractSourcesByMatchKey(ctx context.Context, keys []string) ([]probity.ContractSource, error) {
	tx, err := b.sources()
	if err != nil {
		return nil, err
	}
	return tx.ContractSourcesByMatchKey(ctx, keys)
}

// MergeContract forwards to the current transaction.
func (b *batchTx) MergeContract(ctx context.Context, from, to, rule, note string) error {
	tx, err := b.sources()
	if err != nil {
		return err
	}
	return tx.MergeContract(ctx, from, to, rule, note)
}

// DropContractAlias forwards to the current transaction.
func (b *batchTx) DropContractAlias(ctx context.Context, id string) error {
	tx, err := b.sources()
	if err != nil {
		return err
	}
	return tx.DropContractAlias(ctx, id)
}
