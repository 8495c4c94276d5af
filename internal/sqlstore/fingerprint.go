package sqlstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/probity/probity"
)

// Fingerprint hashes everything a reader of the register can see — every
// contract, every organization with its aliases, identifiers, merge
// reasons and relationships, every release byte for byte — so that two
// stores holding the same register (a copy, the same files ingested into
// each) give the same fingerprint. It also returns the number of
// contracts.
func (db *DB) Fingerprint(ctx context.Context) (string, int, error) {
	h := sha256.New()
	enc := json.NewEncoder(h) // writes to a hash: it cannot fail
	contracts, err := db.Contracts(ctx, probity.ContractFilter{})
	if err != nil {
		return "", 0, err
	}
	orgs, err := db.Organizations(ctx, probity.OrgFilter{})
	if err != nil {
		return "", 0, err
	}
	enc.Encode(contracts)
	enc.Encode(orgs)
	for _, o := range orgs {
		full, err := db.Organization(ctx, o.ID)
		if err != nil {
			return "", 0, err
		}
		rels, err := db.Relationships(ctx, o.ID)
		if err != nil {
			return "", 0, err
		}
		enc.Encode(full)
		enc.Encode(rels)
	}
	err = db.Releases(ctx, "", func(ocid string, rs []probity.Release) error {
		fmt.Fprintln(h, ocid, len(rs))
		for _, r := range rs {
			h.Write(r.Raw)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), len(contracts), err
}
