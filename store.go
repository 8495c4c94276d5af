package probity

import "context"

// ContractFilter narrows a contract listing. Empty fields match everything.
type ContractFilter struct {
	Buyer  string // case-insensitive substring of the buyer's name or one of its aliases
	Status string
	Limit  int // 0: no limit
	After  string
}

// OrgFilter narrows an organization listing.
type OrgFilter struct {
	Name  string // case-insensitive substring of any name
	Limit int
}

// RegisterStore keeps the register: what has been ingested (contracts,
// organizations, and the source releases they were compiled from).
type RegisterStore interface {
	// Update runs fn in one write transaction. If fn returns an error,
	// nothing it wrote is kept.
	Update(ctx context.Context, fn func(Tx) error) error

	Contract(ctx context.Context, id string) (*Contract, error)
	Contracts(ctx context.Context, f ContractFilter) ([]Contract, error)
	Organization(ctx context.Context, id int64) (*Organization, error)
	Organizations(ctx context.Context, f OrgFilter) ([]Organization, error)
	// Releases returns the stored releases of one contracting process, or of
	// every process when ocid is "", in (ocid, date, id) order, one call of fn
	// per ocid.
	Releases(ctx context.Context, ocid string, fn func(ocid string, rs []Release) error) error
}

// Store is every service of one database, as the stores implement it
// (packages sqlite and postgres) and only cmd/probity handles it whole:
// the other packages take the few service interfaces they use.
type Store interface {
	RegisterStore
	GraphStore
	ListStore
	FindingStore
	PolicyStore
	DecisionStore
	AuditLog
	AccountStore
	ReviewStore
	Close() error
}

// Tx is a write transaction of the register. The methods are the steps of
// ingest; organization resolution (package register) is built on them.
type Tx interface {
	// PutRelease stores a release unless one with the same ocid, id and date
	// is already stored; it reports whether the release was new.
	PutRelease(ctx context.Context, r Release) (bool, error)
	// ReleasesOf returns the releases of one ocid in the order they were
	// stored (merging sorts them by date).
	ReleasesOf(ctx context.Context, ocid string) ([]Release, error)

	OrgByIdentifier(ctx context.Context, id Identifier) (int64, bool, error)
	OrgsByNormName(ctx context.Context, norm string) ([]int64, error)
	OrgIdentifiers(ctx context.Context, orgID int64) ([]Identifier, error)
	OrgKind(ctx context.Context, orgID int64) (OrgKind, error)
	CreateOrg(ctx context.Context, name string, kind OrgKind, country string) (int64, error)
	// AddOrgName adds a name variant (no-op if already present from that source).
	AddOrgName(ctx context.Context, orgID int64, name, norm, source string) error
	AddOrgIdentifier(ctx context.Context, orgID int64, id Identifier) error
	AddOrgRole(ctx context.Context, orgID int64, role string) error
	// AddMerge records why a source record was attached to orgID. The first
	// reason recorded for a name from a source is kept: ingesting the same
	// file again adds nothing.
	AddMerge(ctx context.Context, orgID int64, m MergeReason) error

	// Contract reads a contract inside the transaction (ENOTFOUND if absent).
	Contract(ctx context.Context, id string) (*Contract, error)
	// PutContract inserts or replaces a contract with all its parties.
	PutContract(ctx context.Context, c Contract) error
	// PutRelationship stores an edge unless the same one is already stored.
	PutRelationship(ctx context.Context, r Relationship) error
}
