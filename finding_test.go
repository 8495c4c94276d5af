package probity_test

import (
	"errors"
	"testing"

	"github.com/probity/probity"
)

func validFinding() probity.Finding {
	return probity.Finding{
		Category:   probity.CatFamilySeparation,
		LegalBasis: []probity.LegalBasis{{Instrument: "CRC", Article: "9"}},
		Status:     probity.FindingSubstantiated,
		Severity:   probity.SeverityCritical,
		Period:     probity.Period{Start: "2018-04", End: "2018-06-26"},
		Sources:    []probity.Source{{Publisher: "Court", Title: "Order", Date: "2018-06-26"}},
		Summary:    "Children were separated from their parents.",
	}
}

func TestFindingValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*probity.Finding)
		field string // "" means valid
	}{
		{"valid", func(*probity.Finding) {}, ""},
		{"url ok", func(f *probity.Finding) { f.Sources[0].URL = "https://example.org/x" }, ""},
		{"no source", func(f *probity.Finding) { f.Sources = nil }, "sources"},
		{"unknown category", func(f *probity.Finding) { f.Category = "rudeness" }, "category"},
		{"missing category", func(f *probity.Finding) { f.Category = "" }, "category"},
		{"unknown status", func(f *probity.Finding) { f.Status = "rumoured" }, "status"},
		{"unknown severity", func(f *probity.Finding) { f.Severity = "extreme" }, "severity"},
		{"instrument", func(f *probity.Finding) { f.LegalBasis = append(f.LegalBasis, probity.LegalBasis{Article: "3"}) }, "legal_basis[1].instrument"},
		{"period start", func(f *probity.Finding) { f.Period.Start = "June 2018" }, "period.start"},
		{"period order", func(f *probity.Finding) { f.Period.End = "2017" }, "period.end"},
		{"publisher", func(f *probity.Finding) { f.Sources[0].Publisher = " " }, "sources[0].publisher"},
		{"title", func(f *probity.Finding) { f.Sources[0].Title = "" }, "sources[0].title"},
		{"source date", func(f *probity.Finding) { f.Sources[0].Date = "2018-13-01" }, "sources[0].date"},
		{"source url", func(f *probity.Finding) { f.Sources[0].URL = "ftp://x" }, "sources[0].url"},
		{"summary", func(f *probity.Finding) { f.Summary = "" }, "summary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := validFinding()
			tt.edit(&f)
			err := f.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Validate() = %v, want *InputError", err)
			}
			if ie.Field != tt.field {
				t.Errorf("field = %q, want %q (%v)", ie.Field, tt.field, err)
			}
			if probity.ErrorCode(err) != probity.EINVALID {
				t.Errorf("code = %q", probity.ErrorCode(err))
			}
		})
	}
}

func TestValidDate(t *testing.T) {
	for s, want := range map[string]bool{"2018": true, "2018-06": true, "2018-06-20": true, "2018-6-20": false, "18-06-20": false, "2018-06-32": false, "": false} {
		if got := probity.ValidDate(s); got != want {
			t.Errorf("ValidDate(%q) = %v, want %v", s, got, want)
		}
	}
}
