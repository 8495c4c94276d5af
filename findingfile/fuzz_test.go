package findingfile_test

import (
	"errors"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/findingfile"
)

func FuzzParse(f *testing.F) {
	f.Add("f.yaml", []byte(goodYAML))
	f.Add("f.json", []byte(goodJSON))
	f.Add("-", []byte("- org: {name: A}\n  category: torture\n"))
	f.Add("f.yaml", []byte("a: &a [*a]\n"))
	f.Add("f.json", []byte(`{"findings": [1, {"org": null}]}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		got, err := findingfile.Parse(name, data)
		if err != nil {
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			return
		}
		for _, fi := range got {
			if err := fi.Finding.Validate(); err != nil {
				t.Fatalf("accepted an invalid finding: %v", err)
			}
			if fi.Org.Name == "" && len(fi.Org.Identifiers) == 0 {
				t.Fatal("accepted a finding without an organization")
			}
		}
	})
}
