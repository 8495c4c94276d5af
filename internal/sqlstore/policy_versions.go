package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/probity/probity"
)

// PublishPolicy implements probity.PolicyStore. The check for the
// current hash runs inside the write transaction, so that two replicas
// publishing the same policy at once store it once.
func (db *DB) PublishPolicy(ctx context.Context, v probity.PolicyVersion) (probity.PolicyVersion, error) {
	if v.PublishedAt.IsZero() {
		v.PublishedAt = db.Now()
	}
	files, err := jsonText(v.Files)
	if err != nil {
		return v, err
	}
	out := v
	err = db.write(ctx, func(tx *Tx) error {
		cur, err := policyVersions(ctx, tx, `ORDER BY id DESC LIMIT 1`)
		if err != nil {
			return err
		}
		if len(cur) == 1 && cur[0].Hash == v.Hash {
			out = cur[0]
			return nil
		}
		out.ID, err = tx.insertID(ctx, `INSERT INTO policy_versions (hash, author, published_at, files) VALUES (?, ?, ?, ?) RETURNING id`,
			v.Hash, v.Author, formatTime(v.PublishedAt), files)
		if err == nil {
			err = tx.logPolicy(ctx, out) // the transparency log, in this transaction
		}
		if err == nil {
			// The audit keeps who put which text in force; the files are in
			// policy_versions, found by the hash.
			err = tx.audit(ctx, authorOf(v.Author), "policy.publish", fmt.Sprintf("policy:%d", out.ID), nil,
				map[string]any{"id": out.ID, "hash": out.Hash, "author": out.Author, "files": len(out.Files)})
		}
		return err
	})
	return out, err
}

// CurrentPolicy implements probity.PolicyStore.
func (db *DB) CurrentPolicy(ctx context.Context) (*probity.PolicyVersion, error) {
	list, err := policyVersions(ctx, db, `ORDER BY id DESC LIMIT 1`)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "no policy has been published: run 'probity policy publish DIR'")
	}
	return &list[0], nil
}

// PolicyVersions implements probity.PolicyStore.
func (db *DB) PolicyVersions(ctx context.Context) ([]probity.PolicyVersion, error) {
	return policyVersions(ctx, db, `ORDER BY id`)
}

func policyVersions(ctx context.Context, q querier, tail string) ([]probity.PolicyVersion, error) {
	var out []probity.PolicyVersion
	err := eachRow(ctx, q, `SELECT id, hash, author, published_at, files FROM policy_versions `+tail, nil, func(rows *sql.Rows) error {
		var v probity.PolicyVersion
		var at string
		var files []byte
		if err := rows.Scan(&v.ID, &v.Hash, &v.Author, &at, &files); err != nil {
			return err
		}
		v.PublishedAt = parseTime(at)
		if err := json.Unmarshal(files, &v.Files); err != nil {
			return fmt.Errorf("policy version %d: %w", v.ID, err)
		}
		out = append(out, v)
		return nil
	})
	return out, err
}
