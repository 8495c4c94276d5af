package pipeline_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/internal/pgtest"
	"github.com/probity/probity/lists"
	"github.com/probity/probity/pipeline"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/postgres"
	"github.com/probity/probity/register"
	"github.com/probity/probity/sqlite"
)

// openStore opens a new SQLite store with its outbox.
func openStore(t *testing.T) pipeline.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// stores runs fn on a new SQLite store, and on a new PostgreSQL database
// when $PROBITY_TEST_POSTGRES names a server.
func stores(t *testing.T, fn func(t *testing.T, open func(t *testing.T) pipeline.Store)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, openStore) })
	t.Run("postgres", func(t *testing.T) {
		if os.Getenv(pgtest.Env) == "" {
			t.Skipf("%s is not set: no PostgreSQL server to test against", pgtest.Env)
		}
		fn(t, func(t *testing.T) pipeline.Store {
			db, err := postgres.Open(context.Background(), pgtest.NewDatabase(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		})
	})
}

const awardsHeader = "award_id,recipient_name,parent_name,recipient_city,recipient_state,current_total_value,potential_total_value,awarding_office_name,awarding_office_cat,naics_description,naics_cat,award_description,product_combo,company_combo\n"

// ingest writes USAspending award rows (id, recipient) into the register.
func ingest(t *testing.T, s probity.Store, awards ...[2]string) {
	t.Helper()
	var b strings.Builder
	b.WriteString(awardsHeader)
	for _, a := range awards {
		b.WriteString(a[0] + "," + a[1] + "," + a[1] + ",X,TX,100,100,Office,Office,N,N,Work,p,c\n")
	}
	var st register.Stats
	err := s.Update(context.Background(), func(tx probity.Tx) error {
		in := register.NewIngest(tx, register.Options{}, &st)
		if err := in.USAspending(context.Background(), register.Source{Name: "awards.csv", R: strings.NewReader(b.String())}); err != nil {
			return err
		}
		return in.Finish(context.Background())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// loadList saves a CSV watch list naming these companies.
func loadList(t *testing.T, s probity.Store, names ...string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,name,schema,program\n")
	for i, n := range names {
		b.WriteString("X" + string(rune('1'+i)) + "," + n + ",Company,GLOMAG\n")
	}
	load, err := lists.ReadCSV(strings.NewReader(b.String()), "list.csv", "test_list")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveList(context.Background(), load.Version, load.Entries); err != nil {
		t.Fatal(err)
	}
}

func publishDefault(t *testing.T, s probity.Store) probity.PolicyVersion {
	t.Helper()
	b, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.PublishPolicy(context.Background(), probity.PolicyVersion{Hash: b.Hash, Author: "test", Files: b.AllFiles()})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// stale returns the contracts whose latest recorded decision is missing
// or differs (outcome or reasons) from what the policy in force gives on
// the register as it is now, computed afresh: the oracle of the tests.
func stale(t *testing.T, s probity.Store) []string {
	t.Helper()
	ctx := context.Background()
	d, err := decide.New(ctx, s, 0)
	if err != nil {
		t.Fatal(err)
	}
	latest, err := s.Decisions(ctx, probity.DecisionFilter{LatestOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	recorded := map[string]probity.Decision{}
	for _, dec := range latest {
		recorded[dec.ContractID] = dec
	}
	all, err := s.Contracts(ctx, probity.ContractFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := range all {
		want, err := d.Engine().Decision(ctx, d.Input(&all[i]))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := recorded[all[i].ID]
		if !ok || got.Outcome != want.Outcome || !reflect.DeepEqual(reasonIDs(got.Reasons), reasonIDs(want.Reasons)) {
			out = append(out, all[i].ID)
		}
	}
	return out
}

func reasonIDs(rs []probity.Reason) []string {
	out := []string{}
	for _, r := range rs {
		b, _ := json.Marshal(r)
		out = append(out, string(b))
	}
	return out
}
