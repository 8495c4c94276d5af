# METADATA
# title: probity default policy
# description: >-
#   Decides allow, review or deny for one contract from its parties, their
#   screening hits, the findings on them and the exposure paths that reach
#   other organizations. See POLICY.md for the published text.
package probity

# This module is written to be cheap to evaluate, as it runs for every
# contract: what the contract reaches is listed once, findings are joined to
# it through an indexed comprehension (one pass, not findings × paths), rules
# are chosen by table look-ups rather than by helper functions, and messages
# are formatted only for reasons that fire.

# Findings of this severity are "serious violations".
serious_severities := {"high", "critical"}

# Findings with this status are established, not merely reported.
established_statuses := {"substantiated", "adjudicated"}

# The side of the contract each party role is on: the client (whose conduct
# the contract serves directly: the buyer and the end user) or the vendor's
# own contractors (supplier and subcontractor).
role_side := {"buyer": "client", "end_user": "client", "supplier": "contractor", "subcontractor": "contractor"}

# Steps that stay within the client: into what it is part of, and from a
# reseller to the end user it resells to.
client_chain_kinds := {"part_of", "end_user"}

# The side an exposure path reaches, by the side of the party it starts from
# and by whether any step leaves the client chain: from the client, a path
# that stays within it reaches the client ("client"); one that leaves it
# (supports, subsidiary_of, parent_of, reseller_for, subcontractor) reaches a
# "related" organization. From a contractor, any path reaches the contractor
# side.
path_side := {
	"client": {false: "client", true: "related"},
	"contractor": {false: "contractor", true: "contractor"},
}

# Sanctions programmes adopted for human-rights abuses (OFAC programme tags):
# Global Magnitsky, and the Iran and Syria human-rights programmes.
human_rights_programmes := {"GLOMAG", "IRAN-HR", "HRIT-IR", "HRIT-SY"}

# ---------------------------------------------------------------------------
# What the contract reaches: every party itself (no path) and every exposure
# path, once per role of the party it starts from, with the side it is
# reached on, the references and the words that explain how.

reach := array.concat(
	[r |
		sides := role_side
		some p in input.parties
		some role in p.roles
		r := {"to": p.org_id, "side": sides[role], "refs": [], "via": "as a party"}
	],
	[r |
		sides := role_side
		by_start := path_side
		chain := client_chain_kinds
		some x in input.exposure
		leaves_client := [k | some k in x.kinds; not chain[k]] != []
		some role in x.roles
		r := {
			"to": x.to,
			"side": by_start[sides[role]][leaves_client],
			"refs": [{"kind": "path", "id": x.id}],
			"via": sprintf("via %s from party %v", [concat(" > ", x.kinds), x.from]),
		}
	],
)

reached_orgs := {r.to | some r in reach}

# Reached through the client: a client party, or a path from one that stays
# within the client chain.
client_orgs := {r.to | some r in reach; r.side == "client"}

# ---------------------------------------------------------------------------
# Rules on findings. For a finding reached on each side — and, on the client
# side, by whether it is both established and serious — the rule id, its
# effect and the message's prefix:
#
# deny.client-violations: a client, an end user, or anything it is part of
# has substantiated or adjudicated findings of serious violations.
#
# review.client-findings: findings on the client side that are not both
# established and serious: alleged or credible ones, or established ones of
# low or medium severity.
#
# review.contractor-exposure: a supplier or subcontractor, or what it relates
# to, has findings of any status.
#
# review.related-exposure: the client supports, belongs to a group with, or
# otherwise relates to an organization with findings of any status.
finding_rules := {
	"client": {
		true: ["deny.client-violations", "deny", ""],
		false: ["review.client-findings", "review", ""],
	},
	"contractor": {
		true: ["review.contractor-exposure", "review", "contractor exposure: "],
		false: ["review.contractor-exposure", "review", "contractor exposure: "],
	},
	"related": {
		true: ["review.related-exposure", "review", "related exposure: "],
		false: ["review.related-exposure", "review", "related exposure: "],
	},
}

# How an organization is named in messages, as a format whose argument 2 is
# its name and argument 3 its id: "Name (org 7)", or "org 7" when the name is
# missing or empty. Indexed by whether the name is empty.
label_formats := {false: "%[2]s (org %[3]v)", true: "org %[3]v"}

reasons contains reason if {
	rules := finding_rules
	labels := label_formats
	established := established_statuses
	serious := serious_severities
	some f in input.findings
	org := f.org_id
	ways := [r | some r in reach; r.to == org] # indexed by org: one pass over reach
	some r in ways
	grave := [f.status in established, f.severity in serious] == [true, true]
	[rule_id, effect, prefix] := rules[r.side][grave]
	name := object.get(f, "org_name", "")
	text := concat("", ["%[1]s", labels[name == ""], " has a %[4]s finding of %[5]s (severity %[6]s), reached %[7]s"])
	reason := {
		"rule_id": rule_id,
		"effect": effect,
		"severity": f.severity,
		"message": sprintf(text, [prefix, name, org, f.status, f.category, f.severity, r.via]),
		"refs": array.concat([{"kind": "finding", "id": format_int(f.id, 10)}], r.refs),
	}
}

# ---------------------------------------------------------------------------
# Rules on screening hits.

hr_programmes(h) := {p | some p in h.programs; upper(p) in human_rights_programmes}

hit_label(h) := sprintf(label_formats[name == ""], ["", name, h.org_id]) if name := object.get(h, "org_name", "")

# deny.human-rights-sanctions: a client, an end user, or anything it is part
# of is confirmed as listed under a human-rights sanctions programme.
reasons contains reason if {
	some h in input.screening
	h.confirmed == true
	h.org_id in client_orgs
	progs := hr_programmes(h)
	count(progs) > 0
	reason := {
		"rule_id": "deny.human-rights-sanctions",
		"effect": "deny",
		"message": sprintf("%s is listed on %s (entry %s) under %s", [hit_label(h), h.list, h.source_id, concat(", ", sort(progs))]),
		"refs": [{"kind": "hit", "id": h.id}],
	}
}

# review.unconfirmed-hit: a party or a reached organization matches a
# watch-list entry that nobody has confirmed yet.
reasons contains reason if {
	some h in input.screening
	h.match == true
	h.confirmed != true
	h.org_id in reached_orgs
	reason := {
		"rule_id": "review.unconfirmed-hit",
		"effect": "review",
		"message": sprintf("%s matches %s entry %s (score %v); the match needs confirming", [hit_label(h), h.list, h.source_id, h.score]),
		"refs": [{"kind": "hit", "id": h.id}],
	}
}

# review.listed: a confirmed listing that does not call for denial: a list
# other than a human-rights programme, or an organization reached other than
# through the client.
reasons contains reason if {
	some h in input.screening
	h.confirmed == true
	h.org_id in reached_orgs
	not hr_listed_client(h)
	reason := {
		"rule_id": "review.listed",
		"effect": "review",
		"message": sprintf("%s is listed on %s (entry %s, programmes: %s)", [hit_label(h), h.list, h.source_id, concat(", ", sort(h.programs))]),
		"refs": [{"kind": "hit", "id": h.id}],
	}
}

hr_listed_client(h) if {
	h.org_id in client_orgs
	count(hr_programmes(h)) > 0
}

# ---------------------------------------------------------------------------
# The decision: the strictest effect among the reasons.

default outcome := "allow"

outcome := "deny" if {
	some r in reasons
	r.effect == "deny"
} else := "review" if {
	some r in reasons
	r.effect == "review"
}

decision := {"outcome": outcome, "reasons": reasons}
