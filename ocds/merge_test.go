package ocds_test

import (
	"encoding/json"
	"testing"

	"github.com/probity/probity/ocds"
)

// TestCompileDateOrder checks that releases are merged in the order of
// their instants, not of their date strings, and stably on ties.
func TestCompileDateOrder(t *testing.T) {
	rel := func(id, date, title string) json.RawMessage {
		return json.RawMessage(`{"ocid":"o","id":"` + id + `","date":"` + date + `","tender":{"title":"` + title + `"}}`)
	}
	tests := []struct {
		name     string
		releases []json.RawMessage
		title    string
		date     string
	}{
		// As text "2020-01-01T10:00:00-04:00" < "2020-01-01T12:00:00Z", but
		// it is 14:00 UTC, the later instant.
		{"offset later than Z", []json.RawMessage{rel("1", "2020-01-01T10:00:00-04:00", "late"), rel("2", "2020-01-01T12:00:00Z", "early")}, "late", "2020-01-01T10:00:00-04:00"},
		{"fractional seconds", []json.RawMessage{rel("1", "2020-01-01T00:00:00.500Z", "late"), rel("2", "2020-01-01T00:00:00Z", "early")}, "late", "2020-01-01T00:00:00.500Z"},
		{"tie keeps input order", []json.RawMessage{rel("1", "2020-01-01T00:00:00Z", "first"), rel("2", "2020-01-01T00:00:00+00:00", "second")}, "second", "2020-01-01T00:00:00+00:00"},
		{"no time zone", []json.RawMessage{rel("1", "2020-01-02", "late"), rel("2", "2020-01-01T23:00:00", "early")}, "late", "2020-01-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, fn := range []func(*ocds.Rules, []json.RawMessage) (json.RawMessage, error){ocds.Compile, ocds.CompileGeneral} {
				c, err := fn(ocds.RulesFor("1.1"), tt.releases)
				if err != nil {
					t.Fatal(err)
				}
				var got struct {
					ID, Date string
					Tender   struct{ Title string }
				}
				if err := json.Unmarshal(c, &got); err != nil {
					t.Fatal(err)
				}
				if got.Tender.Title != tt.title || got.Date != tt.date || got.ID != "o-"+tt.date {
					t.Errorf("got title %q date %q id %q; want %q %q", got.Tender.Title, got.Date, got.ID, tt.title, tt.date)
				}
			}
		})
	}
}
