// Package rfc6962check is a second, independent checker of a log served
// the C2SP tlog-tiles way: it re-derives the root from the entry bundles
// with nothing but the RFC 6962 rules, crypto/sha256 and net/http. It
// imports no probity package and not golang.org/x/mod/sumdb/tlog, so that
// a bug shared by translog and translog/verify cannot hide itself; the
// tests of both (and of the CLI, on the demo's log) compare their result
// with its.
package rfc6962check

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Root fetches prefix+"checkpoint" (only its size and root lines:
// the signature is verify's business) and every entry bundle, and returns
// the checkpoint's root and the root computed from the entries.
func Root(prefix string) (claimed, computed [32]byte, size int, err error) {
	get := func(path string) ([]byte, error) {
		resp, err := http.Get(prefix + path)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return io.ReadAll(resp.Body)
	}
	cp, err := get("checkpoint")
	if err != nil {
		return claimed, computed, 0, err
	}
	lines := strings.Split(string(cp), "\n")
	if len(lines) < 3 {
		return claimed, computed, 0, fmt.Errorf("short checkpoint")
	}
	size, err = strconv.Atoi(lines[1])
	if err != nil {
		return claimed, computed, 0, err
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != 32 {
		return claimed, computed, 0, fmt.Errorf("bad root")
	}
	copy(claimed[:], root)

	// Leaf hashes: SHA-256(0x00 ‖ entry), entries from bundles of 256
	// (each a big-endian uint16 length and the bytes).
	var leaves [][32]byte
	for k := 0; k*256 < size; k++ {
		path := "tile/entries/" + indexPath(k)
		if w := size - k*256; w < 256 {
			path += ".p/" + strconv.Itoa(w)
		}
		b, err := get(path)
		if err != nil {
			return claimed, computed, 0, err
		}
		for len(b) > 0 {
			n := int(b[0])<<8 | int(b[1])
			leaves = append(leaves, sha256.Sum256(append([]byte{0}, b[2:2+n]...)))
			b = b[2+n:]
		}
	}
	if len(leaves) != size {
		return claimed, computed, 0, fmt.Errorf("%d entries, checkpoint says %d", len(leaves), size)
	}
	return claimed, mth(leaves), size, nil
}

// mth is RFC 6962 §2.1's Merkle Tree Hash: MTH(D[n]) = SHA-256(0x01 ‖
// MTH(D[0:k]) ‖ MTH(D[k:n])) with k the largest power of two below n.
func mth(leaves [][32]byte) [32]byte {
	switch len(leaves) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return leaves[0]
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	l, r := mth(leaves[:k]), mth(leaves[k:])
	return sha256.Sum256(bytes.Join([][]byte{{1}, l[:], r[:]}, nil))
}

// indexPath writes a tile index as C2SP path elements: 3 digits, all but
// the last prefixed with x.
func indexPath(n int) string {
	s := fmt.Sprintf("%03d", n%1000)
	for n >= 1000 {
		n /= 1000
		s = fmt.Sprintf("x%03d/%s", n%1000, s)
	}
	return s
}
