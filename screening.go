package probity

import (
	"context"
	"encoding/json"
	"time"
)

// ScreeningResult is one hit of screening an organization of the register
// against a watch list: kept with the list version and matcher version that
// produced it, so that later stages can use it and it can be redone when
// either changes.
type ScreeningResult struct {
	OrgID          int64           `json:"org_id"`
	OrgName        string          `json:"org_name"`
	List           string          `json:"list"`
	ListVersionID  int64           `json:"list_version_id"`
	SourceID       string          `json:"source_id"`
	EntryName      string          `json:"entry_name"`
	EntrySchema    string          `json:"entry_schema"`
	Programs       []string        `json:"programs,omitempty"`
	MatchedName    string          `json:"matched_name"`
	Score          float64         `json:"score"`
	Match          bool            `json:"match"`
	Explanation    json.RawMessage `json:"explanation,omitempty"`
	MatcherVersion string          `json:"matcher_version"`
	ScreenedAt     time.Time       `json:"screened_at"`
}

// ListStore keeps watch-list versions and screening results.
type ListStore interface {
	// CurrentList returns the newest version of a list and its entries;
	// ENOTFOUND if the list was never loaded.
	CurrentList(ctx context.Context, list string) (*ListVersion, []WatchlistEntry, error)
	// CurrentLists returns the newest version of every list.
	CurrentLists(ctx context.Context) ([]ListVersion, error)
	// SaveList stores a new version of a list with its entries and returns
	// it with its id set.
	SaveList(ctx context.Context, v ListVersion, entries []WatchlistEntry) (ListVersion, error)
	// ReplaceScreenings replaces the stored results for the given
	// organizations with results (which may be empty for an organization).
	ReplaceScreenings(ctx context.Context, orgIDs []int64, results []ScreeningResult) error
	// Screenings returns the stored results for one organization, or for
	// every organization when orgID is 0, best first.
	Screenings(ctx context.Context, orgID int64) ([]ScreeningResult, error)
}
