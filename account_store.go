package probity

// AccountStore keeps users, their roles and API tokens, and web sessions.
// (Filled in by the accounts work: see issue 5.)
type AccountStore interface{}
