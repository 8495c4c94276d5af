package translog

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/mod/sumdb/note"
)

// Signer is the log's signing identity: its origin (the first line of
// every checkpoint, and the name of its keys) and its Ed25519 keys. The
// first key is the current one; more than one only while a key is being
// rotated, when every checkpoint carries a signature by each.
type Signer struct {
	origin  string
	signers []note.Signer
	vkeys   []string
}

// Origin returns the log's origin line.
func (s *Signer) Origin() string { return s.origin }

// VerifierKeys returns the public keys in note verifier format
// (name+hash+base64), current first.
func (s *Signer) VerifierKeys() []string { return append([]string(nil), s.vkeys...) }

// CheckOrigin reports whether origin can name a log: non-empty, printable,
// without spaces or '+' (C2SP tlog-checkpoint and signed-note rules).
func CheckOrigin(origin string) error {
	if origin == "" || len(origin) > 256 {
		return fmt.Errorf("translog: origin must have 1 to 256 bytes")
	}
	for _, r := range origin {
		if r == '+' || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return fmt.Errorf("translog: origin %q has a space, a '+' or an unprintable character", origin)
		}
	}
	return nil
}

// LoadOrCreateKey reads the key file at path, creating it (mode 0600, its
// directory 0700) with a new Ed25519 key named origin when it does not
// exist. created reports whether it did. An existing file keeps its own
// origin; origin is then ignored.
func LoadOrCreateKey(path, origin string) (s *Signer, created bool, err error) {
	s, err = LoadKey(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return s, false, err
	}
	if err := CheckOrigin(origin); err != nil {
		return nil, false, err
	}
	skey, _, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		return nil, false, fmt.Errorf("translog: generate key: %w", err)
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, false, fmt.Errorf("translog: key directory: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("translog: create key file: %w", err)
	}
	_, err = fmt.Fprintf(f, "# probity transparency log signing key (keep secret; never in the database)\n%s\n", skey)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, false, fmt.Errorf("translog: write key file %s: %w", path, err)
	}
	s, err = LoadKey(path)
	return s, err == nil, err
}

// AddKey appends a new key with the file's origin to the key file (the
// first step of a rotation) and returns its verifier key.
func AddKey(path string) (string, error) {
	s, err := LoadKey(path)
	if err != nil {
		return "", err
	}
	skey, vkey, err := note.GenerateKey(rand.Reader, s.origin)
	if err != nil {
		return "", fmt.Errorf("translog: generate key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return "", fmt.Errorf("translog: key file: %w", err)
	}
	_, err = fmt.Fprintf(f, "%s\n", skey)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("translog: key file %s: %w", path, err)
	}
	return vkey, nil
}

// LoadKey reads a key file: one note signer key per line ('#' comments and
// blank lines allowed), all with the same name. A file that others can
// read is refused. Errors never quote the file's content.
func LoadKey(path string) (*Signer, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("translog: key file: %w", err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("translog: key file %s has mode %o: others can read it; chmod 600 it", path, info.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("translog: key file: %w", err)
	}
	s := &Signer{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		signer, err := note.NewSigner(text)
		if err != nil {
			return nil, fmt.Errorf("translog: key file %s line %d: not a signed-note private key", path, line)
		}
		vkey, err := verifierKey(text, signer.Name())
		if err != nil {
			return nil, fmt.Errorf("translog: key file %s line %d: %v", path, line, err)
		}
		if s.origin == "" {
			s.origin = signer.Name()
		} else if signer.Name() != s.origin {
			return nil, fmt.Errorf("translog: key file %s line %d: key name differs from the first key's (%s)", path, line, s.origin)
		}
		s.signers = append(s.signers, signer)
		s.vkeys = append(s.vkeys, vkey)
	}
	if len(s.signers) == 0 {
		return nil, fmt.Errorf("translog: key file %s has no key", path)
	}
	if err := CheckOrigin(s.origin); err != nil {
		return nil, fmt.Errorf("translog: key file %s: %w", path, err)
	}
	return s, nil
}

// verifierKey derives the public verifier key of a signer key
// ("PRIVATE+KEY+name+hash+base64(0x01 ‖ seed)").
func verifierKey(skey, name string) (string, error) {
	parts := strings.SplitN(skey, "+", 5)
	if len(parts) != 5 {
		return "", errors.New("not a signer key")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize || raw[0] != 1 {
		return "", errors.New("not an Ed25519 signer key")
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	return note.NewEd25519VerifierKey(name, pub)
}
