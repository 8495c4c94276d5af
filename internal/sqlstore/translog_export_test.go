package sqlstore

// SetLogIndexesLimits sets LogIndexes's scan threshold and list size, so
// that a test with a few items takes every path; it returns the undo.
func SetLogIndexesLimits(scan, chunk int) func() {
	s, c := logIndexesScan, logIndexesChunk
	logIndexesScan, logIndexesChunk = scan, chunk
	return func() { logIndexesScan, logIndexesChunk = s, c }
}
