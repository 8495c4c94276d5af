package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/review"
	"github.com/probity/probity/sqlite"
)

// reviewBenchServer serves a store with 500 contracts, a case on each
// (the first with 20 comments and 2 pieces of evidence), and a concern
// with 50 signatures, half of them anonymous; it returns the handler and
// an employee's token.
func reviewBenchServer(b *testing.B) (http.Handler, string) {
	b.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	var buyer int64
	err = db.Update(ctx, func(tx probity.Tx) error {
		if buyer, err = tx.CreateOrg(ctx, "Immigration and Customs Enforcement", probity.KindGovernment, "US"); err != nil {
			return err
		}
		for i := 1; i <= 500; i++ {
			c := probity.Contract{ID: fmt.Sprintf("ocds-b-%04d", i), Title: "Deal", Status: probity.StatusActive, Buyer: &probity.OrgRef{ID: buyer}, Source: "bench"}
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	f, err := db.AddFinding(ctx, probity.Finding{OrgID: buyer, Category: probity.CatArbitraryDetention, Status: probity.FindingCredible, Severity: probity.SeverityHigh,
		Sources: []probity.Source{{Publisher: "Bench", Title: "Report"}}, Summary: "finding"})
	if err != nil {
		b.Fatal(err)
	}
	svc := review.New(db)
	ops := review.Actor{Name: "ops", Role: review.RoleAdmin}
	for i := 1; i <= 500; i++ {
		c, err := svc.OpenCase(ctx, ops, fmt.Sprintf("ocds-b-%04d", i), "")
		if err != nil {
			b.Fatal(err)
		}
		if i == 1 {
			for j := 0; j < 20; j++ {
				if _, err := svc.Comment(ctx, ops, c.ID, fmt.Sprintf("comment %d", j)); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := svc.Attach(ctx, ops, c.ID, probity.CaseEvidence{FindingID: f.ID}); err != nil {
				b.Fatal(err)
			}
			if _, err := svc.Attach(ctx, ops, c.ID, probity.CaseEvidence{URL: "https://example.org", Title: "Page"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	k, err := svc.RaiseConcern(ctx, review.Actor{Name: "e0", Role: review.RoleEmployee}, probity.Concern{ContractID: "ocds-b-0001", Text: "concern"}, false)
	if err != nil {
		b.Fatal(err)
	}
	for i := 1; i < 50; i++ {
		if _, err := svc.SignConcern(ctx, review.Actor{Name: fmt.Sprintf("e%d", i), Role: review.RoleEmployee}, k.ID, i%2 == 0); err != nil {
			b.Fatal(err)
		}
	}
	u, err := db.CreateUser(ctx, probity.User{Name: "bench", Role: probity.RoleEmployee}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	secret, display, hash, _ := probity.NewSecret(probity.TokenPrefix)
	if _, err := db.CreateToken(ctx, probity.Token{UserID: u.ID, Prefix: display}, hash, "bench"); err != nil {
		b.Fatal(err)
	}
	srv, err := httpapi.New(ctx, db, httpapi.Config{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), RateLimit: -1, ReloadInterval: -1},
		append(httpapi.ReviewRoutes(svc, db), httpapi.AccountRoutes(db)...)...)
	if err != nil {
		b.Fatal(err)
	}
	return srv, secret
}

// BenchmarkReviewReads measures the read routes of cases and concerns,
// in process (no network): a case's detail, a page of 100 cases, and a
// concern with its 50 signatures as the public sees it.
func BenchmarkReviewReads(b *testing.B) {
	h, token := reviewBenchServer(b)
	for _, bc := range []struct{ name, path, token string }{
		{"CaseDetail", "/cases/1", token},
		{"CaseList100", "/cases?limit=100", token},
		{"ConcernPublic", "/concerns/1", ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest("GET", bc.path, nil)
				if bc.token != "" {
					req.Header.Set("Authorization", "Bearer "+bc.token)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("%s: %d %s", bc.path, rec.Code, rec.Body)
				}
			}
		})
	}
}
