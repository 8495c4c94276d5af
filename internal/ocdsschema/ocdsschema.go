// Package ocdsschema compiles the OCDS 1.1 record package schema from the
// local copies in ../shared/data/ocds/schema-1.1, for tests that validate
// what probity exports.
package ocdsschema

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/probity/probity/internal/shareddata"
)

// localLoader serves the OCDS schemas' remote URLs from the local copies.
type localLoader struct{ dir string }

func (l localLoader) Load(url string) (any, error) {
	const prefix = "https://standard.open-contracting.org/schema/1__1__5/"
	if !strings.HasPrefix(url, prefix) {
		return nil, fmt.Errorf("no local copy of %s", url)
	}
	f, err := os.Open(filepath.Join(l.dir, path.Base(url)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// RecordPackage returns the compiled record package schema, skipping tb
// when the shared data is absent.
func RecordPackage(tb testing.TB) *jsonschema.Schema {
	tb.Helper()
	dir := shareddata.Dir(tb, "ocds", "schema-1.1")
	c := jsonschema.NewCompiler()
	c.UseLoader(localLoader{dir})
	c.AssertFormat()
	s, err := c.Compile("https://standard.open-contracting.org/schema/1__1__5/record-package-schema.json")
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
