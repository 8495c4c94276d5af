// Package demo ships the 2018 scenario that `probity demo` loads: real ICE
// award data (see data/ATTRIBUTION.md), embedded so that the demo works on a
// machine without ../shared.
package demo

import (
	"embed"
	"io/fs"
)

// Data holds the demo files under data/.
//
//go:embed data/*.csv data/ATTRIBUTION.md data/ocds/*.json
var Data embed.FS

// USAspendingFiles are the USAspending-layout files of the scenario, in the
// order they are loaded.
var USAspendingFiles = []string{
	"data/ice-awards-2018.csv",
	"data/ice-cbp-microsoft-transactions-2021-2026.csv",
}

// OCDSFiles returns the OCDS record packages of buyers other than ICE and
// CBP (UK public bodies, Mexico City), in name order, loaded after the
// USAspending files so that the portal shows allowed contracts beside
// denied ones.
func OCDSFiles() ([]string, error) { return fs.Glob(Data, "data/ocds/*.json") }

// WatchList is the scenario's human-rights sanctions list: the OFAC SDN
// entries under the Global Magnitsky programme (GLOMAG), loaded as ListName.
const (
	WatchList = "data/ofac-sdn-glomag-2024-05-03.csv"
	ListName  = "us_ofac_sdn_glomag"
)
