package probity

// ReviewStore keeps review cases and employee concerns. (Filled in by the
// review work: see issue 5.)
type ReviewStore interface{}
