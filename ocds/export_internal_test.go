package ocds

import "encoding/json"

// CompileGeneral is Compile without the single-release fast path, for
// tests that check the two agree.
func CompileGeneral(rules *Rules, releases []json.RawMessage) (json.RawMessage, error) {
	m, err := newMerger(rules, releases, false, false)
	if err != nil {
		return nil, err
	}
	return m.result(), nil
}
