# METADATA
# title: probity default policy
# description: >-
#   Decides allow, review or deny for one contract from its parties, their
#   screening hits, the findings on them and the exposure paths that reach
#   other organizations. See POLICY.md for the published text.
package probity

# This module is written to be cheap to evaluate, as it runs for every
# contract. The join of findings and hits to what the contract reaches is
# the costly part, so probity computes it before evaluation and passes it as
# input.derived (see the input schema); this module uses that when it was
# computed with this module's definitions (rule derivation) and otherwise
# computes the same value itself (rule derived), so that tests and replays
# of a recorded input, which lack it, decide the same. The rules that run
# for every input take the words of finding messages ready from the join and
# join the rest with concat; only the join's own computation and the score
# of an unconfirmed hit use sprintf.

# The definitions the join of findings to what the contract reaches rests
# on, in one literal so that input.derived (which states those it was
# computed with) can be checked against them at the cost of one comparison.
derivation := {
	# Findings of this severity are "serious violations".
	"serious_severities": {"high", "critical"},
	# Findings with this status are established, not merely reported.
	"established_statuses": {"substantiated", "adjudicated"},
	# The side of the contract each party role is on: the client (whose
	# conduct the contract serves directly: the buyer and the end user) or
	# the vendor's own contractors (supplier and subcontractor).
	"role_side": {"buyer": "client", "end_user": "client", "supplier": "contractor", "subcontractor": "contractor"},
	# Steps that stay within the client: into what it is part of, and from a
	# reseller to the end user it resells to.
	"client_chain_kinds": {"part_of", "end_user"},
	# The side an exposure path reaches, by the side of the party it starts
	# from and by whether any step leaves the client chain: from the client,
	# a path that stays within it reaches the client ("client"); one that
	# leaves it (supports, subsidiary_of, parent_of, reseller_for,
	# subcontractor) reaches a "related" organization. From a contractor, any
	# path reaches the contractor side.
	"path_side": {
		"client": {false: "client", true: "related"},
		"contractor": {false: "contractor", true: "contractor"},
	},
}

serious_severities := derivation.serious_severities

established_statuses := derivation.established_statuses

role_side := derivation.role_side

client_chain_kinds := derivation.client_chain_kinds

path_side := derivation.path_side

# Sanctions programmes adopted for human-rights abuses (OFAC programme tags):
# Global Magnitsky, and the Iran and Syria human-rights programmes.
human_rights_programmes := {"GLOMAG", "IRAN-HR", "HRIT-IR", "HRIT-SY"}

# ---------------------------------------------------------------------------
# What the contract reaches, joined to the findings and hits on it.
#
# derived.findings files, under the side it is reached on, a "reach" for
# each finding on an organization the contract reaches and each way it is
# reached: as a party, once per role; through each exposure path, once per
# role of the party it starts from. A reach is a tuple: [the finding's id,
# its severity, whether it is established, whether it is serious, the party
# the way starts from, the path (null when reached as a party), the
# references, the finding and the way in words]. derived.hits holds the hits
# on reached organizations, with whether one is reached through the client.

derived := input.derived if {
	input.derived.basis == derivation
} else := {"basis": derivation, "findings": derived_findings, "hits": derived_hits}

# input.derived is used only when it was computed with this module's
# definitions (derivation): a policy that changes any of them computes the
# join itself.

reach := array.concat(
	[r |
		sides := role_side
		some p in input.parties
		some role in p.roles
		r := {"to": p.org_id, "side": sides[role], "from": p.org_id, "via": "as a party"}
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
			"from": x.from,
			"path": x.id,
			"via": sprintf("via %s from party %v", [concat(" > ", x.kinds), x.from]),
		}
	],
)

# How an organization is named in messages: "Name (org 7)", or "org 7" when
# the name is missing or empty.
org_label(name, org) := sprintf("%s (org %v)", [name, org]) if name != ""

else := sprintf("org %v", [org])

finding_reaches := [[r.side, e] |
	some f in input.findings
	label := org_label(object.get(f, "org_name", ""), f.org_id)
	established := f.status in established_statuses
	serious := f.severity in serious_severities
	ref := {"kind": "finding", "id": format_int(f.id, 10)}
	some r in reach
	r.to == f.org_id
	text := sprintf("%s has a %s finding of %s (severity %s), reached %s", [label, f.status, f.category, f.severity, r.via])
	e := [f.id, f.severity, established, serious, r.from, reach_path(r), reach_refs(r, ref), text]
]

reach_path(r) := r.path if r.path

else := null

reach_refs(r, ref) := [ref, {"kind": "path", "id": r.path}] if r.path

else := [ref]

derived_findings := {side: [e | some [s, e] in finding_reaches; s == side] | some side in ["client", "contractor", "related"]}

derived_hits := [d |
	some h in input.screening
	sides := [r.side | some r in reach; r.to == h.org_id]
	sides != []
	d := {
		"hit": h,
		"label": org_label(object.get(h, "org_name", ""), h.org_id),
		"client": "client" in sides,
	}
]

# ---------------------------------------------------------------------------
# Rules on findings, one per side they are reached on.
#
# deny.client-violations: a client, an end user, or anything it is part of
# has substantiated or adjudicated findings of serious violations.
#
# review.client-findings: findings on the client side that are not both
# established and serious: alleged or credible ones, or established ones of
# low or medium severity.

# The rule id and effect for a finding on the client side, by whether it is
# established and whether it is serious.
client_rules := {
	true: {true: ["deny.client-violations", "deny"], false: ["review.client-findings", "review"]},
	false: {true: ["review.client-findings", "review"], false: ["review.client-findings", "review"]},
}

reasons contains reason if {
	rules := client_rules
	some [_, severity, established, serious, _, _, refs, text] in derived.findings.client
	[rule_id, effect] := rules[established][serious]
	reason := {"rule_id": rule_id, "effect": effect, "severity": severity, "message": text, "refs": refs}
}

# review.contractor-exposure: a supplier or subcontractor, or what it relates
# to, has findings of any status.
reasons contains reason if {
	some [_, severity, _, _, _, _, refs, text] in derived.findings.contractor
	reason := {
		"rule_id": "review.contractor-exposure",
		"effect": "review",
		"severity": severity,
		"message": concat("", ["contractor exposure: ", text]),
		"refs": refs,
	}
}

# review.related-exposure: the client supports, belongs to a group with, or
# otherwise relates to an organization with findings of any status.
reasons contains reason if {
	some [_, severity, _, _, _, _, refs, text] in derived.findings.related
	reason := {
		"rule_id": "review.related-exposure",
		"effect": "review",
		"severity": severity,
		"message": concat("", ["related exposure: ", text]),
		"refs": refs,
	}
}

# ---------------------------------------------------------------------------
# Rules on screening hits.

hr_programmes(h) := {p | some p in h.programs; upper(p) in human_rights_programmes}

# deny.human-rights-sanctions: a client, an end user, or anything it is part
# of is confirmed as listed under a human-rights sanctions programme.
reasons contains reason if {
	some d in derived.hits
	h := d.hit
	h.confirmed == true
	d.client == true
	progs := hr_programmes(h)
	count(progs) > 0
	reason := {
		"rule_id": "deny.human-rights-sanctions",
		"effect": "deny",
		"message": concat("", [d.label, " is listed on ", h.list, " (entry ", h.source_id, ") under ", concat(", ", sort(progs))]),
		"refs": [{"kind": "hit", "id": h.id}],
	}
}

# review.unconfirmed-hit: a party or a reached organization matches a
# watch-list entry that nobody has confirmed yet.
reasons contains reason if {
	some d in derived.hits
	h := d.hit
	h.match == true
	h.confirmed != true
	reason := {
		"rule_id": "review.unconfirmed-hit",
		"effect": "review",
		"message": sprintf("%s matches %s entry %s (score %v); the match needs confirming", [d.label, h.list, h.source_id, h.score]),
		"refs": [{"kind": "hit", "id": h.id}],
	}
}

# review.listed: a confirmed listing that does not call for denial: a list
# other than a human-rights programme, or an organization reached other than
# through the client.
reasons contains reason if {
	some d in derived.hits
	h := d.hit
	h.confirmed == true
	not hr_listed_client(d)
	reason := {
		"rule_id": "review.listed",
		"effect": "review",
		"message": concat("", [d.label, " is listed on ", h.list, " (entry ", h.source_id, ", programmes: ", concat(", ", sort(h.programs)), ")"]),
		"refs": [{"kind": "hit", "id": h.id}],
	}
}

hr_listed_client(d) if {
	d.client == true
	count(hr_programmes(d.hit)) > 0
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
