package ocds

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/jsonscan"
)

// Stats counts what a Reader found.
type Stats struct {
	Releases       int // releases passed to fn, of every origin
	LinkedReleases int // linked releases (a url only) skipped
	Records        int // records read
	Packages       int // release and record packages read
	Reconstructed  int // releases rebuilt from versioned releases
	CompiledOnly   int // records with only a compiledRelease, passed on as one release
}

// Reader reads OCDS data of any shape. The zero value is ready to use.
type Reader struct {
	// DefaultVersion is the OCDS version of data that gives none (no
	// package `version`, no `version` in the release): "" means "1.0", as
	// OCDS says.
	DefaultVersion string
	// Stats is updated as Read goes.
	Stats Stats
	// Skip, if set, is offered each bad release whose extent is known (no
	// ocid, id or date, values of the wrong type, not an object): when it
	// returns true the release is skipped and reading goes on (probity
	// ingest --skip-invalid). Errors in the structure around releases (a
	// truncated package, a missing ',') always stop the read, as what
	// follows them cannot be trusted.
	Skip func(*probity.InputError) bool
}

// Read reads OCDS data from r with a zero Reader; see Reader.Read.
func Read(ctx context.Context, r io.Reader, name string, fn func(probity.Release) error) error {
	var rd Reader
	return rd.Read(ctx, r, name, fn)
}

// Read streams every release in r to fn, in input order. It accepts a
// release package, a record package, a record, a release (including a
// compiled release) or a versioned release, each as one JSON value, a JSON
// array of them, concatenated JSON or JSON Lines. Records pass on their
// embedded releases; linked releases (a url only) are skipped and
// counted; a record with no embedded releases passes on the releases
// rebuilt from its versionedRelease (see Reconstruct), or else its
// compiledRelease as one release.
//
// Memory stays flat: at most one top-level value is held, except that a
// package larger than 4 MiB is streamed element by element. Release.Version
// is the package's `version` (even when it follows the releases array),
// else the release's own `version`, else DefaultVersion, else "1.0";
// normalised to "1.0" or "1.1". Release.Source is "name:line" for a
// top-level release and "name#n" (the nth release of the file) for
// releases inside arrays, packages and records.
//
// Every release must be an object with a string `ocid` and `date` and a
// string (or number) `id`. Bad input stops the read with a
// *probity.InputError naming the file, the line where the value starts,
// the element number and the JSON path (e.g. "records[3].releases[0].date").
// An error returned by fn is returned as is.
func (rd *Reader) Read(ctx context.Context, r io.Reader, name string, fn func(probity.Release) error) error {
	st := &reading{ctx: ctx, name: name, fn: fn, rd: rd}
	s := jsonscan.NewScanner(r)
	for {
		c, ok := s.Peek()
		if !ok {
			if s.Err() != nil {
				var ie *probity.InputError
				if errors.As(s.Err(), &ie) {
					return ie // already names the file and line (e.g. not UTF-8)
				}
				return &probity.InputError{File: name, Line: s.Line(), Reason: "read error: " + s.Err().Error(), Err: s.Err()}
			}
			return nil
		}
		var err error
		switch c {
		case '{':
			err = st.topObject(s)
		case '[':
			err = st.topArray(s)
		default:
			err = st.fail(s.Line(), 0, "", "expected a JSON object or array (an OCDS release, record or package), found "+strconv.QuoteRune(rune(c)), nil)
		}
		if err != nil {
			return err
		}
	}
}

type reading struct {
	ctx  context.Context
	name string
	fn   func(probity.Release) error
	rd   *Reader
}

func (st *reading) fail(line, rec int, path, reason string, err error) error {
	return &probity.InputError{File: st.name, Line: line, Record: rec, Field: path, Reason: reason, Err: err}
}

// syntax turns a JSON syntax error in data (which starts at line) into an
// InputError.
func (st *reading) syntax(err error, data []byte, line, rec int, path string) error {
	var se *jsonscan.SyntaxError
	if !errors.As(err, &se) {
		if errors.Is(err, jsonscan.ErrTruncated) {
			return st.fail(line, rec, path, err.Error(), err)
		}
		return st.fail(line, rec, path, err.Error(), err)
	}
	off := se.Off
	if off > len(data) {
		off = len(data)
	}
	l := line + bytes.Count(data[:off], []byte{'\n'})
	return st.fail(l, rec, join(path, se.Path), "invalid JSON: "+se.Msg, err)
}

// join appends a path segment (".key" or "[i]") to a JSON path.
func join(path, seg string) string {
	if path == "" && len(seg) > 0 && seg[0] == '.' {
		return seg[1:]
	}
	return path + seg
}

func itoa(i int) string { return strconv.Itoa(i) }

// topArray streams the elements of a top-level array.
func (st *reading) topArray(s *jsonscan.Scanner) error {
	startLine := s.Line()
	s.Advance() // '['
	for i := 0; ; i++ {
		c, ok := s.Peek()
		if !ok {
			return st.fail(startLine, 0, "", jsonscan.ErrTruncated.Error(), jsonscan.ErrTruncated)
		}
		if c == ']' && i == 0 {
			s.Advance()
			return nil
		}
		if i > 0 {
			switch c {
			case ']':
				s.Advance()
				return nil
			case ',':
				s.Advance()
			default:
				return st.fail(s.Line(), i, "["+itoa(i)+"]", "expected ',' or ']' between array elements", nil)
			}
		}
		line := s.Line()
		from, to, err := s.Next()
		if err != nil {
			return st.fail(line, i+1, "["+itoa(i)+"]", err.Error(), err)
		}
		if err := st.value(s.Slice(from, to), "["+itoa(i)+"]", line, i+1, "", false); err != nil {
			return err
		}
	}
}

// wholeLimit is the size up to which a top-level object is read whole;
// larger ones are streamed member by member.
const wholeLimit = 4 << 20

// topObject reads one top-level object: whole if it is small, else member
// by member, streaming its releases or records array.
func (st *reading) topObject(s *jsonscan.Scanner) error {
	startLine := s.Line()
	from := s.Offset()
	_, to, err := s.NextWithin(wholeLimit)
	if err == nil {
		return st.value(s.Slice(from, to), "", startLine, 0, "", true)
	}
	if !errors.Is(err, jsonscan.ErrTooBig) {
		return st.fail(startLine, 0, "", err.Error(), err)
	}
	// Rewind: every byte from the object's start is still in the buffer.
	s.Rewind(from, startLine)
	return st.streamObject(s)
}

type pkgState struct {
	version    string
	hasVersion bool
	compiled   []byte
	versioned  []byte
	arrays     []string // keys of the streamed arrays
	embedded   int
	linked     int
	pending    pending
	line       int
}

func (st *reading) streamObject(s *jsonscan.Scanner) error {
	pk := &pkgState{line: s.Line()}
	defer pk.pending.close()
	s.Advance() // '{'
	for first := true; ; first = false {
		c, ok := s.Peek()
		if !ok {
			return st.fail(pk.line, 0, "", jsonscan.ErrTruncated.Error(), jsonscan.ErrTruncated)
		}
		if c == '}' {
			s.Advance()
			break
		}
		if !first {
			if c != ',' {
				return st.fail(s.Line(), 0, "", "invalid JSON: expected ',' or '}' in object", nil)
			}
			s.Advance()
			c, _ = s.Peek()
		}
		line := s.Line()
		if c != '"' {
			return st.fail(line, 0, "", "invalid JSON: expected a string key in object", nil)
		}
		kf, kt, err := s.Next()
		if err != nil {
			return st.fail(line, 0, "", err.Error(), err)
		}
		key, err := jsonscan.Unquote(s.Slice(kf, kt))
		if err != nil {
			return st.fail(line, 0, "", "invalid JSON: bad object key", err)
		}
		if !s.Expect(':') {
			return st.fail(s.Line(), 0, join("", jsonscan.PathKey(key)), "invalid JSON: expected ':' after object key", nil)
		}
		c, _ = s.Peek()
		if (key == "releases" || key == "records") && c == '[' {
			pk.arrays = append(pk.arrays, key)
			if err := st.streamArray(s, key, pk); err != nil {
				return err
			}
			continue
		}
		line = s.Line()
		vf, vt, err := s.Next()
		if err != nil {
			return st.fail(line, 0, join("", jsonscan.PathKey(key)), err.Error(), err)
		}
		val := s.Slice(vf, vt)
		if err := jsonscan.Valid(val); err != nil {
			return st.syntax(err, val, line, 0, join("", jsonscan.PathKey(key)))
		}
		switch key {
		case "version":
			v := jsonscan.Value{Kind: jsonscan.KindOf(val[0]), Raw: val}
			if sv, ok := v.Str(); ok {
				pk.version, pk.hasVersion = NormalizeVersion(sv), true
				if err := st.drain(pk); err != nil {
					return err
				}
			}
		case "compiledRelease":
			pk.compiled = append([]byte(nil), val...)
		case "versionedRelease":
			pk.versioned = append([]byte(nil), val...)
		}
	}
	if err := st.drain(pk); err != nil {
		return err
	}
	isRecord := pk.compiled != nil || pk.versioned != nil
	for _, a := range pk.arrays {
		if a == "records" {
			isRecord = false
		}
	}
	if !isRecord {
		st.rd.Stats.Packages++
		return nil
	}
	st.rd.Stats.Records++
	return st.recordFallback(pk.embedded, pk.linked, pk.compiled, pk.versioned, "", pk.line, 0, st.versionOr(pk.version))
}

// streamArray reads the elements of a package's releases or records array
// one by one.
func (st *reading) streamArray(s *jsonscan.Scanner, key string, pk *pkgState) error {
	s.Advance() // '['
	for i := 0; ; i++ {
		c, ok := s.Peek()
		if !ok {
			return st.fail(pk.line, 0, key, jsonscan.ErrTruncated.Error(), jsonscan.ErrTruncated)
		}
		if c == ']' {
			s.Advance()
			return nil
		}
		if i > 0 {
			if c != ',' {
				return st.fail(s.Line(), i, key+"["+itoa(i)+"]", "invalid JSON: expected ',' or ']' in array", nil)
			}
			s.Advance()
		}
		line := s.Line()
		from, to, err := s.Next()
		path := key + "[" + itoa(i) + "]"
		if err != nil {
			return st.fail(line, i+1, path, err.Error(), err)
		}
		elem := s.Slice(from, to)
		if !pk.hasVersion {
			if err := pk.pending.add(elem, i, line); err != nil {
				return st.fail(line, i+1, path, err.Error(), err)
			}
			continue
		}
		if err := st.element(key, elem, i, line, pk); err != nil {
			return err
		}
	}
}

func (st *reading) drain(pk *pkgState) error {
	key := "releases"
	if len(pk.arrays) > 0 {
		key = pk.arrays[len(pk.arrays)-1]
	}
	return pk.pending.drain(func(data []byte, index, line int) error {
		return st.element(key, data, index, line, pk)
	})
}

func (st *reading) element(key string, elem []byte, i, line int, pk *pkgState) error {
	path := key + "[" + itoa(i) + "]"
	ver := st.versionOr(pk.version)
	if key == "records" {
		return st.record(elem, path, line, i+1, ver, true)
	}
	linked, err := st.packageRelease(elem, path, line, i+1, ver, true)
	if linked {
		pk.linked++
	} else {
		pk.embedded++
	}
	return err
}

// versionOr returns the explicit version v, else the Reader's default.
func (st *reading) versionOr(v string) string {
	if v != "" {
		return v
	}
	return st.rd.DefaultVersion
}

// objInfo is what skim learned about an object.
type objInfo struct {
	ocid, id, date                 bool
	ocidM, idM, dateM              jsonscan.Member // the members' values, when present
	version                        string
	releases, records              []byte
	compiled, versioned            []byte
	url                            bool
	releasesKind, recordsKind      jsonscan.Kind
	hasReleases, hasRecords, isObj bool
}

func (st *reading) inspect(data []byte, line, rec int, path string) (objInfo, error) {
	var in objInfo
	err := jsonscan.SkimObject(data, func(m *jsonscan.Member) error {
		switch m.Key() {
		case "ocid":
			in.ocid, in.ocidM = true, *m
		case "id":
			in.id, in.idM = true, *m
		case "date":
			in.date, in.dateM = true, *m
		case "url":
			in.url = true
		case "version":
			in.version, _ = m.Str()
		case "releases":
			in.releases, in.releasesKind, in.hasReleases = m.Val, m.Kind, true
		case "records":
			in.records, in.recordsKind, in.hasRecords = m.Val, m.Kind, true
		case "compiledRelease":
			in.compiled = m.Val
		case "versionedRelease":
			in.versioned = m.Val
		}
		return nil
	})
	if errors.Is(err, jsonscan.ErrNotObject) {
		return in, st.fail(line, rec, path, "expected a JSON object (an OCDS release, record or package)", nil)
	}
	if err != nil {
		return in, st.syntax(err, data, line, rec, path)
	}
	in.isObj = true
	return in, nil
}

// value handles one complete JSON value of any OCDS shape. top says it is
// a top-level value (its releases get "name:line" sources).
func (st *reading) value(data []byte, path string, line, rec int, version string, top bool) error {
	in, err := st.inspect(data, line, rec, path)
	if err != nil {
		return err
	}
	if in.version != "" {
		version = NormalizeVersion(in.version)
	}
	switch {
	case in.hasRecords:
		if in.recordsKind != jsonscan.Array {
			return st.fail(line, rec, join(path, ".records"), "records must be an array", nil)
		}
		st.rd.Stats.Packages++
		return jsonscan.SkimArray(in.records, func(i int, elem []byte) error {
			return st.record(elem, join(path, ".records["+itoa(i)+"]"), line, i+1, st.versionOr(version), false)
		})
	case in.hasReleases && (in.compiled != nil || in.versioned != nil || (in.ocid && !in.date)):
		return st.record(data, path, line, rec, st.versionOr(version), false)
	case in.hasReleases:
		if in.releasesKind != jsonscan.Array {
			return st.fail(line, rec, join(path, ".releases"), "releases must be an array", nil)
		}
		st.rd.Stats.Packages++
		return jsonscan.SkimArray(in.releases, func(i int, elem []byte) error {
			_, err := st.packageRelease(elem, join(path, ".releases["+itoa(i)+"]"), line, i+1, st.versionOr(version), false)
			return err
		})
	case in.date || in.id:
		return st.emit(data, &in, path, line, rec, version, top)
	case in.ocid && in.versioned == nil:
		return st.versionedRelease(data, path, line, rec, st.versionOr(version))
	}
	return st.fail(line, rec, path, "not an OCDS release, record or package: it has no ocid, releases or records", nil)
}

// packageRelease handles one element of a releases array: an embedded
// release, or a linked release (skipped and counted).
func (st *reading) packageRelease(elem []byte, path string, line, rec int, version string, _ bool) (linked bool, err error) {
	in, err := st.inspect(elem, line, rec, path)
	if err != nil {
		return false, err
	}
	if in.url && !in.ocid {
		st.rd.Stats.LinkedReleases++
		return true, nil
	}
	return false, st.emit(elem, &in, path, line, rec, version, false)
}

// record handles one record: its embedded releases, else its versioned
// or compiled release.
func (st *reading) record(data []byte, path string, line, rec int, version string, _ bool) error {
	in, err := st.inspect(data, line, rec, path)
	if err != nil {
		return err
	}
	st.rd.Stats.Records++
	embedded, linked := 0, 0
	if in.hasReleases {
		if in.releasesKind != jsonscan.Array {
			return st.fail(line, rec, join(path, ".releases"), "releases must be an array", nil)
		}
		err := jsonscan.SkimArray(in.releases, func(i int, elem []byte) error {
			l, err := st.packageRelease(elem, join(path, ".releases["+itoa(i)+"]"), line, rec, version, false)
			if l {
				linked++
			} else {
				embedded++
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	return st.recordFallback(embedded, linked, in.compiled, in.versioned, path, line, rec, version)
}

func (st *reading) recordFallback(embedded, linked int, compiled, versioned []byte, path string, line, rec int, version string) error {
	switch {
	case embedded > 0:
		return nil
	case versioned != nil:
		return st.versionedRelease(versioned, join(path, ".versionedRelease"), line, rec, version)
	case compiled != nil:
		st.rd.Stats.CompiledOnly++
		return st.release(compiled, join(path, ".compiledRelease"), line, rec, version, false)
	case linked > 0:
		return nil
	}
	return st.fail(line, rec, path, "record has no releases, compiledRelease or versionedRelease", nil)
}

// versionedRelease rebuilds releases from a versioned release.
func (st *reading) versionedRelease(data []byte, path string, line, rec int, version string) error {
	v, err := jsonscan.Parse(data, memberNames())
	if err != nil {
		return st.syntax(err, data, line, rec, path)
	}
	rels, err := reconstruct(&v)
	if err != nil {
		return st.fail(line, rec, path, err.Error(), err)
	}
	for _, r := range rels {
		st.rd.Stats.Reconstructed++
		if err := st.release(r, path, line, rec, version, false); err != nil {
			return err
		}
	}
	return nil
}

// release checks one release and passes it to fn.
func (st *reading) release(data []byte, path string, line, rec int, version string, top bool) error {
	in, err := st.inspect(data, line, rec, path)
	if err != nil {
		return st.skippable(err)
	}
	return st.emit(data, &in, path, line, rec, version, top)
}

// skippable returns nil for a bad release that Reader.Skip takes, err
// otherwise.
func (st *reading) skippable(err error) error {
	var ie *probity.InputError
	if st.rd.Skip != nil && errors.As(err, &ie) && st.rd.Skip(ie) {
		return nil
	}
	return err
}

// emit checks the ocid, id and date of a release already inspected and
// passes it to fn.
func (st *reading) emit(data []byte, in *objInfo, path string, line, rec int, version string, top bool) error {
	ocid, ok := in.ocidM.Str()
	if !in.ocid || !ok || ocid == "" {
		if in.ocid && in.ocidM.Kind != jsonscan.String {
			return st.skippable(st.fail(line, rec, join(path, ".ocid"), "ocid must be a string", nil))
		}
		return st.skippable(st.fail(line, rec, join(path, ".ocid"), "release has no ocid", nil))
	}
	var id string
	switch in.idM.Kind {
	case jsonscan.String:
		id, _ = in.idM.Str()
	case jsonscan.Number:
		id = string(in.idM.Val)
	default:
		if in.id {
			return st.skippable(st.fail(line, rec, join(path, ".id"), "id must be a string", nil))
		}
	}
	if id == "" {
		return st.skippable(st.fail(line, rec, join(path, ".id"), "release has no id", nil))
	}
	date, ok := in.dateM.Str()
	if !in.date || !ok || date == "" {
		if in.date && in.dateM.Kind != jsonscan.String {
			return st.skippable(st.fail(line, rec, join(path, ".date"), "date must be a string", nil))
		}
		return st.skippable(st.fail(line, rec, join(path, ".date"), "release has no date", nil))
	}
	if version == "" {
		version = in.version
		if version == "" {
			version = st.rd.DefaultVersion
		}
	}
	st.rd.Stats.Releases++
	src := st.name + "#" + itoa(st.rd.Stats.Releases)
	if top {
		src = st.name + ":" + itoa(line)
	}
	if st.rd.Stats.Releases%1024 == 0 && st.ctx != nil {
		if err := st.ctx.Err(); err != nil {
			return err
		}
	}
	return st.fn(probity.Release{
		OCID:    ocid,
		ID:      id,
		Date:    date,
		Version: NormalizeVersion(version),
		Raw:     append([]byte(nil), data...),
		Source:  src,
	})
}
