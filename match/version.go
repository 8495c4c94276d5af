package match

// Version identifies the matching logic. It is stored with every screening
// result so that results can be re-screened when the logic changes; bump it
// whenever scores may change.
const Version = "probity-match/10"

// DefaultThreshold is the score from which a pair is reported as a match.
//
// It was chosen by measurement on the nomenklatura name-pair benchmark
// (../shared/data/matching/name_pairs/nomenklatura_name_bench_dev.csv, 413
// labelled pairs): TestQualityDev prints precision, recall and F1 over a
// sweep of thresholds; the value here sits in the plateau of best F1 rather
// than on its single best point, so that it does not depend on a few rows.
const DefaultThreshold = 0.75
