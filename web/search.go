package web

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/probity/probity"
)

// Searcher answers the register's views and the charts' totals. It is this
// package's own interface: NewMemorySearcher answers it from any store; a
// store may answer it with SQL of its own.
type Searcher interface {
	Search(ctx context.Context, q Query) (Result, error)
	// Totals are the charts' figures in currency; "" is the register's
	// most common currency.
	Totals(ctx context.Context, currency string) (Totals, error)
}

// Row is one contract of a view with its latest decision's outcome ("" if
// none) and id (0 if none).
type Row struct {
	Contract   probity.Contract
	Decision   string
	DecisionID int64
}

// Result is one page of a view and how many contracts the view has.
type Result struct {
	Total int
	Rows  []Row
	// Buyers are the buying bodies of the register for the filter form,
	// parents before the bodies under them (Depth says how far under).
	Buyers []Facet
	Years  []int
}

// Facet is one choice of a filter.
type Facet struct {
	ID    int64
	Name  string
	Depth int
	Count int
}

// Totals are the figures the charts draw. Amounts are in Currency (the
// register's most common one); contracts in other currencies or without a
// known value are counted in Unpriced, never as 0.
type Totals struct {
	Currency  string
	Contracts int
	Decisions map[string]int // contracts by their latest decision's outcome
	Unpriced  int
	// Currencies are the currencies the register's values are in, most
	// contracts first (Key the code, Count the contracts): amounts in
	// different currencies are never added up, so each has its charts.
	Currencies []Sum
	// Undated are the contracts in Currency without a known year, left
	// out of ByYear (their count and value).
	Undated   Sum
	ByBuyer   []Sum // the largest ten
	ByCountry []Sum
	ByYear    []YearSum
}

// Sum is a total of value and count.
type Sum struct {
	Key    string
	Link   string
	Amount float64
	Count  int
}

// YearSum is one year's value by decision outcome.
type YearSum struct {
	Year    int
	Allow   float64
	Review  float64
	Deny    float64
	Pending float64 // no decision yet
	Count   int
}

// memorySearcher keeps the register in memory. It reads it again from the
// store when the store's change counter moves (a store that has one), and
// at the latest when its copy is older than maxAge: decisions, recorded
// just after the change that caused them, reach the register's decision
// column then. A contract's own page always reads the store. Reading again
// happens in the background: a request never waits for it, except the
// very first.
type memorySearcher struct {
	store   probity.Store
	maxAge  time.Duration
	mu      sync.Mutex
	cur     *memIndex
	busy    bool
	checked time.Time
}

// changeCounter is what a store with a change counter answers.
type changeCounter interface {
	ChangeCounter(ctx context.Context) (int64, error)
}

// NewMemorySearcher returns a Searcher that reads the whole register from
// store and answers from memory (see memorySearcher); maxAge 0 reads it
// again on every request (for tests).
func NewMemorySearcher(store probity.Store, maxAge time.Duration) Searcher {
	return &memorySearcher{store: store, maxAge: maxAge}
}

// counterCheck is how often the change counter is read.
const counterCheck = time.Second

type memEntry struct {
	c        probity.Contract
	title    string // lower-case, for sorting
	decision string
	decID    int64   // the latest decision's id
	buyers   []int64 // the buyer and every body it is part of
	buyerTxt string  // lower-case names of those
	supTxt   string
	country  string
	year     int
}

// memKey is what the cheap filters read, kept apart from the entries in
// one compact array: a scan of 100,000 contracts touches 5 MB, not the
// whole register.
type memKey struct {
	amount   float64
	chain    [4]int64 // the buyer and the bodies above it (long: more in the entry)
	status   uint8    // statusCode
	decision uint8    // decisionCode
	year     uint16
	country  [2]byte
	priced   bool
	long     bool
}

var statusCodes = []string{probity.StatusPlanned, probity.StatusActive, probity.StatusCompleted, probity.StatusTerminated, probity.StatusCancelled, probity.StatusUnknown}

func code(list []string, s string) uint8 { return uint8(slices.Index(list, s) + 1) }

func countryKey(s string) [2]byte {
	var k [2]byte
	if len(s) == 2 {
		k[0], k[1] = s[0]&^0x20, s[1]&^0x20 // upper case
	}
	return k
}

type memIndex struct {
	built   time.Time
	counter int64 // the store's change counter when it was read
	keys    []memKey
	entries []memEntry
	// texts holds every contract's searchable text (lower-case id,
	// reference, title, description, party names) end to end, in entry
	// order; textEnd[i] is where entry i's ends. A search for a word reads
	// it front to back once instead of visiting 100,000 strings in sort
	// order, which costs a cache miss each.
	texts   string
	textEnd []int32
	orders  map[string][]int32
	buyers  []Facet
	years   []int
	totals  map[string]Totals // by currency; "" the most common one
}

func (m *memorySearcher) index(ctx context.Context) (*memIndex, error) {
	now := time.Now()
	m.mu.Lock()
	cur := m.cur
	stale := cur != nil && now.Sub(cur.built) >= m.maxAge
	if cur != nil && !stale && !m.busy && now.Sub(m.checked) >= counterCheck {
		m.checked = now
		if cc, ok := m.store.(changeCounter); ok {
			m.mu.Unlock()
			n, err := cc.ChangeCounter(ctx)
			m.mu.Lock()
			stale = err == nil && n != cur.counter
		}
	}
	if m.maxAge == 0 {
		cur = nil // tests: always the store's state
	} else if stale && !m.busy {
		m.busy = true
		go func() {
			ix, err := buildIndex(context.WithoutCancel(ctx), m.store)
			m.mu.Lock()
			if err == nil {
				m.cur = ix
			}
			m.busy = false
			m.mu.Unlock()
		}()
	}
	m.mu.Unlock()
	if cur != nil {
		return cur, nil
	}
	ix, err := buildIndex(ctx, m.store)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.cur = ix
	m.mu.Unlock()
	return ix, nil
}

func buildIndex(ctx context.Context, store probity.Store) (*memIndex, error) {
	built := time.Now()
	var counter int64
	if cc, ok := store.(changeCounter); ok {
		var err error
		if counter, err = cc.ChangeCounter(ctx); err != nil {
			return nil, err
		}
	}
	list, err := store.Contracts(ctx, probity.ContractFilter{})
	if err != nil {
		return nil, err
	}
	ds, err := store.Decisions(ctx, probity.DecisionFilter{LatestOnly: true})
	if err != nil {
		return nil, err
	}
	outcome := make(map[string]string, len(ds))
	decID := make(map[string]int64, len(ds))
	for _, d := range ds {
		outcome[d.ContractID] = d.Outcome
		decID[d.ContractID] = d.ID
	}
	parent := map[int64]int64{}
	err = store.ForEachRelationship(ctx, func(r probity.Relationship) error {
		if r.Kind == probity.RelPartOf && r.To != 0 {
			parent[r.From] = r.To
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The buying bodies and their ancestors, with names (aliases too) and
	// countries.
	type body struct {
		name, names, country string
	}
	bodies := map[int64]*body{}
	lookup := func(id int64) *body {
		if b, ok := bodies[id]; ok {
			return b
		}
		b := &body{}
		bodies[id] = b
		if o, err := store.Organization(ctx, id); err == nil {
			b.name, b.country = o.Name, o.Country
			names := []string{o.Name}
			for _, a := range o.Aliases {
				names = append(names, a.Name)
			}
			b.names = strings.ToLower(strings.Join(names, " | "))
		}
		return b
	}
	chain := func(id int64) []int64 {
		out := []int64{id}
		for p, ok := parent[id]; ok && len(out) < 16 && !slices.Contains(out, p); p, ok = parent[p] {
			out = append(out, p)
		}
		return out
	}
	ix := &memIndex{built: built, counter: counter, keys: make([]memKey, len(list)), entries: make([]memEntry, len(list)), orders: map[string][]int32{}}
	counts := map[int64]int{}
	years := map[int]bool{}
	var arena strings.Builder
	ix.textEnd = make([]int32, len(list))
	for i, c := range list {
		e := memEntry{c: c, decision: outcome[c.ID], decID: decID[c.ID], title: strings.ToLower(c.Title)}
		var text strings.Builder
		text.WriteString(strings.ToLower(c.ID + " | " + c.SourceReference + " | " + c.Title + " | " + c.Description))
		if c.Buyer != nil {
			e.buyers = chain(c.Buyer.ID)
			var bt []string
			for _, id := range e.buyers {
				b := lookup(id)
				bt = append(bt, b.names)
				counts[id]++
			}
			e.buyerTxt = strings.Join(bt, " | ")
			e.country = lookup(c.Buyer.ID).country
			text.WriteString(" | " + lookup(c.Buyer.ID).names)
		}
		var st []string
		for _, s := range c.Suppliers {
			st = append(st, strings.ToLower(s.Name))
		}
		for _, s := range c.Subcontractors {
			st = append(st, strings.ToLower(s.Name))
		}
		e.supTxt = strings.Join(st, " | ")
		text.WriteString(" | " + e.supTxt)
		arena.WriteString(text.String())
		arena.WriteByte(0) // no word spans two contracts
		ix.textEnd[i] = int32(arena.Len())
		e.year = yearOf(c.Period)
		if e.year != 0 {
			years[e.year] = true
		}
		k := memKey{status: code(statusCodes, c.Status), decision: code(probity.Outcomes(), e.decision), year: uint16(e.year),
			country: countryKey(e.country), long: len(e.buyers) > len(memKey{}.chain)}
		copy(k.chain[:], e.buyers)
		if c.Value != nil {
			k.priced, k.amount = true, c.Value.Amount
		}
		ix.keys[i] = k
		ix.entries[i] = e
	}
	// Sort orders, computed once per build.
	base := make([]int32, len(ix.entries))
	for i := range base {
		base[i] = int32(i)
	}
	start := func(e *memEntry) string { return cmp.Or(e.c.Period.Start, e.c.Period.End) }
	amount := func(e *memEntry) (float64, bool) {
		if e.c.Value == nil {
			return 0, false
		}
		return e.c.Value.Amount, true
	}
	for _, key := range sortKeys {
		o := slices.Clone(base)
		slices.SortStableFunc(o, func(a, b int32) int {
			x, y := &ix.entries[a], &ix.entries[b]
			var r int
			switch key {
			case "newest":
				r = cmp.Compare(start(y), start(x))
			case "oldest":
				r = cmp.Compare(start(x), start(y))
			case "value", "value_asc":
				ax, okx := amount(x)
				ay, oky := amount(y)
				switch {
				case okx != oky: // unknown values last, either way
					if okx {
						r = -1
					} else {
						r = 1
					}
				case key == "value":
					r = cmp.Compare(ay, ax)
				default:
					r = cmp.Compare(ax, ay)
				}
			case "title":
				r = cmp.Compare(x.title, y.title)
			}
			return cmp.Or(r, cmp.Compare(x.c.ID, y.c.ID))
		})
		ix.orders[key] = o
	}
	// Buyer facets as a tree: roots first, children under them.
	children := map[int64][]int64{}
	var roots []int64
	for id := range counts {
		if p, ok := parent[id]; ok && counts[p] > 0 {
			children[p] = append(children[p], id)
		} else {
			roots = append(roots, id)
		}
	}
	byName := func(a, b int64) int { return cmp.Compare(bodies[a].name, bodies[b].name) }
	var walk func(id int64, depth int)
	walk = func(id int64, depth int) {
		ix.buyers = append(ix.buyers, Facet{ID: id, Name: bodies[id].name, Depth: depth, Count: counts[id]})
		kids := children[id]
		slices.SortFunc(kids, byName)
		for _, k := range kids {
			walk(k, depth+1)
		}
	}
	slices.SortFunc(roots, byName)
	for _, r := range roots {
		walk(r, 0)
	}
	for y := range years {
		ix.years = append(ix.years, y)
	}
	slices.Sort(ix.years)
	slices.Reverse(ix.years)
	ix.texts = arena.String()
	ix.totals = map[string]Totals{}
	name := func(id int64) string { return lookup(id).name }
	curs := currencies(ix.entries)
	for _, c := range curs {
		t := totalsOf(ix.entries, c.Key, curs, name)
		ix.totals[c.Key] = t
		if _, ok := ix.totals[""]; !ok {
			ix.totals[""] = t
		}
	}
	if _, ok := ix.totals[""]; !ok {
		ix.totals[""] = totalsOf(ix.entries, "", curs, name)
	}
	return ix, nil
}

func yearOf(p probity.Period) int {
	s := cmp.Or(p.Start, p.End)
	if len(s) < 4 {
		return 0
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil {
		return 0
	}
	return y
}

// compiled is a query made ready for the scan: ids parsed and text
// lower-cased once, not once per contract.
type compiled struct {
	*Query
	words            []string
	buyerID, supID   int64
	buyerTxt, supTxt string
	status, decision uint8
	country          [2]byte
}

func compile(q *Query) *compiled {
	c := &compiled{Query: q, words: strings.Fields(strings.ToLower(q.Q)), country: countryKey(q.Country)}
	if q.Status != "" {
		c.status = code(statusCodes, q.Status)
	}
	if q.Decision != "" {
		c.decision = code(probity.Outcomes(), q.Decision)
	}
	if id, err := strconv.ParseInt(q.Buyer, 10, 64); err == nil {
		c.buyerID = id
	} else {
		c.buyerTxt = strings.ToLower(q.Buyer)
	}
	if id, err := strconv.ParseInt(q.Supplier, 10, 64); err == nil {
		c.supID = id
	} else {
		c.supTxt = strings.ToLower(q.Supplier)
	}
	return c
}

// cheap reports whether a contract passes the filters its key answers.
func (k *memKey) cheap(q *compiled) bool {
	if q.status != 0 && k.status != q.status || q.decision != 0 && k.decision != q.decision ||
		q.Year != 0 && int(k.year) != q.Year || q.Country != "" && k.country != q.country {
		return false
	}
	if q.Min != nil || q.Max != nil {
		if !k.priced || q.Min != nil && k.amount < *q.Min || q.Max != nil && k.amount > *q.Max {
			return false
		}
	}
	if q.buyerID != 0 && !k.long {
		return slices.Contains(k.chain[:], q.buyerID)
	}
	return true
}

// matches checks the rest, on a contract that passed cheap.
func (e *memEntry) matches(q *compiled) bool {
	if q.buyerID != 0 {
		if len(e.buyers) > len(memKey{}.chain) && !slices.Contains(e.buyers, q.buyerID) {
			return false
		}
	} else if q.buyerTxt != "" && !strings.Contains(e.buyerTxt, q.buyerTxt) {
		return false
	}
	if id := q.supID; id != 0 {
		if !slices.ContainsFunc(e.c.Suppliers, func(r probity.OrgRef) bool { return r.ID == id }) &&
			!slices.ContainsFunc(e.c.Subcontractors, func(r probity.OrgRef) bool { return r.ID == id }) {
			return false
		}
	} else if q.supTxt != "" && !strings.Contains(e.supTxt, q.supTxt) {
		return false
	}
	return true
}

// withWords marks the entries whose text holds every word of q, reading
// the texts once per word, front to back: a hit is traced to its entry by
// a cursor that only moves forward, and the search goes on from the end
// of that entry.
func (ix *memIndex) withWords(words []string) []uint64 {
	n := len(ix.textEnd)
	var all []uint64
	for _, w := range words {
		hit := make([]uint64, (n+63)/64)
		pos, cur := 0, 0
		for pos < len(ix.texts) {
			j := strings.Index(ix.texts[pos:], w)
			if j < 0 {
				break
			}
			at := pos + j
			for cur < n && int(ix.textEnd[cur]) <= at {
				cur++
			}
			if cur == n {
				break
			}
			hit[cur/64] |= 1 << (cur % 64) // a word holds no NUL, so it lies inside entry cur
			pos = int(ix.textEnd[cur])
		}
		if all == nil {
			all = hit
			continue
		}
		for k := range all {
			all[k] &= hit[k]
		}
	}
	return all
}

// Search implements Searcher.
func (m *memorySearcher) Search(ctx context.Context, q Query) (Result, error) {
	ix, err := m.index(ctx)
	if err != nil {
		return Result{}, err
	}
	cq := compile(&q)
	per := q.PerPage
	if per <= 0 {
		per = perPage
	}
	from := (q.Page - 1) * per
	res := Result{Buyers: ix.buyers, Years: ix.years}
	// Which contracts are in the view is settled in one pass in entry
	// order (the arrays read front to back); the sort order is then walked
	// over the resulting bits alone.
	var words []uint64
	if len(cq.words) > 0 {
		words = ix.withWords(cq.words)
	}
	rest := cq.buyerTxt != "" || cq.supID != 0 || cq.supTxt != ""
	in := make([]uint64, (len(ix.keys)+63)/64)
	for i := range ix.keys {
		if words != nil && words[i/64]&(1<<(i%64)) == 0 || !ix.keys[i].cheap(cq) {
			continue
		}
		if (rest || cq.buyerID != 0 && ix.keys[i].long) && !ix.entries[i].matches(cq) {
			continue
		}
		in[i/64] |= 1 << (i % 64)
	}
	for _, i := range ix.orders[cmp.Or(q.Sort, "newest")] {
		if in[i/64]&(1<<(i%64)) == 0 {
			continue
		}
		e := &ix.entries[i]
		if res.Total >= from && len(res.Rows) < per {
			res.Rows = append(res.Rows, Row{Contract: e.c, Decision: e.decision, DecisionID: e.decID})
		}
		res.Total++
	}
	return res, nil
}

// Totals implements Searcher. A currency the register has no value in is
// an EINVALID error naming the ones it has.
func (m *memorySearcher) Totals(ctx context.Context, currency string) (Totals, error) {
	ix, err := m.index(ctx)
	if err != nil {
		return Totals{}, err
	}
	t, ok := ix.totals[currency]
	if !ok {
		var have []string
		for _, c := range ix.totals[""].Currencies {
			have = append(have, c.Key)
		}
		return Totals{}, probity.Errorf(probity.EINVALID, "currency %q: the register has values in %s", currency, cmp.Or(strings.Join(have, ", "), "no currency"))
	}
	return t, nil
}

// currencies are the currencies of the entries' values, most contracts
// first.
func currencies(entries []memEntry) []Sum {
	n := map[string]int{}
	for i := range entries {
		if v := entries[i].c.Value; v != nil && v.Currency != "" {
			n[v.Currency]++
		}
	}
	var out []Sum
	for c, k := range n {
		out = append(out, Sum{Key: c, Count: k, Link: "/?currency=" + c})
	}
	slices.SortFunc(out, func(a, b Sum) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key)) })
	return out
}

// totalsOf sums the entries' values in currency; curs are the register's
// currencies (currencies of entries).
func totalsOf(entries []memEntry, currency string, curs []Sum, name func(int64) string) Totals {
	t := Totals{Contracts: len(entries), Decisions: map[string]int{}, Currency: currency, Currencies: curs}
	for i := range entries {
		if d := entries[i].decision; d != "" {
			t.Decisions[d]++
		}
	}
	buyers := map[int64]*Sum{}
	countries := map[string]*Sum{}
	years := map[int]*YearSum{}
	for i := range entries {
		e := &entries[i]
		v := e.c.Value
		if v == nil || v.Currency != t.Currency {
			t.Unpriced++
			continue
		}
		if e.c.Buyer != nil {
			s := buyers[e.c.Buyer.ID]
			if s == nil {
				s = &Sum{Key: name(e.c.Buyer.ID), Link: "/contracts?buyer=" + strconv.FormatInt(e.c.Buyer.ID, 10)}
				buyers[e.c.Buyer.ID] = s
			}
			s.Amount += v.Amount
			s.Count++
		}
		cc := cmp.Or(e.country, "unknown")
		s := countries[cc]
		if s == nil {
			s = &Sum{Key: cc}
			if e.country != "" {
				s.Link = "/contracts?country=" + e.country
			}
			countries[cc] = s
		}
		s.Amount += v.Amount
		s.Count++
		if e.year == 0 {
			t.Undated.Count++
			t.Undated.Amount += v.Amount
		}
		if e.year != 0 {
			y := years[e.year]
			if y == nil {
				y = &YearSum{Year: e.year}
				years[e.year] = y
			}
			y.Count++
			switch e.decision {
			case probity.OutcomeAllow:
				y.Allow += v.Amount
			case probity.OutcomeReview:
				y.Review += v.Amount
			case probity.OutcomeDeny:
				y.Deny += v.Amount
			default:
				y.Pending += v.Amount
			}
		}
	}
	bySum := func(a, b Sum) int { return cmp.Or(cmp.Compare(b.Amount, a.Amount), cmp.Compare(a.Key, b.Key)) }
	for _, s := range buyers {
		t.ByBuyer = append(t.ByBuyer, *s)
	}
	slices.SortFunc(t.ByBuyer, bySum)
	if len(t.ByBuyer) > 10 {
		t.ByBuyer = t.ByBuyer[:10]
	}
	for _, s := range countries {
		t.ByCountry = append(t.ByCountry, *s)
	}
	slices.SortFunc(t.ByCountry, bySum)
	for _, y := range years {
		t.ByYear = append(t.ByYear, *y)
	}
	slices.SortFunc(t.ByYear, func(a, b YearSum) int { return cmp.Compare(a.Year, b.Year) })
	return t
}
