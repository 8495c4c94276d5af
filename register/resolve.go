package register

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/probity/probity"
)

// Resolver resolves organizations inside one write transaction. It
// remembers what it resolved, because a large ingest names the same buyer
// thousands of times.
type Resolver struct {
	tx    probity.Tx
	cache map[string]int64
}

// NewResolver returns a resolver writing through tx.
func NewResolver(tx probity.Tx) *Resolver {
	return &Resolver{tx: tx, cache: map[string]int64{}}
}

// Rules recorded in merge reasons.
const (
	RuleIdentifier = "identifier"      // shares a scheme + id with the organization
	RuleName       = "normalised-name" // same normalised name, nothing contradicting
	RuleNew        = "new"             // nothing matched: a new organization
)

// Resolve finds or creates the organization that in describes and records
// the name, identifiers, roles and the reason for the attachment.
func (r *Resolver) Resolve(ctx context.Context, in probity.OrgInput) (probity.OrgRef, error) {
	name := strings.TrimSpace(in.Name)
	ids := cleanIdentifiers(in.Identifiers)
	if name == "" && len(ids) == 0 {
		return probity.OrgRef{}, probity.Errorf(probity.EINVALID, "%s: organization has neither a name nor an identifier", in.Source)
	}
	if name == "" {
		name = ids[0].Scheme + " " + ids[0].ID
	}
	kind := in.Kind
	if kind == "" {
		kind = probity.KindUnknown
	}
	file := sourceFile(in.Source)
	key := cacheKey(file, name, kind, ids, in.Roles)
	if id, ok := r.cache[key]; ok {
		return probity.OrgRef{ID: id, Name: name}, nil
	}
	norm := NormalizeName(name)
	id, reason, err := r.find(ctx, name, norm, kind, ids)
	if err != nil {
		return probity.OrgRef{}, err
	}
	if id == 0 {
		if id, err = r.tx.CreateOrg(ctx, name, kind, in.Country); err != nil {
			return probity.OrgRef{}, err
		}
		reason = probity.MergeReason{Rule: RuleNew, Key: norm}
	}
	reason.Name, reason.Source = name, file
	if err := r.tx.AddMerge(ctx, id, reason); err != nil {
		return probity.OrgRef{}, err
	}
	if err := r.tx.AddOrgName(ctx, id, name, norm, file); err != nil {
		return probity.OrgRef{}, err
	}
	for _, x := range ids {
		if err := r.tx.AddOrgIdentifier(ctx, id, x); err != nil {
			return probity.OrgRef{}, err
		}
	}
	for _, role := range in.Roles {
		if err := r.tx.AddOrgRole(ctx, id, role); err != nil {
			return probity.OrgRef{}, err
		}
	}
	r.cache[key] = id
	return probity.OrgRef{ID: id, Name: name}, nil
}

// find returns the organization in matches, or 0.
func (r *Resolver) find(ctx context.Context, name, norm string, kind probity.OrgKind, ids []probity.Identifier) (int64, probity.MergeReason, error) {
	var found int64
	var keys []string
	for _, x := range ids {
		id, ok, err := r.tx.OrgByIdentifier(ctx, x)
		if err != nil {
			return 0, probity.MergeReason{}, err
		}
		if !ok {
			continue
		}
		if found == 0 || id < found {
			found = id
		}
		keys = append(keys, fmt.Sprintf("%s:%s → %d", x.Scheme, x.ID, id))
	}
	if found != 0 {
		return found, probity.MergeReason{Rule: RuleIdentifier, Key: strings.Join(keys, "; ")}, nil
	}
	if norm == "" {
		return 0, probity.MergeReason{}, nil
	}
	cands, err := r.tx.OrgsByNormName(ctx, norm)
	if err != nil {
		return 0, probity.MergeReason{}, err
	}
	for _, c := range cands {
		ok, err := r.compatible(ctx, c, kind, ids)
		if err != nil {
			return 0, probity.MergeReason{}, err
		}
		if ok {
			return c, probity.MergeReason{Rule: RuleName, Key: norm}, nil
		}
	}
	return 0, probity.MergeReason{}, nil
}

// compatible reports whether nothing contradicts taking org for a record of
// the given kind and identifiers: same kind of body (or one unknown), and no
// identifier in a shared scheme with a different value.
func (r *Resolver) compatible(ctx context.Context, org int64, kind probity.OrgKind, ids []probity.Identifier) (bool, error) {
	k, err := r.tx.OrgKind(ctx, org)
	if err != nil {
		return false, err
	}
	if k != kind && k != probity.KindUnknown && kind != probity.KindUnknown {
		return false, nil
	}
	if len(ids) == 0 {
		return true, nil
	}
	have, err := r.tx.OrgIdentifiers(ctx, org)
	if err != nil {
		return false, err
	}
	for _, h := range have {
		for _, x := range ids {
			if h.Scheme == x.Scheme && h.ID != x.ID {
				return false, nil
			}
		}
	}
	return true, nil
}

// cleanIdentifiers drops identifiers without a scheme or an id (a bare id
// is only meaningful inside its source), trims them, upper-cases schemes and
// removes duplicates.
func cleanIdentifiers(in []probity.Identifier) []probity.Identifier {
	var out []probity.Identifier
	seen := map[probity.Identifier]bool{}
	for _, x := range in {
		x.Scheme = strings.ToUpper(strings.TrimSpace(x.Scheme))
		x.ID = strings.TrimSpace(x.ID)
		if x.Scheme == "" || x.ID == "" || seen[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Scheme != out[j].Scheme {
			return out[i].Scheme < out[j].Scheme
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func cacheKey(file, name string, kind probity.OrgKind, ids []probity.Identifier, roles []string) string {
	var b strings.Builder
	b.WriteString(file)
	b.WriteByte(0)
	b.WriteString(name)
	b.WriteByte(0)
	b.WriteString(string(kind))
	for _, x := range ids {
		b.WriteByte(0)
		b.WriteString(x.Scheme + ":" + x.ID)
	}
	b.WriteByte(0)
	b.WriteString(strings.Join(roles, ","))
	return b.String()
}

// sourceFile reduces a record location ("dir/file.json:12", "file#3") to
// the file's base name, which is what merge reasons and aliases keep.
func sourceFile(src string) string {
	if i := strings.LastIndexAny(src, ":#"); i > 0 && !strings.Contains(src[i:], "/") {
		src = src[:i]
	}
	return filepath.Base(src)
}
