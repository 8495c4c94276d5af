package probity

import "context"

// ContractSource is one file's account of a contract, kept as the file
// told it: the contract of the register is composed from the accounts of
// every file that names the same award (USAspending prime-award summaries,
// transaction extracts, subawards and the Torn Apart list), by the rule
// Rule, so that the order in which the files were ingested changes
// nothing.
type ContractSource struct {
	MatchKey   string   `json:"match_key"`      // awarding sub-agency code / PIID (or FAIN): "7012/70CMSW18FACR00003"
	AwardKey   string   `json:"award_key"`      // USAspending's unique award key; "" when the file has none
	File       string   `json:"file"`           // the file's base name
	Layout     string   `json:"layout"`         // the file's layout ("torn-apart-2018", "contract-prime-awards"…)
	Contract   Contract `json:"contract"`       // the contract as this file alone describes it
	ContractID string   `json:"contract_id"`    // the contract of the register it is part of
	Rule       string   `json:"rule"`           // why it is part of that contract
	Note       string   `json:"note,omitempty"` // the rule's detail, in words
}

// ContractAlias is a former contract id that now designates another
// contract (an award first known without its unique key, merged into the
// award with the key): links to the old id keep working.
type ContractAlias struct {
	Alias      string `json:"alias"`
	ContractID string `json:"contract_id"`
	Rule       string `json:"rule"`
	Note       string `json:"note"`
	At         string `json:"at"`
}

// ContractSourceStore reads where a contract comes from: the accounts it
// was composed from and the former ids that lead to it.
type ContractSourceStore interface {
	// ContractSources returns the accounts composed into the contract id,
	// best first (as composition ranked them); none for a contract that
	// was not composed (OCDS).
	ContractSources(ctx context.Context, id string) ([]ContractSource, error)
	// ContractAlias returns the alias record of a former contract id, and
	// ENOTFOUND when id is no alias.
	ContractAlias(ctx context.Context, id string) (*ContractAlias, error)
	// ContractAliases returns the former ids that lead to the contract id.
	ContractAliases(ctx context.Context, id string) ([]ContractAlias, error)
}

// CurrentContractID is id, or, when id is the former id of an award merged
// into another contract, the id of that contract; id when store keeps no
// aliases or id is none. Services and commands that take a contract id
// call it so that a former id acts on the contract it now is, as its
// pages and API redirect to it.
func CurrentContractID(ctx context.Context, store any, id string) string {
	src, ok := store.(ContractSourceStore)
	if !ok || id == "" {
		return id
	}
	if a, err := src.ContractAlias(ctx, id); err == nil && a.ContractID != "" {
		return a.ContractID
	}
	return id
}
