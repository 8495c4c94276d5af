package probity

import (
	"context"
	"time"
)

// PolicyVersion is one published version of the policy: its files (Rego
// modules, their tests and the Markdown text that is published), their
// content hash, who published it and when.
type PolicyVersion struct {
	ID          int64             `json:"id"`
	Hash        string            `json:"hash"`
	Author      string            `json:"author"`
	PublishedAt time.Time         `json:"published_at"`
	Files       map[string]string `json:"files"`
}

// PolicyStore keeps the published versions of the policy.
type PolicyStore interface {
	// PublishPolicy stores a policy version unless one with the same hash
	// is already the current one; it returns the current version.
	PublishPolicy(ctx context.Context, v PolicyVersion) (PolicyVersion, error)
	// CurrentPolicy returns the newest published version (ENOTFOUND if none).
	CurrentPolicy(ctx context.Context) (*PolicyVersion, error)
	PolicyVersions(ctx context.Context) ([]PolicyVersion, error)
}
