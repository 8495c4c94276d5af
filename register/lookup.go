package register

import (
	"context"
	"fmt"
	"strings"

	"github.com/probity/probity"
)

// Lookup finds the one organization of the register that a name and/or
// identifiers designate (for findings and relationships entered by hand or
// imported): an identifier decides; otherwise the strict normalised name
// must designate exactly one organization. It never creates one.
func Lookup(ctx context.Context, store probity.RegisterStore, name string, ids []probity.Identifier) (int64, error) {
	var found int64
	err := store.Update(ctx, func(tx probity.Tx) error {
		for _, x := range cleanIdentifiers(ids) {
			id, ok, err := tx.OrgByIdentifier(ctx, x)
			if err != nil {
				return err
			}
			if ok {
				found = id
				return nil
			}
		}
		norm := NormalizeName(name)
		if norm == "" {
			return probity.Errorf(probity.ENOTFOUND, "no organization with identifiers %v in the register", ids)
		}
		cands, err := tx.OrgsByNormName(ctx, norm)
		if err != nil {
			return err
		}
		switch len(cands) {
		case 0:
			return probity.Errorf(probity.ENOTFOUND, "no organization named %q in the register", name)
		case 1:
			found = cands[0]
			return nil
		}
		var list []string
		for _, c := range cands {
			list = append(list, fmt.Sprint(c))
		}
		return probity.Errorf(probity.ECONFLICT, "%q names %d organizations (%s): give an identifier", name, len(cands), strings.Join(list, ", "))
	})
	return found, err
}
