package queryfile_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/queryfile"
)

func FuzzReadQueries(f *testing.F) {
	f.Add([]byte("id,name,schema,country,birth_date\n1,Vladimir Putin,Person,RU,1952\n"))
	f.Add([]byte("{\"id\":1,\"name\":\"x\"}\n{\"id\":\"2\",\"name\":\"y\",\"schema\":\"Company\"}"))
	f.Add([]byte("\ufeff \n{"))
	f.Fuzz(func(t *testing.T, b []byte) {
		last := 0
		err := queryfile.ReadQueries(bytes.NewReader(b), "q", func(q queryfile.Query) error {
			if q.ID == "" || q.Name == "" || q.Line <= last {
				t.Fatalf("bad query %+v after line %d", q, last)
			}
			last = q.Line
			return nil
		})
		var ie *probity.InputError
		if err != nil && !errors.As(err, &ie) {
			t.Fatalf("error %v (%T) is not an InputError", err, err)
		}
	})
}

func FuzzReadPairs(f *testing.F) {
	f.Add([]byte("case_group,schema,name1,name2,is_match\nx,Person,Olaf Schulze,Olaf Scholz,true\n"))
	f.Add([]byte("schema,name1,name2\n\"a"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var out bytes.Buffer
		rows := 0
		err := queryfile.ScorePairs(bytes.NewReader(b), "p.csv", &out, func(p queryfile.Pair) (float64, bool, error) {
			rows++
			return 0.5, true, nil
		})
		if err != nil {
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T) is not an InputError", err, err)
			}
			return
		}
		// The output is valid CSV with the header and one line per row.
		got, err := csv.NewReader(&out).ReadAll()
		if err != nil || len(got) != rows+1 {
			t.Fatalf("output has %d records (%v), want %d", len(got), err, rows+1)
		}
	})
}
