package jsonscan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/probity/probity/internal/jsonscan"
)

func TestParseKeepsScalarsAndOrder(t *testing.T) {
	for _, in := range []string{
		`{"b":1.50e3,"a":"caf\u00e9","c":[true,null,-0.0]}`,
		`[ {"x" : {}} , [] , "\"q\"" ]`,
		`{"dup":1,"dup":2}`,
		`"\ud83d\ude00"`,
	} {
		v, err := jsonscan.Parse([]byte(in), nil)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		var want bytes.Buffer
		if err := json.Compact(&want, []byte(in)); err != nil {
			t.Fatal(err)
		}
		if got := jsonscan.AppendValue(nil, &v); string(got) != want.String() {
			t.Errorf("%s: written back as %s, want %s", in, got, want.String())
		}
	}
}

func TestGetAndStr(t *testing.T) {
	v, err := jsonscan.Parse([]byte(`{"name":"a\nb","name":"last","n":3}`), jsonscan.Names{"name": "name"})
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := v.Get("name").Str(); !ok || s != "last" {
		t.Errorf("Get(name) = %q %v, want the last duplicate", s, ok)
	}
	if _, ok := v.Get("n").Str(); ok {
		t.Error("a number read as a string")
	}
	if v.Get("none") != nil || v.Get("n").Get("x") != nil {
		t.Error("Get of a missing member or of a non-object is not nil")
	}
}

func TestSyntaxErrorPath(t *testing.T) {
	for _, tc := range []struct{ in, path string }{
		{`{"a":[1,{"b":tru}]}`, `.a[1].b`},
		{`{"a b":[1,2,}`, `["a b"][2]`},
		{`{"a":{"b":[1,2,x]}}`, `.a.b[2]`},
	} {
		_, err := jsonscan.Parse([]byte(tc.in), nil)
		var se *jsonscan.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("%s: error %v, want a *SyntaxError", tc.in, err)
		}
		if se.Path != tc.path {
			t.Errorf("%s: path %q, want %q (%s)", tc.in, se.Path, tc.path, se.Msg)
		}
	}
}

func TestParseSelectSkipsWhatIsNotNamed(t *testing.T) {
	v, err := jsonscan.ParseSelect([]byte(`{"keep":{"a":1,"b":2},"drop":[1,2,3],"all":{"x":[1]}}`),
		jsonscan.Selector{"keep": {"a": nil}, "all": nil}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(jsonscan.AppendValue(nil, &v)); got != `{"keep":{"a":1},"all":{"x":[1]}}` {
		t.Errorf("selected %s", got)
	}
	if _, err := jsonscan.ParseSelect([]byte(`{"drop":[1,}`), jsonscan.Selector{"keep": nil}, nil); err == nil {
		t.Error("a skipped member is not validated")
	}
}

func TestSkim(t *testing.T) {
	var keys []string
	err := jsonscan.SkimObject([]byte(`{"a":"x","b\u0063":[1,2],"d":{}}`), func(m *jsonscan.Member) error {
		keys = append(keys, m.Key())
		return nil
	})
	if err != nil || strings.Join(keys, ",") != "a,bc,d" {
		t.Fatalf("keys %v, error %v", keys, err)
	}
	if err := jsonscan.SkimObject([]byte(`[1]`), func(*jsonscan.Member) error { return nil }); err != jsonscan.ErrNotObject {
		t.Errorf("an array: error %v, want ErrNotObject", err)
	}
	var elems []string
	if err := jsonscan.SkimArray([]byte(`[1, "two" ,{"3":3}]`), func(i int, e []byte) error {
		elems = append(elems, string(e))
		return nil
	}); err != nil || strings.Join(elems, "|") != `1|"two"|{"3":3}` {
		t.Fatalf("elements %q, error %v", elems, err)
	}
}

// TestScannerCutsStream: a stream of concatenated values is cut into
// values, with their lines, across buffer refills.
func TestScannerCutsStream(t *testing.T) {
	big := `{"s":"` + strings.Repeat("x", 600<<10) + `"}`
	in := "{\"a\":1}\n[1,\n2]\n" + big + "\n\"str\" 42"
	s := jsonscan.NewScanner(iotestHalf(strings.NewReader(in)))
	var got []string
	var lines []int
	for {
		if _, ok := s.Peek(); !ok {
			break
		}
		lines = append(lines, s.Line())
		from, to, err := s.Next()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(s.Slice(from, to)))
	}
	want := []string{`{"a":1}`, "[1,\n2]", big, `"str"`, "42"}
	if len(got) != len(want) {
		t.Fatalf("%d values, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d: %.40q…, want %.40q…", i, got[i], want[i])
		}
	}
	if wantLines := []int{1, 2, 4, 5, 5}; !equalInts(lines, wantLines) {
		t.Errorf("lines %v, want %v", lines, wantLines)
	}
	s = jsonscan.NewScanner(strings.NewReader(`{"a":[1,2`))
	if _, _, err := s.Next(); !errors.Is(err, jsonscan.ErrTruncated) {
		t.Errorf("truncated: error %v", err)
	}
}

func TestScannerRewindAfterTooBig(t *testing.T) {
	in := `{"releases":[` + strings.Repeat(`{"id":"x"},`, 100000) + `{"id":"y"}]}`
	s := jsonscan.NewScanner(strings.NewReader(in))
	start := s.Offset()
	if _, _, err := s.NextWithin(100); !errors.Is(err, jsonscan.ErrTooBig) {
		t.Fatalf("NextWithin(100): error %v, want ErrTooBig", err)
	}
	s.Rewind(start, 1)
	from, to, err := s.Next()
	if err != nil || string(s.Slice(from, to)) != in {
		t.Fatalf("after Rewind: %v", err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// iotestHalf reads at most half of what is asked each time, so that values
// straddle reads.
func iotestHalf(r io.Reader) io.Reader { return halfReader{r} }

type halfReader struct{ r io.Reader }

func (h halfReader) Read(p []byte) (int, error) { return h.r.Read(p[:(len(p)+1)/2]) }

// FuzzParse: Parse accepts what encoding/json accepts (within its depth
// limit), writes it back as json.Compact does, and never panics; Valid
// agrees with Parse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `"\u00e9\n"`, `-1.5e-3`, `[`, `{"a":}`, `"\ud800"`, `[1,]`, "\"\x01\"", `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := jsonscan.Parse(data, nil)
		if verr := jsonscan.Valid(data); (verr == nil) != (err == nil) {
			t.Fatalf("Valid says %v, Parse %v", verr, err)
		}
		std := json.Valid(data)
		if err != nil {
			if std && utf8.Valid(data) && bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) < 500 {
				t.Fatalf("encoding/json accepts %q, Parse says %v", data, err)
			}
			return
		}
		if !std {
			t.Fatalf("Parse accepts %q, encoding/json does not", data)
		}
		var want bytes.Buffer
		if err := json.Compact(&want, data); err != nil {
			t.Fatal(err)
		}
		if got := jsonscan.AppendValue(nil, &v); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%q written back as %q, want %q", data, got, want.Bytes())
		}
		if _, dup, _ := jsonscan.ParseDup(data, nil); !dup && !jsonscan.Equal(&v, &v) {
			t.Fatal("a value is not Equal to itself")
		}
	})
}
