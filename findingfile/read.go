package findingfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/probity/probity"
)

// OrgSelector names the organization a finding is about: by name, by
// identifiers (org-id.guide schemes such as US-UEI), or both. The store
// resolves it to an organization id.
type OrgSelector struct {
	Name        string               `json:"name,omitempty"`
	Identifiers []probity.Identifier `json:"identifiers,omitempty"`
}

// FindingInput is one imported finding: the organization it is about and
// the finding itself (ID and OrgID zero, for the store to assign). Line and
// Record locate it in its file.
type FindingInput struct {
	Org     OrgSelector
	Finding probity.Finding
	File    string
	Record  int // 1-based
	Line    int // 1-based, 0 if unknown
}

// record is one finding as written in a file.
type record struct {
	Org          *OrgSelector `json:"org"`
	Category     string       `json:"category"`
	LegalBasis   []legalBasis `json:"legal_basis"`
	Status       string       `json:"status"`
	Severity     string       `json:"severity"`
	Period       period       `json:"period"`
	Sources      []source     `json:"sources"`
	Author       string       `json:"author"`
	Summary      string       `json:"summary"`
	Confidential bool         `json:"confidential"`
}

type legalBasis struct {
	Instrument string     `json:"instrument"`
	Article    flexString `json:"article"`
}

type period struct {
	Start flexString `json:"start"`
	End   flexString `json:"end"`
}

type source struct {
	Publisher string     `json:"publisher"`
	Title     string     `json:"title"`
	Date      flexString `json:"date"`
	URL       string     `json:"url"`
}

// flexString accepts a string or a number, so that YAML such as
// "article: 9" or "date: 2018" reads as text.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
		return nil
	}
	if string(b) == "null" {
		*s = ""
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return errors.New("want a string or a number")
	}
	*s = flexString(n.String())
	return nil
}

// ReadFile imports the findings of one file; the format follows the
// extension (.json, or .yaml/.yml), or the content when the extension is
// neither.
func ReadFile(path string) ([]FindingInput, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &probity.InputError{File: path, Reason: err.Error(), Err: err}
	}
	return Parse(path, data)
}

// Read imports findings from r; name labels it in errors and selects the
// format as in ReadFile ("-" for standard input sniffs the content).
func Read(name string, r io.Reader) ([]FindingInput, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &probity.InputError{File: name, Reason: err.Error(), Err: err}
	}
	return Parse(name, data)
}

// Parse imports findings from data. name labels the data in errors and
// selects the format by extension; otherwise data starting with '[' or '{'
// is JSON and anything else YAML. Either all records are valid and all are
// returned, or the first error is.
func Parse(name string, data []byte) ([]FindingInput, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return parseJSON(name, data)
	case ".yaml", ".yml":
		return parseYAML(name, data)
	}
	if t := bytes.TrimLeft(data, " \t\r\n\ufeff"); len(t) > 0 && (t[0] == '[' || t[0] == '{') {
		return parseJSON(name, data)
	}
	return parseYAML(name, data)
}

// decodeRecord decodes one record's JSON strictly and validates it.
func decodeRecord(file string, index, line int, raw []byte) (FindingInput, error) {
	fail := func(field, reason string, err error) (FindingInput, error) {
		return FindingInput{}, &probity.InputError{File: file, Line: line, Record: index, Field: field, Reason: reason, Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var rec record
	if err := dec.Decode(&rec); err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te):
			if te.Field == "" {
				return fail("", "a finding must be an object, not "+te.Value, err)
			}
			return fail(te.Field, "want "+describeType(te.Type.String())+", not "+te.Value, err)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			f, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
			return fail(f, "unknown field", err)
		}
		return fail("", err.Error(), err)
	}
	if rec.Org == nil {
		return fail("org", "is required: {name: …, identifiers: [{scheme: …, id: …}]}", nil)
	}
	if strings.TrimSpace(rec.Org.Name) == "" && len(rec.Org.Identifiers) == 0 {
		return fail("org", "needs a name or at least one identifier", nil)
	}
	for i, id := range rec.Org.Identifiers {
		if strings.TrimSpace(id.Scheme) == "" {
			return fail(fmt.Sprintf("org.identifiers[%d].scheme", i), "is required", nil)
		}
		if strings.TrimSpace(id.ID) == "" {
			return fail(fmt.Sprintf("org.identifiers[%d].id", i), "is required", nil)
		}
	}
	f := probity.Finding{
		Category:     rec.Category,
		Status:       rec.Status,
		Severity:     rec.Severity,
		Period:       probity.Period{Start: string(rec.Period.Start), End: string(rec.Period.End)},
		Author:       rec.Author,
		Summary:      rec.Summary,
		Confidential: rec.Confidential,
	}
	for _, lb := range rec.LegalBasis {
		f.LegalBasis = append(f.LegalBasis, probity.LegalBasis{Instrument: lb.Instrument, Article: string(lb.Article)})
	}
	for _, s := range rec.Sources {
		f.Sources = append(f.Sources, probity.Source{Publisher: s.Publisher, Title: s.Title, Date: string(s.Date), URL: s.URL})
	}
	if err := f.Validate(); err != nil {
		var ie *probity.InputError
		if errors.As(err, &ie) {
			return fail(ie.Field, ie.Reason, err)
		}
		return fail("", err.Error(), err)
	}
	return FindingInput{Org: *rec.Org, Finding: f, File: file, Record: index, Line: line}, nil
}

func describeType(t string) string {
	switch t {
	case "string", "findingfile.flexString":
		return "a string"
	case "bool":
		return "true or false"
	}
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "*"), strings.HasPrefix(t, "findingfile."), strings.HasPrefix(t, "probity."):
		return "an object"
	}
	return t
}
