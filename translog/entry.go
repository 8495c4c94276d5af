package translog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/gowebpki/jcs"
)

// Entry types: one per kind of published item.
const (
	TypeContract    = "contract"     // a contract's public summary
	TypeDecision    = "decision"     // a policy decision and its reasons
	TypeCaseOutcome = "case_outcome" // the outcome of a review case
	TypePolicy      = "policy"       // a published policy version
	TypeFinding     = "finding"      // a public finding (evidence)
)

// MaxEntrySize is the largest entry the log takes: C2SP entry bundles
// prefix each entry with a big-endian uint16 length.
const MaxEntrySize = 1<<16 - 1

// Item is what a publisher hands the log: the item's type and id, the
// public form of the item (marshalled with encoding/json, then made
// canonical) and, when the item has one, the SHA-256 of its attachment
// (for a policy version, of its files). Version and supersedes are the
// log's to assign.
type Item struct {
	Type             string
	ID               string
	Body             any
	AttachmentSHA256 string // lower-case hex, or ""
}

// Entry is one log entry as it is decoded from its canonical JSON.
type Entry struct {
	Type             string          `json:"type"`
	ID               string          `json:"id"`
	Version          int64           `json:"version"`
	Supersedes       *int64          `json:"supersedes,omitempty"` // index of the entry this one replaces
	AttachmentSHA256 string          `json:"attachment_sha256,omitempty"`
	Item             json.RawMessage `json:"item"`
}

var (
	typeRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)
	hexRE  = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// validate checks an item before it is encoded.
func (it Item) validate() error {
	if !typeRE.MatchString(it.Type) {
		return fmt.Errorf("translog: item type %q is not a lower-case word", it.Type)
	}
	if it.ID == "" || len(it.ID) > 1024 {
		return fmt.Errorf("translog: %s item: id must have 1 to 1024 bytes", it.Type)
	}
	if it.AttachmentSHA256 != "" && !hexRE.MatchString(it.AttachmentSHA256) {
		return fmt.Errorf("translog: %s %s: attachment_sha256 %q is not 64 lower-case hex digits", it.Type, it.ID, it.AttachmentSHA256)
	}
	return nil
}

// canonicalBody returns the item's body as canonical JSON and the digest
// by which the log tells whether a re-published item changed: the SHA-256
// of the canonical body and the attachment hash.
func (it Item) canonicalBody() (body []byte, digest [32]byte, err error) {
	raw, err := json.Marshal(it.Body)
	if err != nil {
		return nil, digest, fmt.Errorf("translog: %s %s: %w", it.Type, it.ID, err)
	}
	body, err = jcs.Transform(raw)
	if err != nil {
		return nil, digest, fmt.Errorf("translog: %s %s: canonical JSON: %w", it.Type, it.ID, err)
	}
	h := sha256.New()
	h.Write(body)
	h.Write([]byte{0})
	h.Write([]byte(it.AttachmentSHA256))
	copy(digest[:], h.Sum(nil))
	return body, digest, nil
}

// encode builds the canonical entry for an item at a version, superseding
// the entry at index prev when prev ≥ 0. The body is canonical already:
// only the small envelope (with a placeholder item) goes through JCS, and
// the body replaces the placeholder, which JCS put at the item's sorted
// place. In canonical JSON a quote inside a string is always escaped, so
// the first `"item":0,` is the envelope's own member.
func encode(it Item, body []byte, version, prev int64) ([]byte, error) {
	e := Entry{Type: it.Type, ID: it.ID, Version: version, AttachmentSHA256: it.AttachmentSHA256, Item: json.RawMessage(`0`)}
	if prev >= 0 {
		e.Supersedes = &prev
	}
	raw, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	env, err := jcs.Transform(raw)
	if err != nil {
		return nil, fmt.Errorf("translog: %s %s: canonical JSON: %w", it.Type, it.ID, err)
	}
	const placeholder = `"item":0,`
	i := bytes.Index(env, []byte(placeholder))
	if i < 0 {
		return nil, fmt.Errorf("translog: %s %s: canonical envelope without its item", it.Type, it.ID)
	}
	data := make([]byte, 0, len(env)+len(body))
	data = append(data, env[:i+len(`"item":`)]...)
	data = append(data, body...)
	data = append(data, env[i+len(`"item":0`):]...)
	if len(data) > MaxEntrySize {
		return nil, fmt.Errorf("translog: %s %s: entry has %d bytes, more than the %d an entry bundle can hold", it.Type, it.ID, len(data), MaxEntrySize)
	}
	return data, nil
}

// ParseEntry decodes an entry and checks that it is in canonical form, so
// that a client can rely on one byte sequence per entry.
func ParseEntry(data []byte) (*Entry, error) {
	var e Entry
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("translog: entry: %w", err)
	}
	if !typeRE.MatchString(e.Type) || e.ID == "" || e.Version < 1 || len(e.Item) == 0 {
		return nil, fmt.Errorf("translog: entry: type, id, version ≥ 1 and item are required")
	}
	canon, err := jcs.Transform(data)
	if err != nil {
		return nil, fmt.Errorf("translog: entry: %w", err)
	}
	if string(canon) != string(data) {
		return nil, fmt.Errorf("translog: entry %s %s is not canonical JSON (RFC 8785)", e.Type, e.ID)
	}
	return &e, nil
}

// SHA256Hex returns the lower-case hex SHA-256 of b, the form of an
// attachment hash.
func SHA256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
