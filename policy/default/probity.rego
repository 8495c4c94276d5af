# METADATA
# title: probity default policy
# description: >-
#   Decides allow, review or deny for one contract from its parties, their
#   screening hits, the findings on them and the exposure paths that reach
#   other organizations. See POLICY.md for the published text.
package probity

# Findings of this severity are "serious violations".
serious_severities := {"high", "critical"}

# Findings with this status are established, not merely reported.
established_statuses := {"substantiated", "adjudicated"}

# Roles whose conduct the contract serves directly: the client and the end user.
client_roles := {"buyer", "end_user"}

# Roles of the vendor's own contractors.
contractor_roles := {"supplier", "subcontractor"}

# Steps that stay within the client: into what it is part of, and from a
# reseller to the end user it resells to.
client_chain_kinds := {"part_of", "end_user"}

# Sanctions programmes adopted for human-rights abuses (OFAC programme tags):
# Global Magnitsky, and the Iran and Syria human-rights programmes.
human_rights_programmes := {"GLOMAG", "IRAN-HR", "HRIT-IR", "HRIT-SY"}

# ---------------------------------------------------------------------------
# What the contract reaches: every party itself (no path) and every exposure
# path, each with the roles of the party it starts from. Indexes are built
# once per decision.

findings_by_org := {org: fs |
	some f in input.findings
	org := f.org_id
	fs := [g | some g in input.findings; g.org_id == org]
}

reach contains r if {
	some p in input.parties
	r := {"from": p.org_id, "to": p.org_id, "roles": p.roles, "kinds": [], "path": ""}
}

reach contains r if {
	some x in input.exposure
	r := {"from": x.from, "to": x.to, "roles": x.roles, "kinds": x.kinds, "path": x.id}
}

# Reached through the client: from a buyer or end user, staying within it.
client_reach contains r if {
	some r in reach
	some role in r.roles
	role in client_roles
	every k in r.kinds {
		k in client_chain_kinds
	}
}

# Reached from a buyer or end user through any other relation (supports,
# subsidiary_of, parent_of, reseller_for, subcontractor).
related_reach contains r if {
	some r in reach
	some role in r.roles
	role in client_roles
	some k in r.kinds
	not k in client_chain_kinds
}

# Reached from the vendor's side: a supplier or subcontractor and what it
# relates to.
contractor_reach contains r if {
	some r in reach
	some role in r.roles
	role in contractor_roles
}

reached_orgs contains r.to if some r in reach

client_orgs contains r.to if some r in client_reach

# ---------------------------------------------------------------------------
# Helpers for messages and references.

finding_ref(f) := {"kind": "finding", "id": sprintf("%d", [f.id])}

hit_ref(h) := {"kind": "hit", "id": h.id}

refs(f, r) := {finding_ref(f), {"kind": "path", "id": r.path}} if r.path != ""

refs(f, r) := {finding_ref(f)} if r.path == ""

org_label(f) := sprintf("%s (org %v)", [f.org_name, f.org_id]) if {
	f.org_name
	f.org_name != ""
} else := sprintf("org %v", [f.org_id])

via(r) := "as a party" if r.path == ""

via(r) := sprintf("via %s from party %v", [concat(" > ", r.kinds), r.from]) if r.path != ""

finding_text(f) := sprintf("%s has a %s finding of %s (severity %s)", [org_label(f), f.status, f.category, f.severity])

established_serious(f) if {
	f.status in established_statuses
	f.severity in serious_severities
}

hr_programmes(h) := {p | some p in h.programs; upper(p) in human_rights_programmes}

# ---------------------------------------------------------------------------
# Rules. Each reason names its rule id and effect.

# deny.client-violations: a client, an end user, or anything it is part of
# has substantiated or adjudicated findings of serious violations.
reasons contains reason if {
	some r in client_reach
	some f in findings_by_org[r.to]
	established_serious(f)
	reason := {
		"rule_id": "deny.client-violations",
		"effect": "deny",
		"severity": f.severity,
		"message": sprintf("%s, reached %s", [finding_text(f), via(r)]),
		"refs": refs(f, r),
	}
}

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
		"message": sprintf("%s is listed on %s (entry %s) under %s", [org_label(h), h.list, h.source_id, concat(", ", sort(progs))]),
		"refs": {hit_ref(h)},
	}
}

# review.client-findings: findings on the client side that are not both
# established and serious: alleged or credible ones, or established ones of
# low or medium severity.
reasons contains reason if {
	some r in client_reach
	some f in findings_by_org[r.to]
	not established_serious(f)
	reason := {
		"rule_id": "review.client-findings",
		"effect": "review",
		"severity": f.severity,
		"message": sprintf("%s, reached %s", [finding_text(f), via(r)]),
		"refs": refs(f, r),
	}
}

# review.unconfirmed-hit: a party or a reached organization matches a
# watch-list entry that nobody has confirmed yet.
reasons contains reason if {
	some h in input.screening
	h.match == true
	not h.confirmed == true
	h.org_id in reached_orgs
	reason := {
		"rule_id": "review.unconfirmed-hit",
		"effect": "review",
		"message": sprintf("%s matches %s entry %s (score %v); the match needs confirming", [org_label(h), h.list, h.source_id, h.score]),
		"refs": {hit_ref(h)},
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
		"message": sprintf("%s is listed on %s (entry %s, programmes: %s)", [org_label(h), h.list, h.source_id, concat(", ", sort(h.programs))]),
		"refs": {hit_ref(h)},
	}
}

hr_listed_client(h) if {
	h.org_id in client_orgs
	count(hr_programmes(h)) > 0
}

# review.contractor-exposure: a supplier or subcontractor, or what it relates
# to, has findings of any status.
reasons contains reason if {
	some r in contractor_reach
	some f in findings_by_org[r.to]
	reason := {
		"rule_id": "review.contractor-exposure",
		"effect": "review",
		"severity": f.severity,
		"message": sprintf("contractor exposure: %s, reached %s", [finding_text(f), via(r)]),
		"refs": refs(f, r),
	}
}

# review.related-exposure: the client supports, belongs to a group with, or
# otherwise relates to an organization with findings of any status.
reasons contains reason if {
	some r in related_reach
	some f in findings_by_org[r.to]
	reason := {
		"rule_id": "review.related-exposure",
		"effect": "review",
		"severity": f.severity,
		"message": sprintf("related exposure: %s, reached %s", [finding_text(f), via(r)]),
		"refs": refs(f, r),
	}
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
