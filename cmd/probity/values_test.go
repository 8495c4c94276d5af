package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity/internal/shareddata"
)

// TestContractValuesFromUSAspending: every award of a real prime-award
// file carries its obligated amount, its potential value where the file
// has one, and null — never 0 — where a value is unknown.
func TestContractValuesFromUSAspending(t *testing.T) {
	data := shareddata.Dir(t)
	file := filepath.Join(data, "usaspending", "mn_ice_contracts", "mn_all", "Contracts_PrimeAwardSummaries_2025-03-21_H19M57S23_1.csv")
	db := tempDB(t)
	mustRun(t, db, "ingest", "usaspending", "--quiet", file)
	out := mustRun(t, db, "contracts", "list", "--json")
	var n, obligated, potential int
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var c map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatal(err)
		}
		n++
		for _, key := range []string{"value", "obligated", "potential"} {
			raw, ok := c[key]
			if !ok {
				t.Fatalf("contract %s has no %q key (unknown must be null): %s", c["id"], key, line)
			}
			if string(raw) == "null" {
				continue
			}
			var v struct {
				Amount   *float64 `json:"amount"`
				Currency string   `json:"currency"`
			}
			if err := json.Unmarshal(raw, &v); err != nil || v.Amount == nil || v.Currency != "USD" {
				t.Fatalf("contract %s: %s = %s", c["id"], key, raw)
			}
			switch key {
			case "obligated":
				obligated++
			case "potential":
				potential++
			}
		}
	}
	if n != 1369 || obligated != n || potential == 0 || potential == n {
		t.Errorf("%d contracts, %d with their obligated amount (want all), %d with a potential value (want some)", n, obligated, potential)
	}
}
