// Package review is the review workflow on top of the store: cases opened
// by review and deny decisions (SyncDecisions), by hand, or by escalated
// employee concerns; assignment, comments, evidence and decisions; and the
// rules that make the review accountable:
//
//   - roles: employees (and above) comment, raise and sign concerns and may
//     ask for a review of a deal they requested; reviewers and admins
//     assign, attach evidence and decide;
//   - separation of duties (duties.go): nobody with a stake in a case —
//     whoever requested the deal, the raiser and every signer of a concern
//     that escalated to it — can be assigned it or decide it, and
//     overriding a deny (approving a case whose contract's latest decision
//     is deny, however the case was opened) takes two different reviewers;
//   - approve_with_conditions needs the conditions; cancel_contract sets the
//     contract's status to cancelled and records why on the contract;
//   - due dates (14 days, 3 for high priority) and an overdue list;
//   - concerns: one signature per person (the raiser signs first); at the
//     concern's threshold (default 100) it escalates, once, to a
//     high-priority case, or joins the contract's undecided case.
//
// Every check runs in the same store transaction as the change it allows,
// and every change appends an audit entry in that transaction.
package review
