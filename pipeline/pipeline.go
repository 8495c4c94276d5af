package pipeline

import (
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/match"
)

// Store is what the pipeline reads and writes: the register with its
// outbox of pending changes.
type Store interface {
	probity.Store
	probity.ChangeLog
}

// Pipeline runs the stages after a change over one store.
type Pipeline struct {
	store     Store
	threshold float64
	maxDepth  int
	now       func() time.Time
}

// Option configures a Pipeline.
type Option func(*Pipeline)

// WithThreshold sets the screening threshold (default match.DefaultThreshold).
func WithThreshold(t float64) Option { return func(p *Pipeline) { p.threshold = t } }

// WithMaxDepth sets how many relationship steps exposure follows (default
// decide.DefaultMaxDepth).
func WithMaxDepth(n int) Option { return func(p *Pipeline) { p.maxDepth = n } }

// WithClock sets the clock used for case sync (default time.Now).
func WithClock(now func() time.Time) Option { return func(p *Pipeline) { p.now = now } }

// New returns the pipeline over store.
func New(store Store, opts ...Option) *Pipeline {
	p := &Pipeline{store: store, threshold: match.DefaultThreshold, maxDepth: decide.DefaultMaxDepth, now: time.Now}
	for _, o := range opts {
		o(p)
	}
	return p
}

// Store returns the pipeline's store.
func (p *Pipeline) Store() Store { return p.store }
