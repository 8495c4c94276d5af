package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"strconv"

	"github.com/probity/probity"
	"github.com/probity/probity/translog"
)

// LogReader is what the portal reads of the transparency log: where items
// sit in it and the newest signed checkpoint. The SQL stores answer it.
type LogReader interface {
	// LogIndexes returns the index of the newest entry of each item of
	// one type ("contract", "decision", "case_outcome", "policy",
	// "finding") that has one; an item without an entry is absent.
	LogIndexes(ctx context.Context, typ string, ids []string) (map[string]int64, error)
	// LogCheckpoint returns the newest signed checkpoint (a signed note),
	// or nil when none is signed yet.
	LogCheckpoint(ctx context.Context) ([]byte, error)
}

// logState is the log as a page or an export was made at: the newest
// signed checkpoint, whose size every proof link of the page names, so
// that each link proves its entry against that checkpoint's root hash.
type logState struct {
	On     bool // the store keeps a log
	Signed bool // a checkpoint is signed
	translog.Checkpoint
}

// RootText is the checkpoint's root hash as the checkpoint writes it
// (base64).
func (l logState) RootText() string {
	if !l.Signed {
		return ""
	}
	return base64.StdEncoding.EncodeToString(l.Root[:])
}

// SizeText is the checkpoint's size, "" without one.
func (l logState) SizeText() string {
	if !l.Signed {
		return ""
	}
	return strconv.FormatInt(l.Size, 10)
}

// logRef is where one item sits in the log, as a page shows it.
type logRef struct {
	Index  int64
	Logged bool  // the item has an entry
	Size   int64 // the page's checkpoint size; the proof link needs Index < Size
}

// Covered says whether the page's checkpoint includes the entry, so that
// its inclusion proof can be fetched against that checkpoint.
func (r logRef) Covered() bool { return r.Logged && r.Index < r.Size }

// ProofURL is the entry's inclusion proof in the page's checkpoint.
func (r logRef) ProofURL() string {
	return "/log/proof/inclusion?index=" + strconv.FormatInt(r.Index, 10) + "&size=" + strconv.FormatInt(r.Size, 10)
}

// IndexText is the entry's index, "" when the item has none.
func (r logRef) IndexText() string {
	if !r.Logged {
		return ""
	}
	return strconv.FormatInt(r.Index, 10)
}

// logState reads the newest checkpoint. The checkpoint is the server's
// own, stored by the signer; its signature is for readers to check
// (probity verify), so here only its text is read. A store without a log,
// or one whose checkpoint cannot be read, gives a state with On or Signed
// false: pages then say so rather than fail.
func (s *Site) logState(ctx context.Context) logState {
	if s.opt.Log == nil {
		return logState{}
	}
	st, err := readLogState(ctx, s.opt.Log)
	if err != nil {
		s.log.WarnContext(ctx, "web: reading the log checkpoint", "error", err.Error())
	}
	return st
}

// readLogState reads lr's newest checkpoint; on an error the state says
// the log is on but nothing is signed.
func readLogState(ctx context.Context, lr LogReader) (logState, error) {
	st := logState{On: true}
	msg, err := lr.LogCheckpoint(ctx)
	if err != nil || msg == nil {
		return st, err
	}
	text := msg
	if i := bytes.Index(msg, []byte("\n\n")); i >= 0 {
		text = msg[:i+1] // the note's text; its signatures follow the blank line
	}
	cp, err := translog.ParseCheckpoint(string(text))
	if err != nil {
		return st, fmt.Errorf("the stored log checkpoint does not parse: %w", err)
	}
	st.Signed, st.Checkpoint = true, cp
	return st, nil
}

// logRefs looks up where items of one type sit in the log, for a page or
// an export made at checkpoint st; an item the log does not have gets a
// ref with Logged false.
func (s *Site) logRefs(ctx context.Context, st logState, typ string, ids []string) map[string]logRef {
	if s.opt.Log == nil {
		return map[string]logRef{}
	}
	out, err := readLogRefs(ctx, s.opt.Log, st, typ, ids)
	if err != nil {
		s.log.WarnContext(ctx, "web: reading log indexes", "type", typ, "error", err.Error())
	}
	return out
}

// readLogRefs looks up in lr where items of one type sit, for checkpoint
// st; an item without an entry is absent (its zero ref has Logged false).
func readLogRefs(ctx context.Context, lr LogReader, st logState, typ string, ids []string) (map[string]logRef, error) {
	out := make(map[string]logRef, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	idx, err := lr.LogIndexes(ctx, typ, ids)
	if err != nil {
		return out, err
	}
	for id, i := range idx {
		out[id] = logRef{Index: i, Logged: true, Size: st.Size}
	}
	return out, nil
}

// logRef looks up one item.
func (s *Site) logRef(ctx context.Context, st logState, typ, id string) logRef {
	return s.logRefs(ctx, st, typ, []string{id})[id]
}

// findingRefs looks up where findings sit in the log, by finding id. A
// confidential finding has no entry (the log holds only what is
// published), so a reviewer who sees one sees that it is not in the log.
func (s *Site) findingRefs(ctx context.Context, st logState, fs []probity.Finding) map[int64]logRef {
	ids := make([]string, len(fs))
	for i, f := range fs {
		ids[i] = strconv.FormatInt(f.ID, 10)
	}
	refs := s.logRefs(ctx, st, translog.TypeFinding, ids)
	out := make(map[int64]logRef, len(fs))
	for _, f := range fs {
		out[f.ID] = refs[strconv.FormatInt(f.ID, 10)]
	}
	return out
}
