// Package demo ships the 2018 scenario that `probity demo` loads: real ICE
// award data, contracts of other public buyers and the OFAC SDN list (see
// data/ATTRIBUTION.md), embedded so that the demo works on a machine
// without ../shared. The larger files are embedded gzip-compressed,
// unchanged inside; Open reads them as they were published.
package demo

import (
	"compress/gzip"
	"embed"
	"io"
	"io/fs"
	"strings"
)

// Data holds the demo files under data/.
//
//go:embed data/*.csv data/ATTRIBUTION.md data/ocds/*.json data/ocds/*.json.gz data/ofac-sdn/*.csv.gz
var Data embed.FS

// USAspendingFiles are the USAspending-layout files of the scenario, in the
// order they are loaded.
var USAspendingFiles = []string{
	"data/ice-awards-2018.csv",
	"data/ice-cbp-microsoft-transactions-2021-2026.csv",
}

// OCDSFiles returns the OCDS files of buyers other than ICE and CBP (UK
// public bodies, Mexico City, Armenian public bodies), in name order,
// loaded after the USAspending files so that the portal shows allowed
// contracts, and one to review, beside denied ones.
func OCDSFiles() ([]string, error) {
	plain, err := fs.Glob(Data, "data/ocds/*.json")
	if err != nil {
		return nil, err
	}
	gz, err := fs.Glob(Data, "data/ocds/*.json.gz")
	return append(plain, gz...), err
}

// The scenario's watch list: the OFAC SDN list as published on 2024-05-03
// (sdn.csv: every programme, among them GLOMAG, the Global Magnitsky
// human-rights programme), with the aliases (alt.csv) and addresses
// (add.csv) OFAC published in early 2025 for its entries, loaded as
// ListName.
const (
	WatchListSDN = "data/ofac-sdn/sdn-2024-05-03.csv.gz"
	WatchListAlt = "data/ofac-sdn/alt-2025-02.csv.gz"
	WatchListAdd = "data/ofac-sdn/add-2025-02.csv.gz"
	ListName     = "us_ofac_sdn"
)

// Open opens a demo file, decompressing it when its name ends in .gz.
// Name it as Data does ("data/…").
func Open(name string) (io.ReadCloser, error) {
	f, err := Data.Open(name)
	if err != nil || !strings.HasSuffix(name, ".gz") {
		return f, err
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return gzipFile{z, f}, nil
}

// gzipFile closes the decompressor and the file under it.
type gzipFile struct {
	*gzip.Reader
	f fs.File
}

func (g gzipFile) Close() error {
	err := g.Reader.Close()
	if cerr := g.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// DisplayName is a demo file's name as messages show it: "demo/…",
// without the .gz the file is embedded under.
func DisplayName(name string) string {
	return "demo/" + strings.TrimSuffix(strings.TrimPrefix(name, "data/"), ".gz")
}
