package probity

import (
	"context"
	"time"
)

// FindingVersion is one state of a finding in its history: every change
// of a finding is kept.
type FindingVersion struct {
	Version   int       `json:"version"`
	Finding   Finding   `json:"finding"`
	ChangedAt time.Time `json:"changed_at"`
	Author    string    `json:"author"`
}

// FindingFilter narrows a finding listing; zero fields match everything.
type FindingFilter struct {
	OrgID  int64
	Status string
}

// FindingStore keeps findings, with every version of each.
type FindingStore interface {
	// AddFinding validates and stores a new finding as version 1 of its
	// history.
	AddFinding(ctx context.Context, f Finding) (Finding, error)
	// UpdateFinding stores a new version of an existing finding.
	UpdateFinding(ctx context.Context, f Finding) (Finding, error)
	Finding(ctx context.Context, id int64) (*Finding, error)
	Findings(ctx context.Context, f FindingFilter) ([]Finding, error)
	FindingHistory(ctx context.Context, id int64) ([]FindingVersion, error)
}
