package usaspending_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/usaspending"
)

// refDate fixes Award.Status in tests.
var refDate = time.Date(2025, 3, 21, 0, 0, 0, 0, time.UTC)

type result struct {
	layout    usaspending.Layout
	awards    []*usaspending.Award
	subawards []*usaspending.Subaward
	errs      []*probity.InputError
}

// readAll reads every record, collecting row errors instead of stopping.
func readAll(t testing.TB, name, data string) (result, error) {
	t.Helper()
	var res result
	l, err := usaspending.ReadOptions(context.Background(), strings.NewReader(data), name,
		usaspending.Options{Now: refDate}, func(r usaspending.Record) error {
			switch {
			case r.Err != nil:
				res.errs = append(res.errs, r.Err)
			case r.Award != nil:
				res.awards = append(res.awards, r.Award)
			case r.Subaward != nil:
				res.subawards = append(res.subawards, r.Subaward)
			default:
				t.Errorf("%s: empty record", name)
			}
			return nil
		})
	res.layout = l
	return res, err
}

// readFile reads one file of ../shared/data/usaspending.
func readFile(t testing.TB, rel string) result {
	t.Helper()
	path := filepath.Join(shareddata.Dir(t, "usaspending"), rel)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := readAll(t, rel, string(b))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return res
}
