package lists

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"slices"
	"strings"

	"github.com/probity/probity"
)

// Load is the result of reading one version of a watch list.
type Load struct {
	// Version describes the load: List, SourceDate (as published, "" when the
	// files do not say), Hash (hex SHA-256 over the bytes read, files in a
	// fixed order) and Entries. ID and LoadedAt are left for the store.
	Version probity.ListVersion
	Entries []probity.WatchlistEntry
	// Warnings lists problems that did not stop the load (orphan rows,
	// unknown country names, skipped records), one line each.
	Warnings []string
}

// Rename sets the list name of the version and of every entry, for
// `probity lists load … --name NAME`.
func (l *Load) Rename(name string) {
	l.Version.List = name
	for i := range l.Entries {
		l.Entries[i].List = name
	}
}

// Default list names.
const (
	ListOFAC = "us_ofac_sdn"
	ListUN   = "un_sc"
)

// hasher accumulates the SHA-256 of every byte read through it.
type hasher struct{ h hash.Hash }

func newHasher() *hasher { return &hasher{h: sha256.New()} }

// reader returns r, teed into the hash.
func (h *hasher) reader(r io.Reader) io.Reader { return io.TeeReader(r, h.h) }

func (h *hasher) sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

func inputErr(file string, line int, field, reason string, err error) *probity.InputError {
	return &probity.InputError{File: file, Line: line, Field: field, Reason: reason, Err: err}
}

// addUnique appends s to list unless it is empty or already present
// (exactly), or equal to one of skip.
func addUnique(list []string, s string, skip ...string) []string {
	s = strings.TrimSpace(s)
	if s == "" || slices.Contains(list, s) || slices.Contains(skip, s) {
		return list
	}
	return append(list, s)
}

func addIdentifier(list []probity.Identifier, scheme, id string) []probity.Identifier {
	id = strings.TrimSpace(id)
	if id == "" || scheme == "" {
		return list
	}
	want := probity.Identifier{Scheme: scheme, ID: id}
	if slices.Contains(list, want) {
		return list
	}
	return append(list, want)
}

// finish fills the version fields that every loader computes the same way.
func finish(l *Load, list, sourceDate string, h *hasher) *Load {
	l.Version.List = list
	l.Version.SourceDate = sourceDate
	l.Version.Hash = h.sum()
	l.Version.Entries = len(l.Entries)
	return l
}

// joinAddress writes the parts of an address that say something (not
// empty, not OFAC's "-0-" for none) as one line, separated by commas (a
// ";" inside a part becomes a comma: the CSV list format separates
// addresses with it).
func joinAddress(parts ...string) string {
	var out []string
	for _, p := range parts {
		p = strings.Join(strings.Fields(strings.ReplaceAll(p, ";", ",")), " ")
		if p == "" || p == "-0-" || IsNoCountry(p) {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ", ")
}
