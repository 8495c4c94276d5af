// Package demo ships the 2018 scenario that `probity demo` loads: real ICE
// award data (see data/ATTRIBUTION.md), embedded so that the demo works on a
// machine without ../shared.
package demo

import "embed"

// Data holds the demo files under data/.
//
//go:embed data/*.csv data/ATTRIBUTION.md
var Data embed.FS

// USAspendingFiles are the USAspending-layout files of the scenario, in the
// order they are loaded.
var USAspendingFiles = []string{
	"data/ice-awards-2018.csv",
	"data/ice-cbp-microsoft-transactions-2021-2026.csv",
}

// WatchList is the scenario's human-rights sanctions list: the OFAC SDN
// entries under the Global Magnitsky programme (GLOMAG), loaded as ListName.
const (
	WatchList = "data/ofac-sdn-glomag-2024-05-03.csv"
	ListName  = "us_ofac_sdn_glomag"
)
