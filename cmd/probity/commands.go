package main

import (
	"context"
	"strings"
)

// The command table: every command of probity, in the order "probity help"
// lists them. To add a command, add one line here — {name: "copy", summary:
// "…", db: noDB, run: (*Main).runCopy} — and write runCopy in a file of its
// own; a command with subcommands lists them in subcommands instead of run.
func commands() []command {
	return []command{
		{name: "ingest", usage: "ingest ocds|usaspending PATH...", summary: "load contracts into the register", db: createsDB, subcommands: []subcommand{
			{"ocds", (*Main).ingestOCDS}, {"usaspending", (*Main).ingestUSAspending}}},
		{name: "contracts", summary: "the contract register", db: usesDB, subcommands: []subcommand{
			{"list", (*Main).contractsList}, {"show", (*Main).contractsShow}}},
		{name: "orgs", summary: "organizations, and why records were merged", db: usesDB, subcommands: []subcommand{
			{"list", (*Main).orgsList}, {"show", (*Main).orgsShow}}},
		{name: "export", summary: "the register as an OCDS record package", db: usesDB, subcommands: []subcommand{
			{"ocds", (*Main).exportOCDS}}},
		{name: "lists", usage: "lists load ofac|un|ftm|csv PATH; lists list", summary: "watch lists and their versions", db: usesDB, subcommands: []subcommand{
			{"load", (*Main).listsLoad}, {"list", (*Main).listsList}}},
		{name: "screen", usage: "screen NAME | screen --batch FILE", summary: "screen names against the lists", db: usesDB, run: (*Main).runScreen},
		{name: "compare", usage: "compare NAME1 NAME2 | compare --batch FILE", summary: "score two names", db: noDB, run: (*Main).runCompare},
		{name: "findings", summary: "the evidence base", db: usesDB, subcommands: []subcommand{
			{"add", (*Main).findingsAdd}, {"update", (*Main).findingsUpdate}, {"import", (*Main).findingsImport},
			{"list", (*Main).findingsList}, {"show", (*Main).findingsShow}}},
		{name: "relations", summary: "relationships between organizations", db: usesDB, subcommands: []subcommand{
			{"add", (*Main).relationsAdd}, {"list", (*Main).relationsList}}},
		{name: "policy", usage: "policy test|publish|show DIR", summary: "the policy as code (OPA/Rego)", db: usesDB, subcommands: []subcommand{
			{"test", (*Main).policyTest}, {"publish", (*Main).policyPublish}, {"show", (*Main).policyShow}}},
		{name: "decide", usage: "decide --all | --contract ID", summary: "decide contracts under the published policy", db: usesDB, run: (*Main).runDecide},
		{name: "decisions", summary: "decisions, and why", db: usesDB, subcommands: []subcommand{
			{"list", (*Main).decisionsList}, {"show", (*Main).decisionsShow}, {"changed", (*Main).decisionsChanged}}},
		{name: "cases", summary: "review cases", db: usesDB, subcommands: []subcommand{
			{"list", (*Main).casesList}, {"show", (*Main).casesShow}, {"open", (*Main).casesOpen}, {"assign", (*Main).casesAssign},
			{"comment", (*Main).casesComment}, {"attach", (*Main).casesAttach}, {"decide", (*Main).casesDecide}, {"sync", (*Main).casesSync}}},
		{name: "concerns", summary: "employee concerns", db: usesDB, subcommands: []subcommand{
			{"raise", (*Main).concernsRaise}, {"sign", (*Main).concernsSign}, {"list", (*Main).concernsList}, {"show", (*Main).concernsShow}}},
		{name: "users", summary: "users and roles", db: usesDB, subcommands: []subcommand{
			{"add", (*Main).usersAdd}, {"set", (*Main).usersSet}, {"list", (*Main).usersList}, {"invite", (*Main).usersInvite}}},
		{name: "tokens", summary: "API tokens", db: usesDB, subcommands: []subcommand{
			{"create", (*Main).tokensCreate}, {"revoke", (*Main).tokensRevoke}, {"list", (*Main).tokensList}}},
		{name: "serve", usage: "serve [--addr 127.0.0.1:8080]", summary: "the HTTP API", db: usesDB, run: (*Main).runServe},
		{name: "copy", usage: "copy --from PATH --to postgres://…", summary: "move an embedded install onto PostgreSQL, checked", db: noDB, run: (*Main).runCopy},
		{name: "log", usage: "log key [--add] | log export DIR | log audit", summary: "the transparency log: its verifier key, a static copy", db: usesDB, subcommands: []subcommand{
			{"key", (*Main).logKey}, {"export", (*Main).logExport}, {"audit", (*Main).logAudit}}},
		{name: "verify", usage: "verify --server URL [--state FILE] [--key VKEY] [--mirror DIR]", summary: "check a probity log from outside: nothing rewritten or removed", db: noDB, run: (*Main).runVerify},
		{name: "status", usage: "status [--json]", summary: "pending work after changes, and the change counter", db: usesDB, run: (*Main).runStatus},
		{name: "audit", usage: "audit [--object KIND:ID] [--actor NAME]", summary: "the audit log", db: usesDB, run: (*Main).runAudit},
		{name: "demo", usage: "demo [--addr ADDR] [--no-serve]", summary: "load the shipped 2018 scenario and serve it", db: createsDB, run: (*Main).runDemo},
		{name: "migrate", usage: "migrate", summary: "create the database, or bring its schema up to date", db: createsDB, run: (*Main).runMigrate},
	}
}

// runFunc runs a command or subcommand with its own arguments.
type runFunc func(m *Main, ctx context.Context, args []string) error

// command is one entry of the command table. It has either run or
// subcommands.
type command struct {
	name    string
	usage   string // synopsis for "probity help"; default: name and the subcommands
	summary string
	db      dbUse
	run     runFunc
	// subcommands: the first argument picks one, which gets the rest.
	subcommands []subcommand
}

type subcommand struct {
	name string
	run  runFunc
}

// dbUse says what a command does with the database named by --db.
type dbUse int

const (
	// noDB: the command never opens the database.
	noDB dbUse = iota
	// usesDB: the command works on an existing database; a --db naming a
	// SQLite file that does not exist is an error (a typo must not leave
	// an empty database behind and answer "no contracts").
	usesDB
	// createsDB: the command may create the database (ingest, demo,
	// migrate).
	createsDB
)

// synopsis is the command's line in "probity help".
func (c *command) synopsis() string {
	if c.usage != "" {
		return c.usage
	}
	if len(c.subcommands) == 0 {
		return c.name
	}
	return c.name + " " + strings.Join(c.subcommandNames(), "|")
}

func (c *command) subcommandNames() []string {
	names := make([]string, len(c.subcommands))
	for i, s := range c.subcommands {
		names[i] = s.name
	}
	return names
}

// want lists the subcommands for an error message: "list, show or open".
func (c *command) want() string {
	names := c.subcommandNames()
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// dispatch runs the command: its own run, or the subcommand its first
// argument names.
func (c *command) dispatch(m *Main, ctx context.Context, args []string) error {
	if c.run != nil {
		return c.run(m, ctx, args)
	}
	if len(args) == 0 {
		return usagef("%s: want %s", c.name, c.want())
	}
	for _, s := range c.subcommands {
		if s.name == args[0] {
			return s.run(m, ctx, args[1:])
		}
	}
	return usagef("%s: unknown subcommand %q (want %s)", c.name, args[0], c.want())
}
