package usaspending

import (
	"strings"

	"github.com/probity/probity"
)

// maxDescriptions bounds how many distinct transaction descriptions an
// aggregated award keeps.
const maxDescriptions = 20

// transactionParser aggregates the rows of the 10-column transaction
// extract (POST /api/v2/search/spending_by_transaction/) per Generated
// Award ID: obligations are summed (de-obligations included), the period
// runs from the first to the last action date, the title is the base
// transaction's (modification "0") description, or the first row's, and
// up to 20 distinct transaction descriptions are kept. Awards are held
// until the end of the file, so memory grows with the number of distinct
// awards (about 1 KB each), not with the number of rows. A leading
// source_file column (the DERIVED file) is ignored.
type transactionParser struct {
	byKey map[string]*txAward
	order []*txAward
}

type txAward struct {
	a        *Award
	sum      float64
	base     bool // the title is the base transaction's
	descs    []string
	firstRow int
}

func newTransactionParser() *transactionParser {
	return &transactionParser{byKey: make(map[string]*txAward)}
}

func (p *transactionParser) row(r *row) (Record, bool) {
	key := r.str("generated_award_id")
	if key == "" {
		r.fail("generated_award_id", "empty award id", nil)
		return Record{}, false
	}
	amt := r.amount("federal_action_obligation")
	if amt == nil {
		r.fail("federal_action_obligation", "empty obligation", nil)
	}
	date := r.date("action_date")
	if r.err != nil {
		return Record{}, false
	}
	mod := r.str("modification")
	desc := r.text("transaction_description")
	t, seen := p.byKey[key]
	if !seen {
		t = &txAward{a: p.newAward(r, key), firstRow: r.record}
		p.byKey[strings.Clone(key)] = t
		p.order = append(p.order, t)
	}
	a := t.a
	a.Transactions++
	t.sum += amt.Amount
	if date != "" {
		if a.Period.Start == "" || date < a.Period.Start {
			a.Period.Start = date
		}
		if date > a.Period.End {
			a.Period.End = date
		}
	}
	isBase := mod == "0" || mod == ""
	if desc != "" {
		if (isBase && !t.base) || a.Title == "" {
			a.Title = strings.Clone(desc)
			t.base = isBase
			if isBase {
				a.BaseDate = date
			}
		}
		if len(t.descs) < maxDescriptions && !contains(t.descs, desc) {
			t.descs = append(t.descs, strings.Clone(desc))
		}
	}
	return Record{}, false
}

func (p *transactionParser) newAward(r *row, key string) *Award {
	a := &Award{
		Layout: LayoutTransactions,
		Key:    strings.Clone(key),
		PIID:   strings.Clone(r.str("award_id")),
		Status: probity.StatusUnknown,
		Line:   r.line,
		Record: r.record,
	}
	piid, sub, parent, parentAgency, ok := parseAwardKey(key)
	if ok {
		if a.PIID == "" {
			a.PIID = strings.Clone(piid)
		}
		a.ParentAwardID = strings.Clone(parent)
		a.ParentAgency = strings.Clone(parentAgency)
	}
	abbrev := strings.ToUpper(r.str("agency"))
	if sub == "" {
		sub = agencyAbbrev[abbrev]
	}
	if sub != "" {
		raw := ""
		if agencyAbbrev[abbrev] == sub {
			raw = strings.Clone(r.str("agency"))
		}
		a.SubAgency = NewAgency(LevelSubAgency, strings.Clone(sub), raw)
		if a.SubAgency.Name == raw && raw != "" { // no table name: keep the abbreviation
			a.SubAgency.Name = abbrev
		}
		a.Agency = parentOf(a.SubAgency)
	}
	a.Recipient = Party{Name: strings.Clone(r.text("recipient_name"))}
	a.NAICS = Classification{Description: strings.Clone(r.text("naics_description"))}
	a.PSC = Classification{Description: strings.Clone(r.text("product_service_description"))}
	return a
}

func (p *transactionParser) flush(fn func(Record) error) error {
	for _, t := range p.order {
		a := t.a
		a.Obligated = &probity.Value{Amount: roundCents(t.sum), Currency: "USD"}
		v := *a.Obligated
		a.Value = &v
		a.LatestDate = a.Period.End
		if a.BaseDate == "" {
			a.BaseDate = a.Period.Start
		}
		a.Description = strings.Join(t.descs, "; ")
		if err := fn(Record{Award: a}); err != nil {
			return err
		}
	}
	p.byKey, p.order = nil, nil
	return nil
}

// roundCents removes the binary noise that summing many amounts leaves.
func roundCents(v float64) float64 {
	if v > 1e15 || v < -1e15 {
		return v
	}
	c := v * 100
	if c < 0 {
		return -float64(int64(-c+0.5)) / 100
	}
	return float64(int64(c+0.5)) / 100
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
