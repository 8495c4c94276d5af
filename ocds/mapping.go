package ocds

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/jsonscan"
)

// Process is one contracting process (one ocid) as probity sees it,
// mapped from its compiled release.
type Process struct {
	OCID        string
	Title       string
	Description string
	Status      string // a probity.Status* value
	Buyer       *Party
	Suppliers   []Party
	Tenderers   []Party
	Parties     []Party // every organization named, with its roles
	Value       *probity.Value
	Period      probity.Period
	Awards      int
	Contracts   int
}

// Party is an organization named in a compiled release.
type Party struct {
	ID          string // the release-local party id ("" if none)
	Name        string
	Identifiers []probity.Identifier // identifier and additionalIdentifiers; an empty scheme stays ""
	Roles       []string
	Country     string // ISO 3166 alpha-2 where recognised, else as given
}

// Map maps a compiled release to a Process:
//
//   - buyer: the party with role "buyer", else the `buyer` object, else
//     the party with role "procuringEntity", else tender.procuringEntity;
//   - suppliers: the union of the awards' suppliers, resolved to parties by
//     id, else by name (1.0 data without parties), else taken as given;
//     with no award suppliers, the parties with role "supplier";
//   - value: the sum of the contracts' values, else of the awards' values
//     (awards that are not pending, cancelled or unsuccessful), else the
//     tender value, else the planning budget. Amounts may be numbers or
//     strings ("1234.50"); currencies are trimmed and upper-cased. When
//     amounts are in several currencies, only the currency used by the
//     most amounts (the first seen, on a tie) is summed;
//   - period: the contracts' periods (earliest start, latest end), else the
//     awards' contract periods, else the tender's contract period, else its
//     tender period; dates become YYYY-MM-DD where they parse;
//   - status: from the contracts (any active: active; else any pending:
//     planned; else terminated, completed or cancelled), else from the
//     tender (planning/planned: planned; active; complete: completed;
//     cancelled, unsuccessful, withdrawn: cancelled), else unknown.
func Map(compiled json.RawMessage) (*Process, error) {
	v, err := jsonscan.ParseSelect(compiled, mapSelector, memberNames())
	if err != nil {
		var se *jsonscan.SyntaxError
		if errors.As(err, &se) && se.Path != "" {
			return nil, errors.New("compiled release: " + join("", se.Path) + ": " + se.Msg)
		}
		return nil, errors.New("compiled release: " + err.Error())
	}
	if v.Kind != jsonscan.Object {
		return nil, errors.New("compiled release: not a JSON object")
	}
	m := mapper{p: &Process{}}
	m.p.OCID, _ = v.Get("ocid").Str()
	tender := v.Get("tender")
	awards := arr(v.Get("awards"))
	contracts := arr(v.Get("contracts"))
	if err := checkAmounts(m.p.OCID, contracts, awards, tender, v.Get("planning")); err != nil {
		return nil, err
	}
	m.p.Awards, m.p.Contracts = len(awards), len(contracts)

	m.p.Title = firstString(tender.Get("title"), firstOf(contracts, "title"), firstOf(awards, "title"), v.Get("planning").Get("project"))
	m.p.Description = firstString(tender.Get("description"), firstOf(contracts, "description"), firstOf(awards, "description"))

	for _, pv := range arr(v.Get("parties")) {
		if pv.Kind == jsonscan.Object {
			m.p.Parties = append(m.p.Parties, partyFrom(pv))
		}
	}
	// Buyer.
	if i := m.withRole("buyer"); i >= 0 {
		m.p.Buyer = m.party(i)
	} else if b := v.Get("buyer"); b != nil && b.Kind == jsonscan.Object {
		m.p.Buyer = m.party(m.resolve(b, "buyer"))
	} else if i := m.withRole("procuringEntity"); i >= 0 {
		m.p.Buyer = m.party(i)
	} else if pe := tender.Get("procuringEntity"); pe != nil && pe.Kind == jsonscan.Object {
		m.p.Buyer = m.party(m.resolve(pe, "procuringEntity"))
	}
	// Suppliers and tenderers.
	seen := map[int]bool{}
	for _, a := range awards {
		for _, s := range arr(a.Get("suppliers")) {
			if s.Kind != jsonscan.Object {
				continue
			}
			if i := m.resolve(s, "supplier"); i >= 0 && !seen[i] {
				seen[i] = true
				m.p.Suppliers = append(m.p.Suppliers, *m.party(i))
			}
		}
	}
	if len(m.p.Suppliers) == 0 {
		for i := range m.p.Parties {
			if hasRole(m.p.Parties[i].Roles, "supplier") {
				m.p.Suppliers = append(m.p.Suppliers, m.p.Parties[i])
			}
		}
	}
	seen = map[int]bool{}
	for _, tv := range arr(tender.Get("tenderers")) {
		if tv.Kind != jsonscan.Object {
			continue
		}
		if i := m.resolve(tv, "tenderer"); i >= 0 && !seen[i] {
			seen[i] = true
			m.p.Tenderers = append(m.p.Tenderers, *m.party(i))
		}
	}
	if m.p.Buyer != nil {
		// Refresh the copy: resolving others may have added roles.
		for i := range m.p.Parties {
			if m.p.Parties[i].ID == m.p.Buyer.ID && m.p.Parties[i].Name == m.p.Buyer.Name {
				m.p.Buyer = m.party(i)
				break
			}
		}
	}

	m.p.Value = processValue(contracts, awards, tender, v.Get("planning"))
	m.p.Period = processPeriod(contracts, awards, tender)
	m.p.Status = processStatus(contracts, tender)
	return m.p, nil
}

// mapSelector is what Map reads of a compiled release.
var mapSelector = func() jsonscan.Selector {
	period := jsonscan.Selector{"startDate": nil, "endDate": nil}
	val := jsonscan.Selector{"amount": nil, "currency": nil}
	return jsonscan.Selector{
		"ocid": nil, "parties": nil, "buyer": nil,
		"planning": {"project": nil, "budget": {"amount": val}},
		"tender": {"title": nil, "description": nil, "status": nil, "value": val, "procuringEntity": nil,
			"tenderers": nil, "contractPeriod": period, "tenderPeriod": period},
		"awards":    {"title": nil, "description": nil, "status": nil, "value": val, "suppliers": nil, "contractPeriod": period},
		"contracts": {"title": nil, "description": nil, "status": nil, "value": val, "period": period},
	}
}()

type mapper struct{ p *Process }

func (m *mapper) party(i int) *Party {
	if i < 0 {
		return nil
	}
	c := m.p.Parties[i]
	return &c
}

func (m *mapper) withRole(role string) int {
	for i := range m.p.Parties {
		if hasRole(m.p.Parties[i].Roles, role) {
			return i
		}
	}
	return -1
}

func hasRole(roles []string, role string) bool {
	for _, r := range roles {
		if strings.EqualFold(r, role) {
			return true
		}
	}
	return false
}

// resolve finds the party an organization reference points to (by id,
// then by name), adding one built from the reference when none matches,
// and gives it the role. It returns the party's index, -1 if the
// reference is empty.
func (m *mapper) resolve(ref *jsonscan.Value, role string) int {
	id := idString(ref.Get("id"))
	name, _ := ref.Get("name").Str()
	name = strings.TrimSpace(name)
	idx := -1
	if id != "" {
		for i := range m.p.Parties {
			if m.p.Parties[i].ID == id {
				idx = i
				break
			}
		}
	}
	if idx < 0 && name != "" {
		for i := range m.p.Parties {
			if strings.EqualFold(strings.TrimSpace(m.p.Parties[i].Name), name) {
				idx = i
				break
			}
		}
	}
	if idx < 0 {
		p := partyFrom(ref)
		if p.Name == "" && p.ID == "" && len(p.Identifiers) == 0 {
			return -1
		}
		m.p.Parties = append(m.p.Parties, p)
		idx = len(m.p.Parties) - 1
	}
	if !hasRole(m.p.Parties[idx].Roles, role) {
		m.p.Parties[idx].Roles = append(m.p.Parties[idx].Roles, role)
	}
	return idx
}

func partyFrom(v *jsonscan.Value) Party {
	var p Party
	p.ID = idString(v.Get("id"))
	p.Name, _ = v.Get("name").Str()
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		if n, ok := v.Get("identifier").Get("legalName").Str(); ok {
			p.Name = strings.TrimSpace(n)
		}
	}
	addID := func(iv *jsonscan.Value) {
		if iv == nil || iv.Kind != jsonscan.Object {
			return
		}
		id := idString(iv.Get("id"))
		if id == "" {
			return
		}
		scheme, _ := iv.Get("scheme").Str()
		ident := probity.Identifier{Scheme: strings.TrimSpace(scheme), ID: id}
		for _, x := range p.Identifiers {
			if x == ident {
				return
			}
		}
		p.Identifiers = append(p.Identifiers, ident)
	}
	addID(v.Get("identifier"))
	for _, a := range arr(v.Get("additionalIdentifiers")) {
		addID(a)
	}
	for _, r := range arr(v.Get("roles")) {
		if s, ok := r.Str(); ok && s != "" && !hasRole(p.Roles, s) {
			p.Roles = append(p.Roles, s)
		}
	}
	if c, ok := v.Get("address").Get("countryName").Str(); ok {
		p.Country = countryCode(c)
	}
	return p
}

// idString renders an id given as a string or a number.
func idString(v *jsonscan.Value) string {
	if v == nil {
		return ""
	}
	switch v.Kind {
	case jsonscan.String:
		s, _ := v.Str()
		return strings.TrimSpace(s)
	case jsonscan.Number:
		return string(v.Raw)
	}
	return ""
}

func arr(v *jsonscan.Value) []*jsonscan.Value {
	if v == nil || v.Kind != jsonscan.Array {
		return nil
	}
	out := make([]*jsonscan.Value, len(v.Kids))
	for i := range v.Kids {
		out[i] = &v.Kids[i]
	}
	return out
}

func firstOf(list []*jsonscan.Value, key string) *jsonscan.Value {
	for _, x := range list {
		if s, ok := x.Get(key).Str(); ok && strings.TrimSpace(s) != "" {
			return x.Get(key)
		}
	}
	return nil
}

func firstString(vs ...*jsonscan.Value) string {
	for _, v := range vs {
		if s, ok := v.Str(); ok && strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// amount reads a Value object's amount (a number or a numeric string) and
// currency.
func amount(v *jsonscan.Value) (float64, string, bool) {
	if v == nil || v.Kind != jsonscan.Object {
		return 0, "", false
	}
	a := v.Get("amount")
	if a == nil {
		return 0, "", false
	}
	var f float64
	var err error
	if a.Kind == jsonscan.Object {
		// MongoDB's extended JSON, as some OCDS publishers export it:
		// {"$numberLong": "15890000000"}.
		for _, k := range []string{"$numberLong", "$numberInt", "$numberDouble", "$numberDecimal"} {
			if n := a.Get(k); n != nil && len(a.Keys) == 1 {
				a = n
				break
			}
		}
	}
	switch a.Kind {
	case jsonscan.Number:
		f, err = strconv.ParseFloat(string(a.Raw), 64)
	case jsonscan.String:
		s, _ := a.Str()
		s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
		if strings.Contains(s, ".") {
			s = strings.ReplaceAll(s, ",", "")
		}
		f, err = strconv.ParseFloat(s, 64)
	default:
		return 0, "", false
	}
	if err != nil {
		return 0, "", false
	}
	cur, _ := v.Get("currency").Str()
	return f, strings.ToUpper(strings.TrimSpace(cur)), true
}

// checkAmounts refuses a value whose amount is there but is no number
// ("lots", true, an object): such a record would be stored and exported
// again as if its value were merely unknown. A null or empty amount is
// unknown, and a numeric string ("1,234.50") is read as its number.
func checkAmounts(ocid string, contracts, awards []*jsonscan.Value, tender, planning *jsonscan.Value) error {
	check := func(field string, val *jsonscan.Value) error {
		if val == nil || val.Kind != jsonscan.Object {
			return nil
		}
		a := val.Get("amount")
		if a == nil || a.Kind == jsonscan.Null {
			return nil
		}
		if s, ok := a.Str(); ok && strings.TrimSpace(s) == "" {
			return nil
		}
		if _, _, ok := amount(val); ok {
			return nil
		}
		return &probity.InputError{Field: "ocid " + ocid + ": " + field + ".amount", Reason: fmt.Sprintf("%s is not a number", describeValue(a))}
	}
	for i, c := range contracts {
		if err := check(fmt.Sprintf("contracts[%d].value", i), c.Get("value")); err != nil {
			return err
		}
	}
	for i, a := range awards {
		if err := check(fmt.Sprintf("awards[%d].value", i), a.Get("value")); err != nil {
			return err
		}
	}
	if err := check("tender.value", tender.Get("value")); err != nil {
		return err
	}
	return check("planning.budget.amount", planning.Get("budget").Get("amount"))
}

// describeValue shows a scalar as written (cut at 40 bytes) and names
// the kind of anything else.
func describeValue(v *jsonscan.Value) string {
	switch v.Kind {
	case jsonscan.Object:
		return "an object"
	case jsonscan.Array:
		return "an array"
	}
	if s := string(v.Raw); len(s) > 40 {
		return s[:40] + "…"
	}
	return string(v.Raw)
}

// sumValues sums the amounts in the currency used most often.
func sumValues(vals []*jsonscan.Value) *probity.Value {
	type tot struct {
		n   int
		sum float64
	}
	var order []string
	by := map[string]*tot{}
	for _, v := range vals {
		f, cur, ok := amount(v)
		if !ok {
			continue
		}
		t := by[cur]
		if t == nil {
			t = &tot{}
			by[cur] = t
			order = append(order, cur)
		}
		t.n++
		t.sum += f
	}
	if len(order) == 0 {
		return nil
	}
	best := order[0]
	for _, c := range order[1:] {
		if by[c].n > by[best].n {
			best = c
		}
	}
	return &probity.Value{Amount: by[best].sum, Currency: best}
}

func processValue(contracts, awards []*jsonscan.Value, tender, planning *jsonscan.Value) *probity.Value {
	var vals []*jsonscan.Value
	for _, c := range contracts {
		vals = append(vals, c.Get("value"))
	}
	if v := sumValues(vals); v != nil {
		return v
	}
	vals = vals[:0]
	for _, a := range awards {
		switch st, _ := a.Get("status").Str(); strings.ToLower(st) {
		case "pending", "cancelled", "unsuccessful":
			continue
		}
		vals = append(vals, a.Get("value"))
	}
	if v := sumValues(vals); v != nil {
		return v
	}
	if v := sumValues([]*jsonscan.Value{tender.Get("value")}); v != nil {
		return v
	}
	return sumValues([]*jsonscan.Value{planning.Get("budget").Get("amount")})
}

func processPeriod(contracts, awards []*jsonscan.Value, tender *jsonscan.Value) probity.Period {
	span := func(ps []*jsonscan.Value) (probity.Period, bool) {
		var out probity.Period
		var lo, hi string
		found := false
		for _, p := range ps {
			if s, ok := p.Get("startDate").Str(); ok && s != "" {
				if lo == "" || dateLess(s, lo) {
					lo = s
				}
				found = true
			}
			if e, ok := p.Get("endDate").Str(); ok && e != "" {
				if hi == "" || dateLess(hi, e) {
					hi = e
				}
				found = true
			}
		}
		out.Start, out.End = dayOf(lo), dayOf(hi)
		return out, found
	}
	var ps []*jsonscan.Value
	for _, c := range contracts {
		ps = append(ps, c.Get("period"))
	}
	if p, ok := span(ps); ok {
		return p
	}
	ps = ps[:0]
	for _, a := range awards {
		ps = append(ps, a.Get("contractPeriod"))
	}
	if p, ok := span(ps); ok {
		return p
	}
	if p, ok := span([]*jsonscan.Value{tender.Get("contractPeriod")}); ok {
		return p
	}
	p, _ := span([]*jsonscan.Value{tender.Get("tenderPeriod")})
	return p
}

func dateLess(a, b string) bool {
	ta, oka := ParseDate(a)
	tb, okb := ParseDate(b)
	if oka && okb {
		return ta.Before(tb)
	}
	return a < b
}

// dayOf gives a date as YYYY-MM-DD where it parses, else as given.
func dayOf(s string) string {
	if t, ok := ParseDate(s); ok {
		return t.Format("2006-01-02")
	}
	return strings.TrimSpace(s)
}

func processStatus(contracts []*jsonscan.Value, tender *jsonscan.Value) string {
	if len(contracts) > 0 {
		seen := map[string]bool{}
		for _, c := range contracts {
			s, _ := c.Get("status").Str()
			seen[strings.ToLower(strings.TrimSpace(s))] = true
		}
		for _, x := range []struct{ code, status string }{
			{"active", probity.StatusActive},
			{"pending", probity.StatusPlanned},
			{"terminated", probity.StatusTerminated},
			{"completed", probity.StatusCompleted},
			{"complete", probity.StatusCompleted},
			{"cancelled", probity.StatusCancelled},
		} {
			if seen[x.code] {
				return x.status
			}
		}
	}
	s, _ := tender.Get("status").Str()
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "planning", "planned":
		return probity.StatusPlanned
	case "active":
		return probity.StatusActive
	case "complete", "completed":
		return probity.StatusCompleted
	case "cancelled", "unsuccessful", "withdrawn":
		return probity.StatusCancelled
	}
	return probity.StatusUnknown
}
