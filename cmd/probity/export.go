package main

import (
	"bufio"
	"context"
	"encoding/json"
	"strconv"

	"github.com/probity/probity"
	"github.com/probity/probity/ocds"
	"github.com/probity/probity/web"
)

func (m *Main) exportOCDS(ctx context.Context, args []string) error {
	fs := m.newFlagSet("export ocds", "export ocds [--compiled|--versioned] [--ocid ID]")
	compiled := fs.Bool("compiled", false, "add each process's compiled release")
	versioned := fs.Bool("versioned", false, "add each process's versioned release")
	ocid := fs.String("ocid", "", "only this contracting process")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("export ocds: unexpected argument %q", fs.Arg(0))
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}

	// Store.Releases calls back once per process; the package writer pulls
	// them one at a time, so a goroutine hands them over and only one
	// process is held in memory.
	type rec struct {
		ocid string
		rs   []probity.Release
	}
	ch := make(chan rec)
	errc := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(ch)
		errc <- store.Releases(ctx, *ocid, func(id string, rs []probity.Release) error {
			select {
			case ch <- rec{id, rs}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	found := false
	next := func() (string, []json.RawMessage, string, bool, error) {
		r, ok := <-ch
		if !ok {
			return "", nil, "", false, nil
		}
		found = true
		raws := make([]json.RawMessage, len(r.rs))
		version := "1.0"
		for i, x := range r.rs {
			raws[i] = x.Raw
			if x.Version == "1.1" {
				version = "1.1"
			}
		}
		return r.ocid, raws, version, true, nil
	}
	meta, opts := ocds.PackageMeta{}, ocds.ExportOptions{Compiled: *compiled, Versioned: *versioned}
	if lr, ok := store.(web.LogReader); ok {
		// Each record cites its contract's and latest decision's entries
		// in the transparency log, the package the checkpoint (as the
		// portal's export does).
		latest := func(id string) (string, error) {
			ds, err := store.Decisions(ctx, probity.DecisionFilter{ContractID: id, LatestOnly: true})
			if err != nil || len(ds) == 0 {
				return "", err
			}
			return strconv.FormatInt(ds[len(ds)-1].ID, 10), nil
		}
		if err := web.CiteLogInOCDS(ctx, lr, latest, &meta, &opts); err != nil {
			return err
		}
	}
	out := bufio.NewWriterSize(m.Stdout, 1<<16)
	err = ocds.WriteRecordPackage(out, meta, next, opts)
	cancel()
	for range ch {
	}
	if rerr := <-errc; err == nil && rerr != nil && rerr != context.Canceled {
		err = rerr
	}
	if err != nil {
		return err
	}
	if *ocid != "" && !found {
		return probity.Errorf(probity.ENOTFOUND, "no releases stored for ocid %q", *ocid)
	}
	return out.Flush()
}
