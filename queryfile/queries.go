package queryfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// Query is one row of a batch screening file.
type Query struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Schema    string `json:"schema,omitempty"`
	Country   string `json:"country,omitempty"`
	BirthDate string `json:"birth_date,omitempty"`
	Address   string `json:"address,omitempty"`
	Line      int    `json:"-"` // 1-based line of the row in the file
}

// ReadQueries reads a batch query file and calls fn for each query, in
// order. The file is CSV with a header naming id and name (optional
// schema, country, birth_date, address; other columns are ignored), or JSON Lines
// with the same fields (detected by a first non-space byte of '{'). id
// and name must be non-empty; a JSON id may be a number. An error from fn
// stops the reading and is returned as is.
func ReadQueries(r io.Reader, name string, fn func(Query) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	first, skipped, err := firstByte(br)
	if err != nil {
		return inputErr(name, 0, "", "read: "+err.Error(), err)
	}
	if first == 0 {
		return inputErr(name, 1, "", "empty file: want a CSV header with id,name or JSON Lines", nil)
	}
	// Put the leading space back so that line numbers stay right.
	rest := bufio.NewReaderSize(io.MultiReader(bytes.NewReader(skipped), br), 64<<10)
	if first == '{' {
		return readQueriesJSON(rest, name, fn)
	}
	return readQueriesCSV(rest, name, fn)
}

// firstByte reads up to the first byte that is not white space or a byte
// order mark and returns it (0 for an empty input), with one "\n" for each
// line it skipped; that byte itself is left in br.
func firstByte(br *bufio.Reader) (byte, []byte, error) {
	var skipped []byte
	for {
		r, _, err := br.ReadRune()
		if err == io.EOF {
			return 0, skipped, nil
		}
		if err != nil {
			return 0, skipped, err
		}
		if r == '\ufeff' || unicode.IsSpace(r) {
			if r == '\n' {
				skipped = append(skipped, '\n') // keeps line numbers; csv skips empty lines
			}
			continue
		}
		if err := br.UnreadRune(); err != nil {
			return 0, skipped, err
		}
		b, err := br.Peek(1)
		if err != nil {
			return 0, skipped, err
		}
		return b[0], skipped, nil
	}
}

func readQueriesCSV(r io.Reader, name string, fn func(Query) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return csvErr(name, err)
	}
	col, err := headerIndex(name, header, "id", "name")
	if err != nil {
		return err
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvErr(name, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) string {
			if i, ok := col[k]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		q := Query{ID: get("id"), Name: get("name"), Schema: get("schema"), Country: get("country"), BirthDate: get("birth_date"), Address: get("address"), Line: line}
		if len(rec) == 1 && q.ID == "" && q.Name == "" {
			continue // blank line
		}
		if err := checkQuery(name, q); err != nil {
			return err
		}
		if err := fn(q); err != nil {
			return err
		}
	}
}

// jsonQuery accepts the id as a string or a number.
type jsonQuery struct {
	ID        json.RawMessage `json:"id"`
	Name      *string         `json:"name"`
	Schema    *string         `json:"schema"`
	Country   *string         `json:"country"`
	BirthDate *string         `json:"birth_date"`
	Address   *string         `json:"address"`
}

func readQueriesJSON(br *bufio.Reader, name string, fn func(Query) error) error {
	line := 0
	for {
		raw, readErr := br.ReadBytes('\n')
		if readErr != nil && readErr != io.EOF {
			return inputErr(name, line+1, "", "read: "+readErr.Error(), readErr)
		}
		if len(raw) > 0 {
			line++
			if line == 1 {
				raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
			}
			if raw = bytes.TrimSpace(raw); len(raw) > 0 {
				q, err := parseJSONQuery(name, line, raw)
				if err != nil {
					return err
				}
				if err := fn(q); err != nil {
					return err
				}
			}
		}
		if readErr == io.EOF {
			return nil
		}
	}
}

func parseJSONQuery(name string, line int, raw []byte) (Query, error) {
	var jq jsonQuery
	if err := json.Unmarshal(raw, &jq); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return Query{}, inputErr(name, line, "", fmt.Sprintf("invalid JSON at byte %d of the line: %v", se.Offset, se), err)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return Query{}, inputErr(name, line, te.Field, fmt.Sprintf("%s is a JSON %s, want a string", te.Field, te.Value), err)
		}
		return Query{}, inputErr(name, line, "", "invalid JSON: "+err.Error(), err)
	}
	q := Query{Line: line}
	id, err := jsonID(jq.ID)
	if err != nil {
		return q, inputErr(name, line, "id", err.Error(), nil)
	}
	q.ID = id
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return strings.TrimSpace(*p)
	}
	q.Name, q.Schema, q.Country, q.BirthDate, q.Address = str(jq.Name), str(jq.Schema), str(jq.Country), str(jq.BirthDate), str(jq.Address)
	return q, checkQuery(name, q)
}

func jsonID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s), nil
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		if _, err := strconv.ParseFloat(n.String(), 64); err == nil {
			return n.String(), nil
		}
	}
	return "", errors.New("id must be a string or a number")
}

func checkQuery(file string, q Query) error {
	switch {
	case q.ID == "":
		return inputErr(file, q.Line, "id", "empty id", nil)
	case q.Name == "":
		return inputErr(file, q.Line, "name", "empty name", nil)
	}
	return nil
}
