package ocds

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// pending holds the elements of a package's releases or records array
// that arrived before the package's `version` (which may follow the
// array, as in the Armenia files). Up to memLimit bytes stay in memory;
// beyond that they are spilled to a temporary file, so memory stays flat.
type pending struct {
	mem      []pendingElem
	memBytes int
	file     *os.File
	w        *bufio.Writer
	n        int
}

type pendingElem struct {
	data  []byte
	index int
	line  int
}

const pendingMemLimit = 4 << 20

func (p *pending) add(data []byte, index, line int) error {
	p.n++
	if p.file == nil && p.memBytes+len(data) <= pendingMemLimit {
		p.mem = append(p.mem, pendingElem{append([]byte(nil), data...), index, line})
		p.memBytes += len(data)
		return nil
	}
	if p.file == nil {
		f, err := os.CreateTemp("", "probity-ocds-*.spill")
		if err != nil {
			return fmt.Errorf("spilling releases read before the package version: %w", err)
		}
		p.file, p.w = f, bufio.NewWriterSize(f, 1<<20)
	}
	var hdr [3 * binary.MaxVarintLen64]byte
	k := binary.PutUvarint(hdr[:], uint64(len(data)))
	k += binary.PutUvarint(hdr[k:], uint64(index))
	k += binary.PutUvarint(hdr[k:], uint64(line))
	if _, err := p.w.Write(hdr[:k]); err != nil {
		return err
	}
	_, err := p.w.Write(data)
	return err
}

// drain calls fn for every held element in order and empties p.
func (p *pending) drain(fn func(data []byte, index, line int) error) error {
	defer p.close()
	for _, e := range p.mem {
		if err := fn(e.data, e.index, e.line); err != nil {
			return err
		}
	}
	p.mem, p.memBytes = nil, 0
	if p.file == nil {
		return nil
	}
	if err := p.w.Flush(); err != nil {
		return err
	}
	if _, err := p.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReaderSize(p.file, 1<<20)
	var buf []byte
	for {
		size, err := binary.ReadUvarint(r)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		index, err := binary.ReadUvarint(r)
		if err != nil {
			return err
		}
		line, err := binary.ReadUvarint(r)
		if err != nil {
			return err
		}
		if uint64(cap(buf)) < size {
			buf = make([]byte, size)
		}
		buf = buf[:size]
		if _, err := io.ReadFull(r, buf); err != nil {
			return err
		}
		if err := fn(buf, int(index), int(line)); err != nil {
			return err
		}
	}
}

func (p *pending) close() {
	if p.file != nil {
		name := p.file.Name()
		p.file.Close()
		os.Remove(name)
		p.file, p.w = nil, nil
	}
	p.mem, p.memBytes, p.n = nil, 0, 0
}
