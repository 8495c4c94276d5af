package translog

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Checkpoint is the body of a C2SP tlog-checkpoint: the log's origin, its
// tree size and the RFC 6962 root hash at that size.
type Checkpoint struct {
	Origin string
	Size   int64
	Root   tlog.Hash
}

// Text returns the checkpoint's note text.
func (c Checkpoint) Text() string {
	return c.Origin + "\n" + strconv.FormatInt(c.Size, 10) + "\n" + base64.StdEncoding.EncodeToString(c.Root[:]) + "\n"
}

// String names a checkpoint in messages: "origin@size root".
func (c Checkpoint) String() string {
	return fmt.Sprintf("%s@%d %s", c.Origin, c.Size, base64.StdEncoding.EncodeToString(c.Root[:]))
}

// ParseCheckpoint parses a checkpoint's note text: origin, tree size
// (decimal, no leading zeroes) and base64 root hash, each on its own line;
// non-empty extension lines may follow and are ignored.
func ParseCheckpoint(text string) (Checkpoint, error) {
	var c Checkpoint
	if !strings.HasSuffix(text, "\n") {
		return c, errors.New("checkpoint: text does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) < 3 {
		return c, errors.New("checkpoint: fewer than three lines")
	}
	for i, l := range lines {
		if l == "" {
			return c, fmt.Errorf("checkpoint: line %d is empty", i+1)
		}
	}
	c.Origin = lines[0]
	size := lines[1]
	if len(size) > 19 || (len(size) > 1 && size[0] == '0') {
		return c, fmt.Errorf("checkpoint: line 2: tree size %q is not a decimal number without leading zeroes", size)
	}
	n, err := strconv.ParseInt(size, 10, 64)
	if err != nil || n < 0 || strings.ContainsAny(size, "+-") {
		return c, fmt.Errorf("checkpoint: line 2: tree size %q is not a decimal number", size)
	}
	c.Size = n
	root, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return c, fmt.Errorf("checkpoint: line 3: root hash is not %d bytes in base64", tlog.HashSize)
	}
	copy(c.Root[:], root)
	return c, nil
}

// Sign returns c as a signed note, signed by each of s's keys.
func (s *Signer) Sign(c Checkpoint) ([]byte, error) {
	if c.Origin != s.origin {
		return nil, fmt.Errorf("translog: checkpoint origin %q is not the key's %q", c.Origin, s.origin)
	}
	return note.Sign(&note.Note{Text: c.Text()}, s.signers...)
}

// CurrentCheckpoint computes the checkpoint body for the log's current size.
func CurrentCheckpoint(ctx context.Context, r Reader, origin string) (Checkpoint, error) {
	n, err := r.LogSize(ctx)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("translog: size: %w", err)
	}
	root, err := tlog.TreeHash(n, hashReader(ctx, r.LogHashes))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("translog: root at size %d: %w", n, err)
	}
	return Checkpoint{Origin: origin, Size: n, Root: root}, nil
}

// Errors of OpenCheckpoint, for callers that tell reasons apart.
var (
	ErrMalformedCheckpoint = errors.New("malformed checkpoint")
	ErrUnknownKey          = errors.New("checkpoint not signed by a trusted key")
	ErrBadSignature        = errors.New("checkpoint signature does not verify")
	ErrWrongOrigin         = errors.New("checkpoint is for another log")
)

// OpenCheckpoint verifies a signed checkpoint against the trusted
// verifier keys (any one signature by one of them is enough; unknown
// signatures are ignored, as the signed-note rules say) and parses it. A
// non-empty origin must match the checkpoint's first line. Errors wrap
// one of the Err values above and say why.
func OpenCheckpoint(msg []byte, origin string, vkeys ...string) (Checkpoint, error) {
	if len(msg) > 1<<16 {
		return Checkpoint{}, fmt.Errorf("%w: %d bytes", ErrMalformedCheckpoint, len(msg))
	}
	var vs []note.Verifier
	for _, k := range vkeys {
		v, err := note.NewVerifier(k)
		if err != nil {
			return Checkpoint{}, fmt.Errorf("verifier key %q: %w", k, err)
		}
		vs = append(vs, v)
	}
	n, err := note.Open(msg, note.VerifierList(vs...))
	if err != nil {
		var unverified *note.UnverifiedNoteError
		var invalid *note.InvalidSignatureError
		switch {
		case errors.As(err, &unverified):
			var names []string
			for _, s := range unverified.Note.UnverifiedSigs {
				names = append(names, fmt.Sprintf("%s+%08x", s.Name, s.Hash))
			}
			return Checkpoint{}, fmt.Errorf("%w: signed only by %s", ErrUnknownKey, strings.Join(names, ", "))
		case errors.As(err, &invalid):
			return Checkpoint{}, fmt.Errorf("%w: key %s+%08x", ErrBadSignature, invalid.Name, invalid.Hash)
		default:
			return Checkpoint{}, fmt.Errorf("%w: %v", ErrMalformedCheckpoint, err)
		}
	}
	c, err := ParseCheckpoint(n.Text)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("%w: %v", ErrMalformedCheckpoint, err)
	}
	if origin != "" && c.Origin != origin {
		return Checkpoint{}, fmt.Errorf("%w: origin %q, expected %q", ErrWrongOrigin, c.Origin, origin)
	}
	return c, nil
}
