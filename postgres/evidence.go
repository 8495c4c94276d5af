package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/probity/probity"
)

// timeLayout sorts as text in time order (fixed width, UTC); the same as
// the SQLite store's.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// optTime formats a time that may be zero (stored as the empty string).
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

func parseOptTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return parseTime(s)
}

// AddFinding implements probity.EvidenceStore.
func (db *DB) AddFinding(ctx context.Context, f probity.Finding) (probity.Finding, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		if err := tx.orgExists(ctx, f.OrgID); err != nil {
			return err
		}
		var err error
		if f.ID, err = tx.insertID(ctx, `INSERT INTO findings (org_id, status, version, data) VALUES ($1, $2, 1, '{}') RETURNING id`, f.OrgID, f.Status); err != nil {
			return err
		}
		return tx.writeFinding(ctx, f, 1)
	})
	return f, err
}

// UpdateFinding implements probity.EvidenceStore.
func (db *DB) UpdateFinding(ctx context.Context, f probity.Finding) (probity.Finding, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		var version int
		err := tx.tx.QueryRow(ctx, `SELECT version FROM findings WHERE id = $1`, f.ID).Scan(&version)
		if errors.Is(err, pgx.ErrNoRows) {
			return probity.Errorf(probity.ENOTFOUND, "finding %d not found", f.ID)
		}
		if err != nil {
			return err
		}
		if err := tx.orgExists(ctx, f.OrgID); err != nil {
			return err
		}
		return tx.writeFinding(ctx, f, version+1)
	})
	return f, err
}

func (tx *Tx) orgExists(ctx context.Context, id int64) error {
	return tx.exists(ctx, `SELECT EXISTS (SELECT 1 FROM organizations WHERE id = $1)`, id, "organization %d not found")
}

// exists runs a SELECT EXISTS query and returns ENOTFOUND (with notFound
// formatted with arg) when it is false.
func (tx *Tx) exists(ctx context.Context, query string, arg any, notFound string) error {
	var ok bool
	if err := tx.tx.QueryRow(ctx, query, arg).Scan(&ok); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if !ok {
		return probity.Errorf(probity.ENOTFOUND, notFound, arg)
	}
	return nil
}

func (tx *Tx) writeFinding(ctx context.Context, f probity.Finding, version int) error {
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE findings SET org_id = $1, status = $2, version = $3, data = $4 WHERE id = $5`,
		f.OrgID, f.Status, version, string(data), f.ID); err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO finding_history (finding_id, version, changed_at, author, data) VALUES ($1, $2, $3, $4, $5)`,
		f.ID, version, formatTime(tx.db.Now()), f.Author, string(data))
	return err
}

// Finding implements probity.EvidenceStore.
func (db *DB) Finding(ctx context.Context, id int64) (*probity.Finding, error) {
	list, err := db.findings(ctx, `WHERE id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "finding %d not found", id)
	}
	return &list[0], nil
}

// Findings implements probity.EvidenceStore.
func (db *DB) Findings(ctx context.Context, f probity.FindingFilter) ([]probity.Finding, error) {
	where, p := `WHERE true`, params{}
	if f.OrgID != 0 {
		where += ` AND org_id = ` + p.add(f.OrgID)
	}
	if f.Status != "" {
		where += ` AND status = ` + p.add(f.Status)
	}
	return db.findings(ctx, where, p.args...)
}

func (db *DB) findings(ctx context.Context, where string, args ...any) ([]probity.Finding, error) {
	rows, err := db.pool.Query(ctx, `SELECT data FROM findings `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Finding
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var f probity.Finding
		if err := json.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("postgres: finding: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FindingHistory implements probity.EvidenceStore.
func (db *DB) FindingHistory(ctx context.Context, id int64) ([]probity.FindingVersion, error) {
	rows, err := db.pool.Query(ctx, `SELECT version, changed_at, author, data FROM finding_history WHERE finding_id = $1 ORDER BY version`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.FindingVersion
	for rows.Next() {
		var v probity.FindingVersion
		var at string
		var data []byte
		if err := rows.Scan(&v.Version, &at, &v.Author, &data); err != nil {
			return nil, err
		}
		v.ChangedAt = parseTime(at)
		if err := json.Unmarshal(data, &v.Finding); err != nil {
			return nil, fmt.Errorf("postgres: finding %d history: %w", id, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "finding %d not found", id)
	}
	return out, nil
}

// PublishPolicy implements probity.EvidenceStore. The check for the
// current hash runs inside the write transaction, so that two replicas
// publishing the same policy at once store it once.
func (db *DB) PublishPolicy(ctx context.Context, v probity.PolicyVersion) (probity.PolicyVersion, error) {
	if v.PublishedAt.IsZero() {
		v.PublishedAt = db.Now()
	}
	files, err := json.Marshal(v.Files)
	if err != nil {
		return v, err
	}
	out := v
	err = db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		cur, err := policyVersions(ctx, tx.tx, `ORDER BY id DESC LIMIT 1`)
		if err != nil {
			return err
		}
		if len(cur) == 1 && cur[0].Hash == v.Hash {
			out = cur[0]
			return nil
		}
		out.ID, err = tx.insertID(ctx, `INSERT INTO policy_versions (hash, author, published_at, files) VALUES ($1, $2, $3, $4) RETURNING id`,
			v.Hash, v.Author, formatTime(v.PublishedAt), string(files))
		return err
	})
	return out, err
}

// CurrentPolicy implements probity.EvidenceStore.
func (db *DB) CurrentPolicy(ctx context.Context) (*probity.PolicyVersion, error) {
	list, err := policyVersions(ctx, db.pool, `ORDER BY id DESC LIMIT 1`)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "no policy has been published: run 'probity policy publish DIR'")
	}
	return &list[0], nil
}

// PolicyVersions implements probity.EvidenceStore.
func (db *DB) PolicyVersions(ctx context.Context) ([]probity.PolicyVersion, error) {
	return policyVersions(ctx, db.pool, `ORDER BY id`)
}

func policyVersions(ctx context.Context, q querier, tail string) ([]probity.PolicyVersion, error) {
	rows, err := q.Query(ctx, `SELECT id, hash, author, published_at, files FROM policy_versions `+tail)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.PolicyVersion
	for rows.Next() {
		var v probity.PolicyVersion
		var at string
		var files []byte
		if err := rows.Scan(&v.ID, &v.Hash, &v.Author, &at, &files); err != nil {
			return nil, err
		}
		v.PublishedAt = parseTime(at)
		if err := json.Unmarshal(files, &v.Files); err != nil {
			return nil, fmt.Errorf("postgres: policy version %d: %w", v.ID, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
