package probity_test

import data.probity

# Fixtures: ICE (1) part of DHS (2); Microsoft (10) supplies; a reseller (11)
# buys for an end user (1).

ice := {"org_id": 1, "name": "ICE", "roles": ["buyer"], "kind": "government"}

vendor := {"org_id": 10, "name": "Vendor", "roles": ["supplier"], "kind": "company"}

reseller_buyer := {"org_id": 11, "name": "Reseller", "roles": ["buyer"], "kind": "company"}

finding(id, org, status, severity) := {
	"id": id, "org_id": org, "org_name": "X", "category": "family_separation",
	"status": status, "severity": severity, "legal_basis": [{"instrument": "CRC", "article": "9"}],
}

hit(id, org, programs, match, confirmed) := {
	"id": id, "org_id": org, "list": "us_ofac_sdn", "source_id": "1",
	"programs": programs, "score": 0.97, "match": match, "confirmed": confirmed,
}

path(id, from, roles, to, kinds) := {"id": id, "from": from, "roles": roles, "to": to, "kinds": kinds, "nodes": [], "depth": count(kinds)}

base := {
	"contract": {"id": "c1", "title": "cloud", "status": "active"},
	"parties": [ice, vendor],
	"screening": [],
	"findings": [],
	"exposure": [],
}

with_(extra) := object.union(base, extra)

rule_ids(d) := {r.rule_id | some r in d.reasons}

# --- allow ------------------------------------------------------------------

test_allow_when_nothing_is_known if {
	d := probity.decision with input as base
	d.outcome == "allow"
	count(d.reasons) == 0
}

# --- deny.client-violations ---------------------------------------------------

test_deny_buyer_substantiated_serious if {
	d := probity.decision with input as with_({"findings": [finding(1, 1, "substantiated", "critical")]})
	d.outcome == "deny"
	"deny.client-violations" in rule_ids(d)
}

test_deny_through_part_of if {
	d := probity.decision with input as with_({
		"findings": [finding(2, 2, "adjudicated", "high")],
		"exposure": [path("1>2", 1, ["buyer"], 2, ["part_of"])],
	})
	d.outcome == "deny"
	some r in d.reasons
	r.rule_id == "deny.client-violations"
	{"kind": "path", "id": "1>2"} in r.refs
	{"kind": "finding", "id": "2"} in r.refs
}

test_deny_reseller_end_user_chain if {
	d := probity.decision with input as object.union(base, {
		"parties": [reseller_buyer, vendor],
		"findings": [finding(3, 2, "substantiated", "critical")],
		"exposure": [path("11>1>2", 11, ["buyer"], 2, ["end_user", "part_of"])],
	})
	d.outcome == "deny"
}

test_not_deny_when_severity_low if {
	d := probity.decision with input as with_({"findings": [finding(1, 1, "substantiated", "low")]})
	d.outcome == "review"
	not "deny.client-violations" in rule_ids(d)
}

test_not_deny_when_only_alleged if {
	d := probity.decision with input as with_({"findings": [finding(1, 1, "alleged", "critical")]})
	d.outcome == "review"
	not "deny.client-violations" in rule_ids(d)
}

test_not_deny_down_from_supplier if {
	# the supplier's end users are not this contract's end users
	d := probity.decision with input as with_({
		"findings": [finding(4, 20, "adjudicated", "critical")],
		"exposure": [path("10>20", 10, ["supplier"], 20, ["end_user"])],
	})
	d.outcome == "review"
	not "deny.client-violations" in rule_ids(d)
}

# --- deny.human-rights-sanctions ------------------------------------------------

test_deny_confirmed_glomag_buyer if {
	d := probity.decision with input as with_({"screening": [hit("h1", 1, ["GLOMAG"], true, true)]})
	d.outcome == "deny"
	"deny.human-rights-sanctions" in rule_ids(d)
}

test_deny_confirmed_glomag_department if {
	d := probity.decision with input as with_({
		"screening": [hit("h1", 2, ["glomag"], true, true)],
		"exposure": [path("1>2", 1, ["buyer"], 2, ["part_of"])],
	})
	d.outcome == "deny"
}

test_not_deny_other_programme if {
	d := probity.decision with input as with_({"screening": [hit("h1", 1, ["SDGT"], true, true)]})
	d.outcome == "review"
	rule_ids(d) == {"review.listed"}
}

test_not_deny_glomag_contractor if {
	d := probity.decision with input as with_({"screening": [hit("h1", 10, ["GLOMAG"], true, true)]})
	d.outcome == "review"
	rule_ids(d) == {"review.listed"}
}

# --- review.client-findings -----------------------------------------------------

test_review_credible_client_finding if {
	d := probity.decision with input as with_({"findings": [finding(1, 1, "credible", "high")]})
	d.outcome == "review"
	rule_ids(d) == {"review.client-findings"}
}

test_no_review_for_unrelated_finding if {
	# a finding on an organization the contract does not reach
	d := probity.decision with input as with_({"findings": [finding(1, 99, "alleged", "high")]})
	d.outcome == "allow"
}

# --- review.unconfirmed-hit -------------------------------------------------------

test_review_unconfirmed_hit if {
	d := probity.decision with input as with_({"screening": [hit("h1", 1, ["GLOMAG"], true, false)]})
	d.outcome == "review"
	rule_ids(d) == {"review.unconfirmed-hit"}
}

test_no_review_for_non_match if {
	d := probity.decision with input as with_({"screening": [hit("h1", 1, ["GLOMAG"], false, false)]})
	d.outcome == "allow"
}

# --- review.contractor-exposure ---------------------------------------------------

test_review_contractor_finding if {
	d := probity.decision with input as with_({"findings": [finding(5, 10, "adjudicated", "critical")]})
	d.outcome == "review"
	rule_ids(d) == {"review.contractor-exposure"}
}

test_review_subcontractor_parent if {
	d := probity.decision with input as object.union(base, {
		"parties": [ice, vendor, {"org_id": 12, "name": "Sub", "roles": ["subcontractor"], "kind": "company"}],
		"findings": [finding(6, 30, "credible", "high")],
		"exposure": [path("12>30", 12, ["subcontractor"], 30, ["subsidiary_of"])],
	})
	d.outcome == "review"
	rule_ids(d) == {"review.contractor-exposure"}
}

test_no_contractor_review_without_findings if {
	d := probity.decision with input as with_({"exposure": [path("10>30", 10, ["supplier"], 30, ["subsidiary_of"])]})
	d.outcome == "allow"
}

# --- review.related-exposure ------------------------------------------------------

test_review_buyer_supports_flagged if {
	d := probity.decision with input as with_({
		"findings": [finding(7, 40, "substantiated", "critical")],
		"exposure": [path("1>40", 1, ["buyer"], 40, ["supports"])],
	})
	d.outcome == "review"
	rule_ids(d) == {"review.related-exposure"}
}

test_no_related_review_through_part_of if {
	d := probity.decision with input as with_({
		"findings": [finding(8, 2, "alleged", "low")],
		"exposure": [path("1>2", 1, ["buyer"], 2, ["part_of"])],
	})
	not "review.related-exposure" in rule_ids(d)
}

# --- the decision -------------------------------------------------------------------

test_deny_wins_over_review if {
	d := probity.decision with input as with_({"findings": [
		finding(1, 1, "substantiated", "critical"),
		finding(2, 1, "alleged", "low"),
	]})
	d.outcome == "deny"
	rule_ids(d) == {"deny.client-violations", "review.client-findings"}
}

# --- structure: sides of a party with several roles, and mixed paths ----------

test_party_on_both_sides if {
	# one organization that buys and supplies is judged on both sides
	both := {"org_id": 5, "name": "Both", "roles": ["buyer", "supplier"], "kind": "company"}
	d := probity.decision with input as object.union(base, {
		"parties": [both],
		"findings": [finding(9, 5, "adjudicated", "high")],
	})
	d.outcome == "deny"
	rule_ids(d) == {"deny.client-violations", "review.contractor-exposure"}
	count(d.reasons) == 2
}

test_path_leaving_client_chain_is_related if {
	# a reseller's end user that supports a flagged organization: the last
	# step leaves the client chain, so the finding is related exposure
	d := probity.decision with input as object.union(base, {
		"parties": [reseller_buyer, vendor],
		"findings": [finding(10, 50, "substantiated", "critical")],
		"exposure": [path("11>1>50", 11, ["buyer"], 50, ["end_user", "supports"])],
	})
	d.outcome == "review"
	rule_ids(d) == {"review.related-exposure"}
	some r in d.reasons
	r.message == "related exposure: X (org 50) has a substantiated finding of family_separation (severity critical), reached via end_user > supports from party 11"
	{"kind": "path", "id": "11>1>50"} in r.refs
	{"kind": "finding", "id": "10"} in r.refs
}

test_unnamed_hit_label if {
	d := probity.decision with input as with_({"screening": [hit("h9", 1, ["SDGT"], true, false)]})
	some r in d.reasons
	r.message == "org 1 matches us_ofac_sdn entry 1 (score 0.97); the match needs confirming"
}

# --- the derived join: given by probity (input.derived) or computed here -----

supports_flagged := with_({
	"findings": [finding(7, 40, "credible", "high")],
	"exposure": [path("1>40", 1, ["buyer"], 40, ["supports"])],
})

# input.derived as probity computes it for supports_flagged
supports_flagged_derived := {
	"basis": probity.derivation,
	"findings": {
		"client": [],
		"contractor": [],
		"related": [[
			7, "high", false, true, 1, "1>40",
			[{"kind": "finding", "id": "7"}, {"kind": "path", "id": "1>40"}],
			"X (org 40) has a credible finding of family_separation (severity high), reached via supports from party 1",
		]],
	},
	"hits": [],
}

test_derived_computed_without_input_derived if {
	d := probity.derived with input as supports_flagged
	d == supports_flagged_derived
}

test_derived_taken_from_input if {
	# given the derived field, the policy takes the join from it: here the
	# exposure list is empty, so only the given field can reach org 40
	d := probity.decision with input as with_({"derived": supports_flagged_derived})
	d.outcome == "review"
	some r in d.reasons
	r.rule_id == "review.related-exposure"
	r.message == "related exposure: X (org 40) has a credible finding of family_separation (severity high), reached via supports from party 1"
	r.refs == [{"kind": "finding", "id": "7"}, {"kind": "path", "id": "1>40"}]
}

mixed := object.union(base, {
	"parties": [ice, vendor, reseller_buyer, {"org_id": 5, "name": "Both", "roles": ["end_user", "subcontractor"], "kind": "company"}],
	"findings": [
		finding(1, 1, "substantiated", "critical"),
		finding(2, 2, "alleged", "low"),
		finding(3, 30, "credible", "high"),
		finding(4, 10, "adjudicated", "high"),
		finding(5, 5, "adjudicated", "critical"),
		finding(6, 99, "adjudicated", "critical"),
	],
	"screening": [
		hit("h1", 2, ["GLOMAG"], true, true),
		hit("h2", 10, ["SDGT"], true, false),
		hit("h3", 30, ["GLOMAG"], true, true),
		hit("h4", 99, ["GLOMAG"], true, true),
	],
	"exposure": [
		path("1>2", 1, ["buyer"], 2, ["part_of"]),
		path("1>30", 1, ["buyer"], 30, ["supports"]),
		path("11>1>2", 11, ["buyer"], 2, ["end_user", "part_of"]),
	],
})

test_derived_given_or_computed_decides_the_same if {
	computed := probity.derived with input as mixed
	# the ways to each finding (none to org 99): two each to org 2 and org 5
	[count(computed.findings.client), count(computed.findings.contractor), count(computed.findings.related)] == [4, 2, 1]
	count(computed.hits) == 3
	without := probity.decision with input as mixed
	given := probity.decision with input as object.union(mixed, {"derived": computed})
	given == without
	without.outcome == "deny"
	rule_ids(without) == {
		"deny.client-violations", "deny.human-rights-sanctions", "review.client-findings",
		"review.contractor-exposure", "review.related-exposure", "review.listed", "review.unconfirmed-hit",
	}
	count(without.reasons) == 10
}

test_derived_ignored_when_computed_with_other_definitions if {
	# a join computed with other definitions (here: no serious severities)
	# is not used; the policy computes its own
	other := json.patch(supports_flagged_derived, [
		{"op": "replace", "path": "/basis/serious_severities", "value": set()},
		{"op": "replace", "path": "/findings/related/0/3", "value": false},
		{"op": "replace", "path": "/findings/related/0/7", "value": "not used"},
	])
	d := probity.decision with input as object.union(supports_flagged, {"derived": other})
	some r in d.reasons
	r.message == "related exposure: X (org 40) has a credible finding of family_separation (severity high), reached via supports from party 1"
}
