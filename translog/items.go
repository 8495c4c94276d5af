package translog

import (
	"encoding/json"
	"sort"
	"strconv"
	"time"

	"github.com/probity/probity"
)

// What enters the log for each kind of item is decided here, field by
// field: only what the public sees. Names of staff (authors, reviewers,
// requesters), decision inputs (they hold screening detail) and
// confidential findings stay out.

// timeText formats a time the same way in every entry (UTC, RFC 3339 with
// the precision it has), so that a re-published item hashes the same.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

type decisionBody struct {
	ContractID string           `json:"contract_id"`
	Outcome    string           `json:"outcome"`
	Reasons    []probity.Reason `json:"reasons"`
	PolicyHash string           `json:"policy_hash"`
	InputHash  string           `json:"input_hash"`
	DecidedAt  string           `json:"decided_at"`
}

// DecisionItem is a recorded decision as the log keeps it: the contract,
// the outcome, every reason (rule, message, evidence references) and the
// hashes that make it reproducible. Decisions are never edited, so each
// has one entry.
func DecisionItem(d probity.Decision) Item {
	reasons := d.Reasons
	if reasons == nil {
		reasons = []probity.Reason{}
	}
	return Item{Type: TypeDecision, ID: strconv.FormatInt(d.ID, 10), Body: decisionBody{
		ContractID: d.ContractID, Outcome: d.Outcome, Reasons: reasons,
		PolicyHash: d.PolicyHash, InputHash: d.InputHash, DecidedAt: timeText(d.DecidedAt),
	}}
}

type caseOutcomeBody struct {
	ContractID string `json:"contract_id,omitempty"`
	OrgID      int64  `json:"org_id,omitempty"`
	DecisionID int64  `json:"decision_id,omitempty"`
	Outcome    string `json:"outcome"`
	Conditions string `json:"conditions,omitempty"`
	DecidedAt  string `json:"decided_at"`
}

// CaseOutcomeItem is the outcome of a decided review case: what it was
// about, the decision under review, the outcome and its conditions. Who
// decided stays out (the public sees that a review happened, not who did
// it).
func CaseOutcomeItem(c probity.Case) Item {
	return Item{Type: TypeCaseOutcome, ID: strconv.FormatInt(c.ID, 10), Body: caseOutcomeBody{
		ContractID: c.ContractID, OrgID: c.OrgID, DecisionID: c.DecisionID,
		Outcome: c.Outcome, Conditions: c.Conditions, DecidedAt: timeText(c.DecidedAt),
	}}
}

type policyBody struct {
	Hash        string   `json:"hash"`
	PublishedAt string   `json:"published_at"`
	Files       []string `json:"files"`
}

// PolicyItem is a published policy version: its content hash, when it was
// published and the names of its files; the files themselves are its
// attachment (the SHA-256 of their canonical JSON form, name → text).
func PolicyItem(v probity.PolicyVersion) Item {
	names := make([]string, 0, len(v.Files))
	for n := range v.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	files, _ := json.Marshal(v.Files) // a map of strings always marshals; keys sorted
	return Item{Type: TypePolicy, ID: v.Hash, AttachmentSHA256: SHA256Hex(files), Body: policyBody{
		Hash: v.Hash, PublishedAt: timeText(v.PublishedAt), Files: names,
	}}
}

type findingBody struct {
	OrgID      int64                `json:"org_id"`
	Category   string               `json:"category"`
	LegalBasis []probity.LegalBasis `json:"legal_basis,omitempty"`
	Status     string               `json:"status"`
	Severity   string               `json:"severity"`
	Period     probity.Period       `json:"period"`
	Sources    []probity.Source     `json:"sources"`
	Summary    string               `json:"summary"`
	Withdrawn  bool                 `json:"withdrawn,omitempty"`
}

// FindingItem is a public finding. A confidential finding has no public
// form: it returns false, unless the finding was public before (published
// is true), in which case the entry records only that it was withdrawn
// from public view, so that a finding cannot disappear silently.
func FindingItem(f probity.Finding, published bool) (Item, bool) {
	id := strconv.FormatInt(f.ID, 10)
	if f.Confidential {
		if !published {
			return Item{}, false
		}
		return Item{Type: TypeFinding, ID: id, Body: findingBody{OrgID: f.OrgID, Withdrawn: true, Sources: []probity.Source{}}}, true
	}
	sources := f.Sources
	if sources == nil {
		sources = []probity.Source{}
	}
	return Item{Type: TypeFinding, ID: id, Body: findingBody{
		OrgID: f.OrgID, Category: f.Category, LegalBasis: f.LegalBasis, Status: f.Status,
		Severity: f.Severity, Period: f.Period, Sources: sources, Summary: f.Summary,
	}}, true
}

type contractBody struct {
	Title           string           `json:"title"`
	Status          string           `json:"status"`
	Buyer           *probity.OrgRef  `json:"buyer"`
	Suppliers       []probity.OrgRef `json:"suppliers"`
	Subcontractors  []probity.OrgRef `json:"subcontractors,omitempty"`
	Value           *probity.Value   `json:"value"`
	Period          probity.Period   `json:"period"`
	Source          string           `json:"source"`
	SourceReference string           `json:"source_reference,omitempty"`
}

// ContractItem is a contract's public summary: title, status, parties,
// value, period and where it came from. The description and the source
// files stay out (the first can be long and the summary is what the
// register lists; the second are local paths).
func ContractItem(c probity.Contract) Item {
	suppliers := c.Suppliers
	if suppliers == nil {
		suppliers = []probity.OrgRef{}
	}
	return Item{Type: TypeContract, ID: c.ID, Body: contractBody{
		Title: c.Title, Status: c.Status, Buyer: c.Buyer, Suppliers: suppliers,
		Subcontractors: c.Subcontractors, Value: c.Value, Period: c.Period,
		Source: c.Source, SourceReference: c.SourceReference,
	}}
}
