package screen_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
	"github.com/probity/probity/screen"
	"github.com/probity/probity/sqlite"
)

func TestScreenRegister(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := screen.BuildIndex(ctx, db); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Fatalf("index with no list: %v", err)
	}
	var person, company int64
	err = db.Update(ctx, func(tx probity.Tx) error {
		person, _ = tx.CreateOrg(ctx, "Ramzan Kadyrov", probity.KindPerson, "")
		company, _ = tx.CreateOrg(ctx, "Acme Widgets Ltd", probity.KindCompany, "")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	entries := []probity.WatchlistEntry{
		{List: "test", SourceID: "1", Schema: "Person", Name: "KADYROV, Ramzan Akhmatovich", Programs: []string{"GLOMAG"}},
		{List: "test", SourceID: "2", Schema: "Company", Name: "Kadyrov Holdings"},
	}
	v1, err := db.SaveList(ctx, probity.ListVersion{List: "test", Hash: "h1"}, entries)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := screen.BuildIndex(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	st, err := screen.ScreenRegister(ctx, db, ix, match.DefaultThreshold)
	if err != nil {
		t.Fatal(err)
	}
	if st.Organizations != 2 || st.Hits != 1 || !slices.Equal(st.Changed, []int64{person}) {
		t.Fatalf("stats: %+v", st)
	}
	hits, _ := db.Screenings(ctx, person)
	if len(hits) != 1 || hits[0].SourceID != "1" || hits[0].ListVersionID != v1.ID || hits[0].MatcherVersion != match.Version || len(hits[0].Explanation) == 0 {
		t.Fatalf("stored hit: %+v", hits)
	}
	if hits, _ := db.Screenings(ctx, company); len(hits) != 0 {
		t.Fatalf("a company matched a person's entry: %+v", hits)
	}
	// A new list version without the entry: the hit goes away.
	v2, _ := db.SaveList(ctx, probity.ListVersion{List: "test", Hash: "h2"}, entries[1:])
	ix, _ = screen.BuildIndex(ctx, db)
	if ix.Versions["test"].ID != v2.ID {
		t.Fatalf("index built from version %d, want %d", ix.Versions["test"].ID, v2.ID)
	}
	st, err = screen.ScreenRegister(ctx, db, ix, match.DefaultThreshold)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.Changed, []int64{person}) {
		t.Fatalf("changed after the entry left: %v", st.Changed)
	}
	if st, _ := screen.Rescreen(ctx, db, match.DefaultThreshold); len(st.Changed) != 0 {
		t.Fatalf("screening again with nothing new changed %v", st.Changed)
	}
	if hits, _ := db.Screenings(ctx, person); len(hits) != 0 {
		t.Fatalf("hit kept after its entry left the list: %+v", hits)
	}
}

func TestQuerySchema(t *testing.T) {
	for kind, want := range map[probity.OrgKind]string{
		probity.KindPerson: "Person", probity.KindCompany: "Organization", probity.KindGovernment: "Organization", probity.KindUnknown: "LegalEntity",
	} {
		if got := screen.QuerySchema(kind); got != want {
			t.Errorf("QuerySchema(%s) = %s, want %s", kind, got, want)
		}
	}
}
