package web

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/ocds"
	"github.com/probity/probity/translog"
)

// maxExport bounds the contracts of one export.
const maxExport = 100_000

// csvHeader is the CSV export's first row. The last six columns cite the
// transparency log: the entry of the contract and of its latest decision,
// their inclusion proofs (empty when the checkpoint does not cover the
// entry yet) and, on every row, the checkpoint the export was made at, so
// that a spreadsheet keeps it whatever rows are cut or sorted.
var csvHeader = []string{"id", "title", "status", "buyer_id", "buyer", "supplier_ids", "suppliers", "value", "currency", "period_start", "period_end", "decision", "source", "source_reference", "url",
	"log_index", "log_proof", "decision_log_index", "decision_log_proof", "checkpoint_size", "checkpoint_root_hash"}

// exportLog is where the exported contracts and decisions sit in the log
// and the checkpoint the export was made at.
type exportLog struct {
	state     logState
	contracts map[string]logRef
	decisions map[string]logRef // by decision id
}

func (s *Site) exportLog(ctx context.Context, rows []Row) exportLog {
	st := s.logState(ctx)
	cids := make([]string, 0, len(rows))
	dids := make([]string, 0, len(rows))
	for _, r := range rows {
		cids = append(cids, r.Contract.ID)
		if r.DecisionID != 0 {
			dids = append(dids, strconv.FormatInt(r.DecisionID, 10))
		}
	}
	return exportLog{state: st, contracts: s.logRefs(ctx, st, translog.TypeContract, cids), decisions: s.logRefs(ctx, st, translog.TypeDecision, dids)}
}

func (l exportLog) decision(r Row) logRef {
	if r.DecisionID == 0 {
		return logRef{}
	}
	return l.decisions[strconv.FormatInt(r.DecisionID, 10)]
}

// proofURL is a ref's inclusion proof, "" when the checkpoint does not
// cover it.
func proofURL(r logRef) string {
	if !r.Covered() {
		return ""
	}
	return r.ProofURL()
}

// export writes every contract of the view (up to maxExport), ignoring
// the page: CSV with one row per contract, or an OCDS record package of
// their stored releases. Both cite the transparency log (see csvHeader,
// and the "probity" members of the package and of each record).
func (s *Site) export(w http.ResponseWriter, r *http.Request, q Query, format string) {
	ctx := r.Context()
	q.Page, q.PerPage = 1, maxExport
	res, err := s.search.Search(ctx, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lg := s.exportLog(ctx, res.Rows)
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Total-Count", strconv.Itoa(res.Total))
	if lg.state.Signed {
		h.Set("X-Log-Checkpoint-Size", lg.state.SizeText())
		h.Set("X-Log-Root-Hash", lg.state.RootText())
	}
	if format == "csv" {
		s.exportCSV(w, res, lg)
		return
	}
	s.exportOCDS(w, r, q, res, lg)
}

func (s *Site) exportCSV(w http.ResponseWriter, res Result, lg exportLog) {
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="probity-contracts.csv"`)
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	_ = cw.Write(csvHeader)
	cpSize, cpRoot := lg.state.SizeText(), lg.state.RootText()
	for _, row := range res.Rows {
		c := row.Contract
		var bid, bname, amount, currency string
		if c.Buyer != nil {
			bid, bname = strconv.FormatInt(c.Buyer.ID, 10), c.Buyer.Name
		}
		if c.Value != nil { // unknown stays empty, never 0
			amount, currency = strconv.FormatFloat(c.Value.Amount, 'f', -1, 64), c.Value.Currency
		}
		var sids, snames []string
		for _, sp := range c.Suppliers {
			sids = append(sids, strconv.FormatInt(sp.ID, 10))
			snames = append(snames, sp.Name)
		}
		cl, dl := lg.contracts[c.ID], lg.decision(row)
		_ = cw.Write([]string{c.ID, csvSafe(c.Title), c.Status, bid, csvSafe(bname), strings.Join(sids, ";"), csvSafe(strings.Join(snames, "; ")),
			amount, currency, c.Period.Start, c.Period.End, row.Decision, c.Source, csvSafe(c.SourceReference), "/contracts/" + c.ID,
			cl.IndexText(), proofURL(cl), dl.IndexText(), proofURL(dl), cpSize, cpRoot})
	}
	cw.Flush()
	_ = bw.Flush()
}

// OCDSLogRecord is the "probity" member of an exported record: where the
// contract and its latest decision sit in the transparency log, and their
// inclusion proofs in the package's checkpoint.
type OCDSLogRecord struct {
	LogIndex         *int64 `json:"logIndex,omitempty"`
	LogProof         string `json:"logProof,omitempty"`
	DecisionLogIndex *int64 `json:"decisionLogIndex,omitempty"`
	DecisionLogProof string `json:"decisionLogProof,omitempty"`
}

// OCDSLogPackage is the "probity" member of an exported package: the
// checkpoint the package was made at.
type OCDSLogPackage struct {
	Checkpoint    *OCDSCheckpoint `json:"checkpoint"` // null: none signed yet
	CheckpointURL string          `json:"checkpointURL"`
}

// OCDSCheckpoint is a signed checkpoint as the package cites it.
type OCDSCheckpoint struct {
	Origin   string `json:"origin"`
	Size     int64  `json:"size"`
	RootHash string `json:"rootHash"` // base64, as in the checkpoint
}

func (s *Site) exportOCDS(w http.ResponseWriter, r *http.Request, q Query, res Result, lg exportLog) {
	ctx := r.Context()
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Disposition", `attachment; filename="probity-contracts.ocds.json"`)
	meta := ocds.PackageMeta{URI: "urn:probity:contracts?" + q.Values().Encode()}
	opts := ocds.ExportOptions{Compiled: true}
	if lg.state.On {
		meta.Members = []ocds.Member{ocdsPackageMember(lg.state)}
		decisionOf := make(map[string]Row, len(res.Rows))
		for _, row := range res.Rows {
			decisionOf[row.Contract.ID] = row
		}
		opts.RecordMembers = func(ocid string) ([]ocds.Member, error) {
			m, err := ocdsRecordMember(lg.contracts[ocid], lg.decision(decisionOf[ocid]))
			return []ocds.Member{m}, err
		}
	}
	i := 0
	next := func() (string, []json.RawMessage, string, bool, error) {
		for i < len(res.Rows) {
			id := res.Rows[i].Contract.ID
			i++
			var raws []json.RawMessage
			version := "1.0"
			err := s.store.Releases(ctx, id, func(_ string, rs []probity.Release) error {
				for _, x := range rs {
					raws = append(raws, x.Raw)
					if x.Version == "1.1" {
						version = "1.1"
					}
				}
				return nil
			})
			if err != nil {
				return "", nil, "", false, err
			}
			if len(raws) > 0 {
				return id, raws, version, true, nil
			}
		}
		return "", nil, "", false, nil
	}
	if err := ocds.WriteRecordPackage(w, meta, next, opts); err != nil {
		s.log.ErrorContext(ctx, "web: ocds export", "error", err.Error())
	}
}

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ocdsPackageMember is the package's "probity" member for checkpoint st.
func ocdsPackageMember(st logState) ocds.Member {
	p := OCDSLogPackage{CheckpointURL: "/log/checkpoint"}
	if st.Signed {
		p.Checkpoint = &OCDSCheckpoint{Origin: st.Origin, Size: st.Size, RootHash: st.RootText()}
	}
	b, _ := json.Marshal(p) // plain strings and numbers always marshal
	return ocds.Member{Name: "probity", Value: b}
}

// ocdsRecordMember is a record's "probity" member: its contract's entry
// cl and its latest decision's dl.
func ocdsRecordMember(cl, dl logRef) (ocds.Member, error) {
	var m OCDSLogRecord
	if cl.Logged {
		m.LogIndex, m.LogProof = &cl.Index, proofURL(cl)
	}
	if dl.Logged {
		m.DecisionLogIndex, m.DecisionLogProof = &dl.Index, proofURL(dl)
	}
	b, err := json.Marshal(m)
	return ocds.Member{Name: "probity", Value: b}, err
}

// CiteLogInOCDS makes an OCDS record package of contracts written outside
// a page (probity export ocds) cite the transparency log as the portal's
// export does: the package gets the newest checkpoint, each record (its
// ocid is the contract's id) its contract's entry and that of its latest
// decision, which latest gives ("" for none). A store without a log
// (lr nil) leaves meta and opts as they are.
func CiteLogInOCDS(ctx context.Context, lr LogReader, latest func(contractID string) (decisionID string, err error), meta *ocds.PackageMeta, opts *ocds.ExportOptions) error {
	if lr == nil {
		return nil
	}
	st, err := readLogState(ctx, lr)
	if err != nil {
		return err
	}
	meta.Members = append(meta.Members, ocdsPackageMember(st))
	ref := func(typ, id string) (logRef, error) {
		if id == "" {
			return logRef{}, nil
		}
		refs, err := readLogRefs(ctx, lr, st, typ, []string{id})
		return refs[id], err
	}
	opts.RecordMembers = func(ocid string) ([]ocds.Member, error) {
		cl, err := ref(translog.TypeContract, ocid)
		if err != nil {
			return nil, err
		}
		did, err := latest(ocid)
		if err != nil {
			return nil, err
		}
		dl, err := ref(translog.TypeDecision, did)
		if err != nil {
			return nil, err
		}
		m, err := ocdsRecordMember(cl, dl)
		return []ocds.Member{m}, err
	}
	return nil
}
