package ocds

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/probity/probity/internal/jsonscan"
)

// PackageMeta is the metadata of a written record package.
type PackageMeta struct {
	URI           string    // required by the schema; "" becomes "urn:probity:export"
	PublishedDate time.Time // zero means now
	Publisher     string    // publisher name; "" becomes "probity"
	// Members are extra members of the package, written after "version"
	// (OCDS allows additional properties: an extension's fields, such as
	// the transparency-log checkpoint an export was made at).
	Members []Member
}

// Member is one extra JSON member: a name that no OCDS field of the
// object has, and a JSON value.
type Member struct {
	Name  string
	Value json.RawMessage
}

// ExportOptions choose what each record carries besides its releases.
type ExportOptions struct {
	Compiled  bool // add compiledRelease
	Versioned bool // add versionedRelease
	// RecordMembers, if set, returns extra members of the record of ocid,
	// written after its releases (an extension's fields, such as where
	// the record's contract sits in a transparency log).
	RecordMembers func(ocid string) ([]Member, error)
}

// NextRecord returns the next contracting process to write: its ocid, its
// releases (verbatim) and their OCDS version ("1.0" or "1.1", which picks
// the merge rules). ok is false when there are no more.
type NextRecord func() (ocid string, releases []json.RawMessage, version string, ok bool, err error)

// WriteRecordPackage streams an OCDS 1.1 record package to w: uri,
// publishedDate, publisher, version "1.1" and one record per process, each
// with its releases embedded verbatim in date order and, as opts say, its
// compiledRelease and versionedRelease. Only one process is held at a time.
func WriteRecordPackage(w io.Writer, meta PackageMeta, next NextRecord, opts ExportOptions) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if meta.URI == "" {
		meta.URI = "urn:probity:export"
	}
	if meta.Publisher == "" {
		meta.Publisher = "probity"
	}
	if meta.PublishedDate.IsZero() {
		meta.PublishedDate = time.Now()
	}
	b := []byte(`{"uri":`)
	b = jsonscan.AppendQuoted(b, meta.URI)
	b = append(b, `,"publishedDate":`...)
	b = jsonscan.AppendQuoted(b, meta.PublishedDate.UTC().Format(time.RFC3339))
	b = append(b, `,"publisher":{"name":`...)
	b = jsonscan.AppendQuoted(b, meta.Publisher)
	b = append(b, `},"version":"1.1"`...)
	b, err := appendMembers(b, meta.Members)
	if err != nil {
		return fmt.Errorf("package: %w", err)
	}
	b = append(b, `,"records":[`...)
	if _, err := bw.Write(b); err != nil {
		return err
	}
	for n := 0; ; n++ {
		ocid, releases, version, ok, err := next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		rec, err := appendRecord(b[:0], ocid, releases, version, opts)
		if err != nil {
			return fmt.Errorf("record %s: %w", ocid, err)
		}
		if n > 0 {
			if err := bw.WriteByte(','); err != nil {
				return err
			}
		}
		if _, err := bw.Write(rec); err != nil {
			return err
		}
		b = rec
	}
	if _, err := bw.WriteString("]}\n"); err != nil {
		return err
	}
	return bw.Flush()
}

func appendRecord(b []byte, ocid string, releases []json.RawMessage, version string, opts ExportOptions) ([]byte, error) {
	if len(releases) == 0 {
		return nil, errors.New("no releases")
	}
	dates := make([]string, len(releases))
	order := make([]int, len(releases))
	for i, r := range releases {
		err := jsonscan.SkimObject(r, func(m *jsonscan.Member) error {
			if m.Is("date") {
				dates[i], _ = m.Str()
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("release %d: not a valid JSON object: %w", i+1, err)
		}
		order[i] = i
	}
	sortByDate(dates, order)
	b = append(b, `{"ocid":`...)
	b = jsonscan.AppendQuoted(b, ocid)
	b = append(b, `,"releases":[`...)
	for i, j := range order {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, releases[j]...)
	}
	b = append(b, ']')
	if opts.RecordMembers != nil {
		ms, err := opts.RecordMembers(ocid)
		if err != nil {
			return nil, err
		}
		if b, err = appendMembers(b, ms); err != nil {
			return nil, err
		}
	}
	rules := RulesFor(version)
	if opts.Compiled {
		c, err := Compile(rules, releases)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"compiledRelease":`...)
		b = append(b, c...)
	}
	if opts.Versioned {
		v, err := Versioned(rules, releases)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"versionedRelease":`...)
		b = append(b, v...)
	}
	return append(b, '}'), nil
}

// appendMembers appends ,"name":value for each member; a value that is
// not one valid JSON value is an error naming the member, found before
// anything of the object is written.
func appendMembers(b []byte, ms []Member) ([]byte, error) {
	for _, m := range ms {
		if m.Name == "" || !json.Valid(m.Value) {
			return nil, fmt.Errorf("extra member %q: no name or not a JSON value", m.Name)
		}
		b = append(b, ',')
		b = jsonscan.AppendQuoted(b, m.Name)
		b = append(b, ':')
		b = append(b, m.Value...)
	}
	return b, nil
}
