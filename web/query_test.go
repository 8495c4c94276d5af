package web

import (
	"net/url"
	"strings"
	"testing"
)

func TestParseQueryRoundTrip(t *testing.T) {
	for _, raw := range []string{
		"",
		"q=azure+cloud&buyer=3&supplier=dell&country=us&status=active&decision=deny&year=2021&min=1000&max=2e6&sort=value&page=3",
		"buyer=Homeland+Security&sort=title",
	} {
		v, _ := url.ParseQuery(raw)
		q, err := parseQuery(v)
		if err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		again, err := parseQuery(q.Values())
		if err != nil {
			t.Fatalf("%q: the view's own URL is refused: %v", raw, err)
		}
		if again.Values().Encode() != q.Values().Encode() {
			t.Errorf("%q: %s then %s", raw, q.Values().Encode(), again.Values().Encode())
		}
	}
}

// FuzzParseQuery: any query string is a view or an invalid-input error
// naming a parameter, never a panic; a view's own URL reads back the same.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "page=2", "min=1&max=0", "country=U%00", "year=99999", "q=%ff%fe", "sort=value&page=-1", "min=NaN", "max=1e400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parseQuery(v)
		if err != nil {
			if !strings.Contains(err.Error(), ":") {
				t.Fatalf("error does not name the parameter: %v", err)
			}
			return
		}
		if q.Page < 1 || q.PerPage < 1 {
			t.Fatalf("page %d, per page %d", q.Page, q.PerPage)
		}
		again, err := parseQuery(q.Values())
		if err != nil {
			t.Fatalf("own URL %q refused: %v", q.Values().Encode(), err)
		}
		if again.Values().Encode() != q.Values().Encode() {
			t.Fatalf("%s then %s", q.Values().Encode(), again.Values().Encode())
		}
	})
}
