package usaspending

// subawardParser reads subaward files (contracts and assistance).
type subawardParser struct{}

func (subawardParser) row(r *row) (Record, bool) {
	s := &Subaward{Line: r.line, Record: r.record}
	s.PrimeKey = r.str("prime_award_unique_key")
	s.PrimePIID = r.str("prime_award_piid")
	s.PrimeFAIN = r.str("prime_award_fain")
	s.PrimeParentPIID = r.str("prime_award_parent_piid")
	s.PrimeAmount = r.amount("prime_award_amount")
	if s.PrimeKey == "" && s.PrimePIID == "" && s.PrimeFAIN == "" {
		r.fail("prime_award_unique_key", "the row names no prime award (no key, PIID or FAIN)", nil)
	}
	s.Prime = Party{
		Name:    r.text("prime_awardee_name"),
		DBA:     r.text("prime_awardee_dba_name"),
		UEI:     r.uei("prime_awardee_uei"),
		DUNS:    r.duns("prime_awardee_duns"),
		Country: r.str("prime_awardee_country_code"),
		State:   r.str("prime_awardee_state_code"),
		City:    r.text("prime_awardee_city_name"),
	}
	s.PrimeParent = Party{
		Name: r.text("prime_awardee_parent_name"),
		UEI:  r.uei("prime_awardee_parent_uei"),
		DUNS: r.duns("prime_awardee_parent_duns"),
	}
	s.Agency = r.agency(LevelAgency, "prime_award_awarding_agency_code", "prime_award_awarding_agency_name")
	s.SubAgency = r.agency(LevelSubAgency, "prime_award_awarding_sub_agency_code", "prime_award_awarding_sub_agency_name")
	s.Office = r.agency(LevelOffice, "prime_award_awarding_office_code", "prime_award_awarding_office_name")
	if s.Agency.IsZero() {
		s.Agency = parentOf(s.SubAgency)
	}

	s.Type = r.str("subaward_type")
	s.Number = r.str("subaward_number")
	s.ReportID = r.str("subaward_sam_report_id")
	s.Sub = Party{
		Name:    r.text("subawardee_name"),
		DBA:     r.text("subawardee_dba_name"),
		UEI:     r.uei("subawardee_uei"),
		DUNS:    r.duns("subawardee_duns"),
		Country: r.str("subawardee_country_code"),
		State:   r.str("subawardee_state_code"),
		City:    r.text("subawardee_city_name"),
	}
	if s.Sub.Name == "" && s.Sub.UEI == "" && s.Sub.DUNS == "" {
		r.fail("subawardee_name", "the row names no subawardee", nil)
	}
	s.SubParent = Party{
		Name: r.text("subawardee_parent_name"),
		UEI:  r.uei("subawardee_parent_uei"),
		DUNS: r.duns("subawardee_parent_duns"),
	}
	s.Amount = r.amount("subaward_amount")
	s.Date = r.date("subaward_action_date")
	s.Description = r.text("subaward_description")
	return Record{Subaward: s}, true
}

func (subawardParser) flush(func(Record) error) error { return nil }
