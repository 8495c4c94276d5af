package usaspending

import "github.com/probity/probity"

// tornApartParser reads freezer.csv of Torn Apart / Separados (2018): one
// row per ICE award with a hand-curated parent company. Every award in it
// is ICE's (sub-agency 7012, within the Department of Homeland Security);
// the list names the awarding office by name only and gives no dates, so
// Status is unknown and Key is empty (see Award.MatchKey).
type tornApartParser struct{}

func (tornApartParser) row(r *row) (Record, bool) {
	a := &Award{
		Layout: LayoutTornApart,
		PIID:   r.str("award_id"),
		Status: probity.StatusUnknown,
		Line:   r.line,
		Record: r.record,
	}
	if a.PIID == "" {
		r.fail("award_id", "empty award id", nil)
	}
	a.Title = r.text("award_description")
	a.Value = r.amount("current_total_value")
	a.Potential = r.amount("potential_total_value")
	a.SubAgency = NewAgency(LevelSubAgency, "7012", "")
	a.Agency = parentOf(a.SubAgency)
	a.Office = NewAgency(LevelOffice, "", r.text("awarding_office_name"))
	a.Recipient = Party{
		Name:  r.text("recipient_name"),
		City:  r.text("recipient_city"),
		State: r.str("recipient_state"),
	}
	a.Parent = Party{Name: r.text("parent_name")}
	a.NAICS = Classification{Description: r.text("naics_description")}
	return Record{Award: a}, true
}

func (tornApartParser) flush(func(Record) error) error { return nil }
