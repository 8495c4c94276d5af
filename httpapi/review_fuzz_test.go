package httpapi

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/probity/probity"
)

// checker is a request body of the review and account routes.
type checker interface{ check() error }

// FuzzReviewRequests feeds arbitrary bodies to the decoders of the case,
// concern and account routes: they never panic, every error is EINVALID,
// and what passes the check is usable (the fields the route needs are
// set, a token's expiry is in the future or never).
func FuzzReviewRequests(f *testing.F) {
	for _, s := range []string{
		`{"contract_id": "ocds-1", "requested_by": "erin"}`, `{"assignee": "rita"}`, `{"text": "Looked at it"}`,
		`{"finding_id": 3}`, `{"url": "https://example.org", "title": "Report"}`, `{"finding_id": -1}`,
		`{"outcome": "approve_with_conditions", "conditions": "no biometrics"}`,
		`{"org_id": 4, "text": "concern", "anonymous": true}`, `{"contract_id": "x", "org_id": 4, "text": "t"}`,
		`{"anonymous": false}`, `{"name": "carol", "role": "Reviewer", "email": "c@example.org"}`,
		`{"user": "carol", "name": "ci", "expires": "90d"}`, `{"user": "carol", "expires": "2099-01-01T00:00:00Z"}`,
		`{"user": "carol", "expires": "-3d"}`, `{"user": "carol", "expires": "9999999999999d"}`, `{"user": "c", "expires": "1ns"}`,
		`{"contract_id": 5}`, `{} {}`, ``, `null`, `[]`, `{"text": "\u0000"}`,
	} {
		f.Add([]byte(s))
	}
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		bodies := []checker{&openCaseRequest{}, &assignRequest{}, &commentRequest{}, &evidenceRequest{}, &decisionRequest{},
			&concernRequest{}, &userRequest{}, &tokenRequest{}}
		for _, q := range bodies {
			err := decodeStrict(data, q, "")
			if err == nil {
				err = q.check()
			}
			if err != nil {
				if probity.ErrorCode(err) != probity.EINVALID {
					t.Fatalf("%T: %v has code %s", q, err, probity.ErrorCode(err))
				}
				continue
			}
			switch q := q.(type) {
			case *openCaseRequest:
				if q.ContractID == "" {
					t.Fatal("open: no contract_id passed the check")
				}
			case *evidenceRequest:
				if (q.FindingID == 0) == (q.URL == "") {
					t.Fatalf("evidence %+v passed the check", q)
				}
			case *concernRequest:
				if (q.ContractID == "") == (q.OrgID == 0) || q.OrgID < 0 {
					t.Fatalf("concern %+v passed the check", q)
				}
			case *userRequest:
				if _, err := probity.ParseRole(q.Role); err != nil || q.Name == "" {
					t.Fatalf("user %+v passed the check", q)
				}
			case *tokenRequest:
				at, err := q.expiry(now)
				if err != nil {
					if probity.ErrorCode(err) != probity.EINVALID {
						t.Fatalf("expiry: %v has code %s", err, probity.ErrorCode(err))
					}
					break
				}
				if !at.IsZero() && (!at.After(now) || at.Sub(now) > maxTokenLifetime) {
					t.Fatalf("expires %q gave %s", q.Expires, at)
				}
			}
		}
		// The optional body of a signature.
		var s signRequest
		r := httptest.NewRequest("POST", "/concerns/1/signatures", bytes.NewReader(data))
		if err := decodeOptional(r, &s); err != nil && probity.ErrorCode(err) != probity.EINVALID {
			t.Fatalf("sign: %v has code %s", err, probity.ErrorCode(err))
		}
	})
}
