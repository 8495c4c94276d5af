package usaspending

import "github.com/probity/probity"

// Layout is a file layout that Read recognises from the header.
type Layout string

// The layouts.
const (
	LayoutUnknown          Layout = ""
	LayoutContractAwards   Layout = "contract-prime-awards"   // Contracts_PrimeAwardSummaries_*.csv
	LayoutAssistanceAwards Layout = "assistance-prime-awards" // Assistance_PrimeAwardSummaries_*.csv
	LayoutSubawards        Layout = "subawards"               // Contracts_Subawards_*.csv, Assistance_Subawards_*.csv
	LayoutTransactions     Layout = "transaction-extract"     // 10-column spending_by_transaction extract
	LayoutTornApart        Layout = "torn-apart-2018"         // Torn Apart / Separados freezer.csv
)

// Record is what Read hands to its callback: exactly one of Award,
// Subaward or Err is set.
//
// Err reports one bad row — wrong column count, an amount that is not a
// number, a date that is not a date, a malformed UEI — naming the file,
// line, record and column. The row yields nothing else. Returning Err (or
// any error) from the callback stops Read with that error; returning nil
// skips the row and reading goes on (what --skip-invalid does).
type Record struct {
	Award    *Award
	Subaward *Subaward
	Err      *probity.InputError
}

// Award is one prime award: a row of a prime-award summary file or of the
// Torn Apart list, or the aggregate of one award's rows in the transaction
// extract.
type Award struct {
	Layout Layout

	// Key is USAspending's generated unique award id
	// ("CONT_AWD_70CDCR18P00000017_7012_-NONE-_-NONE-"). When the file has
	// no key column or leaves it empty it is built the way USAspending
	// builds it: CONT_AWD_<PIID>_<awarding sub-agency>_<parent PIID or
	// -NONE->_<parent agency or -NONE->, or ASST_NON_<FAIN>_<awarding
	// sub-agency> for assistance. The Torn Apart list names no parent
	// award, so its Key is empty: match it with MatchKey.
	Key           string
	PIID          string // contract award id (award_id_piid)
	FAIN          string // assistance award id (award_id_fain)
	ParentAwardID string // PIID of the parent IDV, if any
	ParentAgency  string // sub-tier code of the parent IDV's agency

	Title       string // base transaction description
	Description string // transaction extract: distinct transaction descriptions, "; "-joined
	Type        string // award_type / assistance_type_description

	Value     *probity.Value // current total value (contracts), total obligated (assistance, transactions)
	Obligated *probity.Value // total obligated amount
	Potential *probity.Value // potential total value, with all options

	// Period is the period of performance: start and current end. The
	// transaction extract gives only action dates, so there it is the
	// first and the last action date.
	Period       probity.Period
	PotentialEnd string // potential end of performance
	BaseDate     string // base (first) action date
	LatestDate   string // latest action date

	// Status is derived from Period against the reference date
	// (Options.Now): end before it → completed; start after it →
	// planned; otherwise, with any date, active. With no period of
	// performance (transaction extract, Torn Apart list) it is unknown.
	Status string

	Agency    Agency // awarding top-tier agency
	SubAgency Agency // awarding sub-tier agency
	Office    Agency // awarding office

	FundingAgency    Agency
	FundingSubAgency Agency
	FundingOffice    Agency

	Recipient Party
	Parent    Party // recipient's parent company (recipient_parent_*)

	NAICS Classification
	PSC   Classification // product or service code

	Permalink    string
	Transactions int // transaction extract: rows aggregated into this award

	Line   int // line of the row (of the first transaction when aggregated)
	Record int // 1-based data row number (header excluded)
}

// AgencyPath returns the awarding hierarchy root first: the United States
// federal government, then the agency, sub-agency and office the award
// names, each part of the one before it. Tiers the file leaves empty are
// left out.
func (a Award) AgencyPath() []Agency { return path(a.Agency, a.SubAgency, a.Office) }

// FundingPath returns the funding hierarchy root first, like AgencyPath;
// it is just the root when the file names no funding agency.
func (a Award) FundingPath() []Agency {
	return path(a.FundingAgency, a.FundingSubAgency, a.FundingOffice)
}

// MatchKey identifies the award across sources that do not share Key: the
// awarding sub-agency code and the PIID (or FAIN), "7012/70CMSW18FACR00003".
// A PIID is unique within its awarding agency.
func (a Award) MatchKey() string { return matchKey(a.SubAgency, a.PIID, a.FAIN) }

// PrimeMatchKey is the MatchKey of the prime award a subaward is reported
// under.
func (s Subaward) PrimeMatchKey() string { return matchKey(s.SubAgency, s.PrimePIID, s.PrimeFAIN) }

func matchKey(sub Agency, piid, fain string) string {
	id := piid
	if id == "" {
		id = fain
	}
	if id == "" {
		return ""
	}
	return sub.Code + "/" + id
}

// Subaward is one row of a subaward file: a subcontract (or subgrant)
// reported under a prime award.
type Subaward struct {
	PrimeKey        string // prime award's generated unique key
	PrimePIID       string // prime_award_piid (contracts)
	PrimeFAIN       string // prime_award_fain (assistance)
	PrimeParentPIID string
	PrimeAmount     *probity.Value

	Prime       Party // prime awardee
	PrimeParent Party

	Agency    Agency // prime award's awarding agency, sub-agency and office
	SubAgency Agency
	Office    Agency

	Type     string // "sub-contract", "sub-grant"
	Number   string // subaward number
	ReportID string // subaward_sam_report_id (formerly subaward_fsrs_report_id)

	Sub       Party // subawardee
	SubParent Party

	Amount      *probity.Value
	Date        string // subaward action date, YYYY-MM-DD
	Description string

	Line   int
	Record int
}

// AgencyPath returns the prime award's awarding hierarchy root first.
func (s Subaward) AgencyPath() []Agency { return path(s.Agency, s.SubAgency, s.Office) }

// Party is a recipient, parent company, prime awardee or subawardee.
type Party struct {
	Name    string // as given, mojibake repaired
	DBA     string // doing-business-as name
	UEI     string // upper case, 12 characters
	DUNS    string // 9 digits, leading zeros restored
	Country string // ISO 3166-1 alpha-3 as USAspending gives it ("USA")
	State   string // two-letter state code
	City    string
}

// IsZero reports whether the file named no such party.
func (p Party) IsZero() bool { return p.Name == "" && p.UEI == "" && p.DUNS == "" }

// Identifiers returns the party's UEI (scheme US-SAM) and DUNS (US-DUNS).
func (p Party) Identifiers() []probity.Identifier {
	var ids []probity.Identifier
	if p.UEI != "" {
		ids = append(ids, probity.Identifier{Scheme: SchemeUEI, ID: p.UEI})
	}
	if p.DUNS != "" {
		ids = append(ids, probity.Identifier{Scheme: SchemeDUNS, ID: p.DUNS})
	}
	return ids
}

// Classification is a code with its description (NAICS, PSC). The
// transaction extract and the Torn Apart list give descriptions only.
type Classification struct {
	Code        string
	Description string
}
