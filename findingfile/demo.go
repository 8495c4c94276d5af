package findingfile

import _ "embed"

//go:embed demo/findings-2018.yaml
var demo2018 []byte

// Demo2018 returns the findings of the 2018 demo scenario (family
// separation under the U.S. "zero tolerance" policy; see
// demo/findings-2018.yaml for the facts and their sources).
func Demo2018() ([]FindingInput, error) {
	return Parse("findingfile/demo/findings-2018.yaml", demo2018)
}
