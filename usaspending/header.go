package usaspending

import (
	"strings"
)

// header maps normalised column names to their positions.
type header struct {
	n   int
	idx map[string]int
}

func newHeader(cols []string) *header {
	h := &header{n: len(cols), idx: make(map[string]int, len(cols))}
	for i, c := range cols {
		k := normColumn(c)
		if k == "" {
			continue
		}
		if _, dup := h.idx[k]; !dup { // the first of duplicate names wins
			h.idx[k] = i
		}
	}
	return h
}

func (h *header) has(col string) bool { _, ok := h.idx[col]; return ok }

// normColumn makes header names from every source comparable: a BOM and
// surrounding space go, ASCII letters are lowered, and every run of other
// characters becomes one underscore ("Product/Service Description" →
// "product_service_description", "Award ID" → "award_id"). The 2025
// subaward files' subaward_fsrs_report_* columns are renamed to the
// current subaward_sam_report_*.
func normColumn(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	var b strings.Builder
	b.Grow(len(s))
	sep := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			sep = false
			b.WriteByte(c)
		default:
			sep = true
		}
	}
	k := b.String()
	if strings.HasPrefix(k, "subaward_fsrs_") {
		k = "subaward_sam_" + k[len("subaward_fsrs_"):]
	}
	return k
}

// requirement is one column a layout needs: any one of the names.
type requirement []string

var required = map[Layout][]requirement{
	LayoutContractAwards:   {{"contract_award_unique_key", "award_id_piid"}, {"recipient_name"}},
	LayoutAssistanceAwards: {{"assistance_award_unique_key", "award_id_fain"}, {"recipient_name"}},
	LayoutSubawards: {
		{"prime_award_unique_key", "prime_award_piid", "prime_award_fain"},
		{"subawardee_name"}, {"subaward_amount"},
	},
	LayoutTransactions: {
		{"generated_award_id"}, {"federal_action_obligation"}, {"action_date"}, {"recipient_name"},
	},
	LayoutTornApart: {{"award_id"}, {"recipient_name"}, {"parent_name"}, {"current_total_value"}},
}

// detect names the layout from the header; reason explains an unknown one.
func detect(h *header) (l Layout, reason string) {
	switch {
	case h.has("contract_transaction_unique_key") || h.has("assistance_transaction_unique_key"):
		return LayoutUnknown, "bulk prime-transaction files are not supported: download prime award summaries instead"
	case h.has("subaward_number") || h.has("subaward_amount") || h.has("subawardee_name"):
		return LayoutSubawards, ""
	case h.has("contract_award_unique_key") || h.has("award_id_piid"):
		return LayoutContractAwards, ""
	case h.has("assistance_award_unique_key") || h.has("award_id_fain"):
		return LayoutAssistanceAwards, ""
	case h.has("generated_award_id"):
		return LayoutTransactions, ""
	case h.has("award_id") && h.has("parent_name") && h.has("recipient_name"):
		return LayoutTornApart, ""
	}
	return LayoutUnknown, "not a USAspending layout this reader knows: expected a prime award summary " +
		"(contract_award_unique_key or assistance_award_unique_key), a subaward file (subaward_number), " +
		"the transaction extract (Generated Award ID, Federal Action Obligation) " +
		"or the Torn Apart list (award_id, parent_name)"
}

// missing returns the first requirement the header does not meet.
func (h *header) missing(l Layout) (requirement, bool) {
	for _, req := range required[l] {
		ok := false
		for _, c := range req {
			if h.has(c) {
				ok = true
				break
			}
		}
		if !ok {
			return req, true
		}
	}
	return nil, false
}
