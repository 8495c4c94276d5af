package usaspending

import "github.com/probity/probity"

// primeParser reads prime award summaries, contracts (d1) or assistance
// (d2).
type primeParser struct {
	today      string
	assistance bool
}

func (p primeParser) row(r *row) (Record, bool) {
	a := &Award{Layout: LayoutContractAwards, Line: r.line, Record: r.record}
	if p.assistance {
		a.Layout = LayoutAssistanceAwards
		a.Key = r.str("assistance_award_unique_key")
		a.FAIN = r.str("award_id_fain")
		a.Type = r.text("assistance_type_description")
		a.Obligated = r.amount("total_obligated_amount")
		if a.Obligated != nil {
			v := *a.Obligated
			a.Value = &v
		}
	} else {
		a.Key = r.str("contract_award_unique_key")
		a.PIID = r.str("award_id_piid")
		a.ParentAwardID = r.str("parent_award_id_piid")
		a.ParentAgency = r.str("parent_award_agency_id")
		a.Type = r.text("award_type")
		if a.Type == "" {
			a.Type = r.text("idv_type")
		}
		a.Obligated = r.amount("total_obligated_amount")
		a.Value = r.amount("current_total_value_of_award")
		a.Potential = r.amount("potential_total_value_of_award")
		a.NAICS = Classification{Code: r.str("naics_code"), Description: r.text("naics_description")}
		a.PSC = Classification{Code: r.str("product_or_service_code"), Description: r.text("product_or_service_code_description")}
	}
	a.Title = r.text("prime_award_base_transaction_description")
	a.Period = probity.Period{
		Start: r.date("period_of_performance_start_date"),
		End:   r.date("period_of_performance_current_end_date"),
	}
	a.PotentialEnd = r.date("period_of_performance_potential_end_date")
	a.BaseDate = r.date("award_base_action_date")
	a.LatestDate = r.date("award_latest_action_date")
	a.Status = deriveStatus(a.Period, p.today)

	a.Agency = r.agency(LevelAgency, "awarding_agency_code", "awarding_agency_name")
	a.SubAgency = r.agency(LevelSubAgency, "awarding_sub_agency_code", "awarding_sub_agency_name")
	a.Office = r.agency(LevelOffice, "awarding_office_code", "awarding_office_name")
	a.FundingAgency = r.agency(LevelAgency, "funding_agency_code", "funding_agency_name")
	a.FundingSubAgency = r.agency(LevelSubAgency, "funding_sub_agency_code", "funding_sub_agency_name")
	a.FundingOffice = r.agency(LevelOffice, "funding_office_code", "funding_office_name")
	if a.Agency.IsZero() {
		a.Agency = parentOf(a.SubAgency)
	}

	a.Recipient = Party{
		Name:    r.text("recipient_name"),
		DBA:     r.text("recipient_doing_business_as_name"),
		UEI:     r.uei("recipient_uei"),
		DUNS:    r.duns("recipient_duns"),
		Country: r.str("recipient_country_code"),
		State:   r.str("recipient_state_code"),
		City:    r.text("recipient_city_name"),
	}
	a.Parent = Party{
		Name: r.text("recipient_parent_name"),
		UEI:  r.uei("recipient_parent_uei"),
		DUNS: r.duns("recipient_parent_duns"),
	}
	a.Permalink = r.str("usaspending_permalink")

	if a.Key == "" {
		p.buildKey(r, a)
	}
	return Record{Award: a}, true
}

// buildKey makes the generated unique award id the way USAspending does
// when the file leaves it out.
func (p primeParser) buildKey(r *row, a *Award) {
	sub := a.SubAgency.Code
	switch {
	case p.assistance && a.FAIN == "":
		r.fail("award_id_fain", "the row has neither an award key nor a FAIN", nil)
	case !p.assistance && a.PIID == "":
		r.fail("award_id_piid", "the row has neither an award key nor a PIID", nil)
	case sub == "":
		r.fail("awarding_sub_agency_code", "the row has no award key, and no awarding sub-agency code to build one", nil)
	case p.assistance:
		a.Key = "ASST_NON_" + a.FAIN + "_" + sub
	default:
		a.Key = "CONT_AWD_" + a.PIID + "_" + sub + "_" + noneIfEmpty(a.ParentAwardID) + "_" + noneIfEmpty(a.ParentAgency)
	}
}

func (primeParser) flush(func(Record) error) error { return nil }
