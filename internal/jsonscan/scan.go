package jsonscan

import (
	"bytes"
	"errors"
	"io"
)

// Scanner cuts a byte stream into JSON values without holding more than
// the value being read: it finds where a value ends by tracking strings
// and nesting only (full validation is done afterwards on the value's
// bytes). Positions are absolute stream offsets; bytes from keep onwards
// are retained across refills.
type Scanner struct {
	r    io.Reader
	buf  []byte
	base int64 // stream offset of buf[0]
	pos  int   // Next unread byte in buf
	end  int   // bytes of buf filled
	keep int64 // stream offset from which bytes must be retained; -1 none
	// limit, if positive, is the largest object or array next will read;
	// beyond it Next returns ErrTooBig with the bytes still retained.
	limit int64
	line  int // line number of buf[pos], 1-based
	eof   bool
	err   error // read error other than io.EOF
}

const scanChunk = 256 << 10

func NewScanner(r io.Reader) *Scanner {
	return &Scanner{r: r, buf: make([]byte, scanChunk), keep: -1, line: 1}
}

// Offset is the stream offset of the next unread byte.
func (s *Scanner) Offset() int64 { return s.base + int64(s.pos) }

// Slice returns the retained bytes between two stream offsets; valid
// until the next read.
func (s *Scanner) Slice(from, to int64) []byte {
	return s.buf[from-s.base : to-s.base]
}

// fill reads more input, keeping bytes from keep (or pos) onwards. It
// reports whether new bytes arrived.
func (s *Scanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	from := s.pos
	if s.keep >= 0 && int(s.keep-s.base) < from {
		from = int(s.keep - s.base)
	}
	if s.keep < 0 && len(s.buf) > 4*scanChunk && s.end-from < scanChunk {
		// A large value has passed: go back to a small buffer.
		nb := make([]byte, 2*scanChunk)
		n := copy(nb, s.buf[from:s.end])
		s.buf = nb
		s.base += int64(from)
		s.pos -= from
		s.end = n
	} else if from > 0 {
		n := copy(s.buf, s.buf[from:s.end])
		s.base += int64(from)
		s.pos -= from
		s.end = n
	}
	if s.end == len(s.buf) {
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			if errors.Is(err, io.EOF) {
				s.eof = true
			} else {
				s.err = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// Peek skips whitespace and returns the next byte; false at end of input.
func (s *Scanner) Peek() (byte, bool) {
	for {
		for s.pos < s.end {
			switch c := s.buf[s.pos]; c {
			case '\n':
				s.line++
				s.pos++
			case ' ', '\t', '\r':
				s.pos++
			default:
				return c, true
			}
		}
		if !s.fill() {
			return 0, false
		}
	}
}

// ErrTruncated reports input that ends inside a value.
var ErrTruncated = errors.New("unexpected end of input inside a JSON Value (truncated file?)")

// ErrTooBig reports a value larger than the Scanner's limit.
var ErrTooBig = errors.New("JSON Value too large to hold")

// Next reads one complete JSON value starting at the next non-space byte
// and returns its stream offsets. The bytes stay available through Slice
// until the next read. Line counting covers the value's newlines.
func (s *Scanner) Next() (from, to int64, err error) {
	c, ok := s.Peek()
	if !ok {
		if s.err != nil {
			return 0, 0, s.err
		}
		return 0, 0, ErrTruncated
	}
	from = s.Offset()
	outer := s.keep
	if outer < 0 {
		s.keep = from
		defer func() { s.keep = -1 }()
	}
	i := s.pos
	switch {
	case c == '{' || c == '[':
		depth := 0
		inStr := false
		for {
			if i >= s.end {
				if s.limit > 0 && s.base+int64(i)-from > s.limit {
					s.pos = i
					return from, s.base + int64(i), ErrTooBig
				}
				s.pos = i
				if !s.fill() {
					s.pos = s.end
					return s.finish(from, true)
				}
				i = s.pos
				continue
			}
			b := s.buf[i]
			if inStr {
				// Jump to the next quote or backslash.
				i = stringStop(s.buf[:s.end], i)
				if i >= s.end {
					continue
				}
				if s.buf[i] < 0x20 {
					i++
					continue
				}
				if s.buf[i] == '\\' {
					if i+1 >= s.end {
						s.pos = i
						if !s.fill() {
							s.pos = s.end
							return s.finish(from, true)
						}
						i = s.pos
						continue
					}
					i += 2
					continue
				}
				inStr = false
				i++
				continue
			}
			switch b {
			case '"':
				inStr = true
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					s.pos = i + 1
					return s.finish(from, false)
				}
			}
			i++
		}
	case c == '"':
		i++
		for {
			if i >= s.end {
				s.pos = i
				if !s.fill() {
					s.pos = s.end
					return s.finish(from, true)
				}
				i = s.pos
				continue
			}
			switch s.buf[i] {
			case '\\':
				if i+1 >= s.end {
					s.pos = i
					if !s.fill() {
						s.pos = s.end
						return s.finish(from, true)
					}
					i = s.pos
					continue
				}
				i += 2
				continue
			case '"':
				s.pos = i + 1
				return s.finish(from, false)
			}
			i++
		}
	default: // number or literal: runs to a delimiter
		for {
			if i >= s.end {
				s.pos = i
				if !s.fill() {
					s.pos = s.end
					return s.finish(from, false)
				}
				i = s.pos
				continue
			}
			switch s.buf[i] {
			case ' ', '\t', '\r', '\n', ',', ']', '}', '[', '{', '"':
				if i == s.pos && s.Offset() == from {
					i++ // a stray delimiter: return it as a (bad) value
				}
				s.pos = i
				return s.finish(from, false)
			}
			i++
		}
	}
}

func (s *Scanner) finish(from int64, truncated bool) (int64, int64, error) {
	to := s.Offset()
	s.line += bytes.Count(s.Slice(from, to), []byte{'\n'})
	if truncated {
		if s.err != nil {
			return from, to, s.err
		}
		return from, to, ErrTruncated
	}
	return from, to, nil
}

// Expect consumes byte c after optional whitespace.
func (s *Scanner) Expect(c byte) bool {
	b, ok := s.Peek()
	if !ok || b != c {
		return false
	}
	s.pos++
	return true
}

// Advance consumes the byte Peek returned.
func (s *Scanner) Advance() { s.pos++ }

// Line is the line number of the next unread byte, 1-based.
func (s *Scanner) Line() int { return s.line }

// Err is the read error that ended the input early, if any (io.EOF is
// not an error).
func (s *Scanner) Err() error { return s.err }

// NextWithin is Next for a value of about limit bytes at most: an object
// or array found larger when more input must be read returns ErrTooBig
// with its bytes still held, so that Rewind can go back to its start and
// read it piece by piece. (A value already wholly buffered is returned
// whatever its size.)
func (s *Scanner) NextWithin(limit int64) (from, to int64, err error) {
	s.limit = limit
	from, to, err = s.Next()
	s.limit = 0
	return from, to, err
}

// Rewind goes back to the stream offset from, at line, which must still
// be held (as after NextWithin's ErrTooBig for a value starting there).
func (s *Scanner) Rewind(from int64, line int) {
	s.pos = int(from - s.base)
	s.line = line
}
