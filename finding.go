package probity

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Finding categories: the kinds of conduct a finding is about. The codelist
// follows the rights that international human-rights law protects and that
// technology can serve to violate; it is deliberately short so that policies
// can name categories one by one. Add a code only with a policy in mind.
const (
	CatFamilySeparation       = "family_separation"               // CRC art. 9; ICCPR arts. 17, 23, 24
	CatArbitraryDetention     = "arbitrary_detention"             // ICCPR art. 9
	CatTorture                = "torture"                         // CAT; ICCPR art. 7 (includes cruel, inhuman or degrading treatment)
	CatEnforcedDisappearance  = "enforced_disappearance"          // ICPPED
	CatUnlawfulKilling        = "unlawful_killing"                // ICCPR art. 6
	CatForcedLabour           = "forced_labour"                   // ILO C029, C105; ICCPR art. 8
	CatUnlawfulSurveillance   = "unlawful_surveillance"           // ICCPR art. 17
	CatDiscrimination         = "discrimination"                  // ICCPR arts. 2, 26; ICERD
	CatDeportationNoDueProc   = "deportation_without_due_process" // ICCPR art. 13
	CatRefoulement            = "refoulement"                     // Refugee Convention art. 33; CAT art. 3
	CatRepressionOfExpression = "repression_of_expression"        // ICCPR arts. 19, 21, 22 (speech, assembly, association)
	CatPersecution            = "persecution"                     // Rome Statute art. 7(1)(h): crimes against humanity
	CatHumanitarianLaw        = "violation_of_humanitarian_law"   // Geneva Conventions
)

// FindingCategories returns the category codelist in a stable order.
func FindingCategories() []string {
	return []string{
		CatFamilySeparation, CatArbitraryDetention, CatTorture,
		CatEnforcedDisappearance, CatUnlawfulKilling, CatForcedLabour,
		CatUnlawfulSurveillance, CatDiscrimination, CatDeportationNoDueProc,
		CatRefoulement, CatRepressionOfExpression, CatPersecution,
		CatHumanitarianLaw,
	}
}

// Finding statuses, from weakest to strongest: alleged (reported, not yet
// assessed), credible (assessed as credible by us or a reputable monitor),
// substantiated (established by an official inquiry or a body with a fact-
// finding mandate), adjudicated (decided by a court or tribunal).
const (
	FindingAlleged       = "alleged"
	FindingCredible      = "credible"
	FindingSubstantiated = "substantiated"
	FindingAdjudicated   = "adjudicated"
)

// FindingStatuses returns the statuses from weakest to strongest.
func FindingStatuses() []string {
	return []string{FindingAlleged, FindingCredible, FindingSubstantiated, FindingAdjudicated}
}

// Severities of a finding: how grave the conduct is, regardless of how well
// it is established.
const (
	SeverityLow      = "low"
	SeverityMedium   = "medium"
	SeverityHigh     = "high"
	SeverityCritical = "critical"
)

// Severities returns the severities from least to most grave.
func Severities() []string {
	return []string{SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}
}

// LegalBasis is the provision a finding relies on: an instrument ("CRC",
// "ICCPR") and an article within it ("9", "17(1)"); Article may be empty when
// the instrument as a whole is meant.
type LegalBasis struct {
	Instrument string `json:"instrument" yaml:"instrument"`
	Article    string `json:"article,omitempty" yaml:"article,omitempty"`
}

// Source is a publication a finding cites. Date is YYYY, YYYY-MM or
// YYYY-MM-DD; URL is empty when unknown.
type Source struct {
	Publisher string `json:"publisher" yaml:"publisher"`
	Title     string `json:"title" yaml:"title"`
	Date      string `json:"date,omitempty" yaml:"date,omitempty"`
	URL       string `json:"url,omitempty" yaml:"url,omitempty"`
}

// Finding is one piece of evidence about an organization's conduct: what
// (category, legal basis), how well established (status), how grave
// (severity), when (period), on whose word (sources) and who recorded it.
type Finding struct {
	ID           int64        `json:"id"`
	OrgID        int64        `json:"org_id"`
	Category     string       `json:"category"`
	LegalBasis   []LegalBasis `json:"legal_basis,omitempty"`
	Status       string       `json:"status"`
	Severity     string       `json:"severity"`
	Period       Period       `json:"period"`
	Sources      []Source     `json:"sources"`
	Author       string       `json:"author,omitempty"`
	Summary      string       `json:"summary"`
	Confidential bool         `json:"confidential,omitempty"` // kept out of public exports
}

var partialDate = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// ValidDate reports whether s is a date of the form YYYY, YYYY-MM or
// YYYY-MM-DD.
func ValidDate(s string) bool { return partialDate.MatchString(s) }

// Validate checks a finding's own content: a known category, status and
// severity, at least one source with a publisher and a title, well-formed
// dates and URLs, a summary. It does not check OrgID, which is the store's
// concern. The error is an *InputError whose Field names the offending field
// (a JSON path such as "sources[1].date") and whose File is "finding" or
// "finding N"; importers replace File, Line and Record with their own.
func (f *Finding) Validate() error {
	bad := func(field, format string, args ...any) error {
		file := "finding"
		if f.ID != 0 {
			file = fmt.Sprintf("finding %d", f.ID)
		}
		return &InputError{File: file, Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	if !slices.Contains(FindingCategories(), f.Category) {
		if f.Category == "" {
			return bad("category", "is required (one of %s)", strings.Join(FindingCategories(), ", "))
		}
		return bad("category", "unknown category %q (one of %s)", f.Category, strings.Join(FindingCategories(), ", "))
	}
	if !slices.Contains(FindingStatuses(), f.Status) {
		if f.Status == "" {
			return bad("status", "is required (one of %s)", strings.Join(FindingStatuses(), ", "))
		}
		return bad("status", "unknown status %q (one of %s)", f.Status, strings.Join(FindingStatuses(), ", "))
	}
	if !slices.Contains(Severities(), f.Severity) {
		if f.Severity == "" {
			return bad("severity", "is required (one of %s)", strings.Join(Severities(), ", "))
		}
		return bad("severity", "unknown severity %q (one of %s)", f.Severity, strings.Join(Severities(), ", "))
	}
	for i, lb := range f.LegalBasis {
		if strings.TrimSpace(lb.Instrument) == "" {
			return bad(fmt.Sprintf("legal_basis[%d].instrument", i), "is required")
		}
	}
	if f.Period.Start != "" && !ValidDate(f.Period.Start) {
		return bad("period.start", "%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", f.Period.Start)
	}
	if f.Period.End != "" && !ValidDate(f.Period.End) {
		return bad("period.end", "%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", f.Period.End)
	}
	if f.Period.Start != "" && f.Period.End != "" && f.Period.End < f.Period.Start {
		return bad("period.end", "%s is before the start %s", f.Period.End, f.Period.Start)
	}
	if len(f.Sources) == 0 {
		return bad("sources", "at least one source is required")
	}
	for i, s := range f.Sources {
		field := fmt.Sprintf("sources[%d]", i)
		switch {
		case strings.TrimSpace(s.Publisher) == "":
			return bad(field+".publisher", "is required")
		case strings.TrimSpace(s.Title) == "":
			return bad(field+".title", "is required")
		case s.Date != "" && !ValidDate(s.Date):
			return bad(field+".date", "%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s.Date)
		}
		if s.URL != "" {
			u, err := url.Parse(s.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return bad(field+".url", "%q is not an http(s) URL", s.URL)
			}
		}
	}
	if strings.TrimSpace(f.Summary) == "" {
		return bad("summary", "is required")
	}
	return nil
}
