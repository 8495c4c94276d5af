package queryfile_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/queryfile"
)

func readAll(t *testing.T, in string) ([]queryfile.Query, error) {
	t.Helper()
	var out []queryfile.Query
	err := queryfile.ReadQueries(strings.NewReader(in), "q", func(q queryfile.Query) error {
		out = append(out, q)
		return nil
	})
	return out, err
}

func TestReadQueries(t *testing.T) {
	want := []queryfile.Query{
		{ID: "1", Name: "Vladimir Putin", Schema: "Person", Country: "RU", BirthDate: "1952-10-07", Line: 2},
		{ID: "2", Name: "ACME, Inc.", Line: 4},
	}
	tests := []struct{ name, in string }{
		{"csv", "ID,Name,schema,country,birth_date,extra\n1,Vladimir Putin,Person,RU,1952-10-07,x\n\n2,\"ACME, Inc.\",,,,\n"},
		{"csv with BOM and CRLF", "\ufeffid,name,schema,country,birth_date\r\n1, Vladimir Putin ,Person,RU,1952-10-07\r\n\r\n2,\"ACME, Inc.\",,,\r\n"},
		{"jsonl", "\n" + `{"id":"1","name":"Vladimir Putin","schema":"Person","country":"RU","birth_date":"1952-10-07","other":[1]}` + "\n\n" + `{"id":2,"name":"ACME, Inc."}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			got, err := readAll(t, in)
			if err != nil {
				t.Fatal(err)
			}
			w := want
			if tt.name == "jsonl" {
				w = []queryfile.Query{want[0], want[1]}
				w[0].Line, w[1].Line = 2, 4
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
		})
	}
}

func TestReadQueriesErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		field    string
	}{
		{"empty", "  \n ", 1, ""},
		{"no name column", "id,label\n1,x\n", 1, "name"},
		{"empty name", "id,name\n1,x\n2, \n", 3, "name"},
		{"empty id", "id,name\n,x\n", 2, "id"},
		{"wrong column count", "id,name\n1,x,y\n", 2, ""},
		{"unterminated quote", "id,name\n1,\"x\n", 2, ""},
		{"broken json line", "{\"id\":\"1\",\"name\":\"x\"}\n{\"id\":\"2\",\"name\":", 2, ""},
		{"json name not a string", "{\"id\":\"1\",\"name\":5}\n", 1, "name"},
		{"json id an object", "{\"id\":{},\"name\":\"x\"}\n", 1, "id"},
		{"json missing id", "\n\n{\"name\":\"x\"}\n", 3, "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, tt.in)
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *probity.InputError", err)
			}
			if ie.File != "q" || ie.Line != tt.line || ie.Field != tt.field {
				t.Errorf("error %v: line %d field %q, want line %d field %q", err, ie.Line, ie.Field, tt.line, tt.field)
			}
		})
	}
}

func TestReadQueriesStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := queryfile.ReadQueries(strings.NewReader("id,name\n1,a\n2,b\n"), "q", func(queryfile.Query) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("err = %v after %d calls, want stop after 1", err, n)
	}
}
