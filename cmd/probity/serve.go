package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/review"
)

func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := m.newFlagSet("serve", "serve [--addr 127.0.0.1:8080] [--rate N] [--reload 30s] [--log-level info] [--log-format json|text]")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	rate := fs.Float64("rate", 100, "requests per second allowed per token (and per client address for the public); 0 or less: no limit")
	reload := fs.Duration("reload", 30*time.Second, "how often to check the stored lists and policy for changes; 0: never")
	level := fs.String("log-level", "info", "debug, info, warn or error")
	format := fs.String("log-format", "json", "json or text")
	maxBody := fs.Int64("max-body", 1<<20, "largest request body, in bytes")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(*level)); err != nil {
		return usagef("serve: --log-level: %v", err)
	}
	opts := &slog.HandlerOptions{Level: lv}
	var log *slog.Logger
	switch *format {
	case "json":
		log = slog.New(slog.NewJSONHandler(m.Stderr, opts))
	case "text":
		log = slog.New(slog.NewTextHandler(m.Stderr, opts))
	default:
		return usagef("serve: --log-format must be json or text")
	}
	cfg := httpapi.Config{Logger: log, MaxBodyBytes: *maxBody, RateLimit: *rate, ReloadInterval: *reload}
	if *rate <= 0 {
		cfg.RateLimit = -1
	}
	if *reload <= 0 {
		cfg.ReloadInterval = -1
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	var srv *httpapi.Server
	forget := func(tokenID int64) { srv.ForgetToken(tokenID) } // set before the first request
	srv, err = httpapi.New(ctx, store, cfg, append(httpapi.ReviewRoutes(review.New(store)), httpapi.AccountRoutes(store, forget)...)...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	if strings.HasPrefix(ln.Addr().String(), "[::]") || strings.HasPrefix(ln.Addr().String(), "0.0.0.0") {
		url = "http://" + *addr
	}
	fmt.Fprintf(m.Stdout, "probity serving %s on %s (OpenAPI at %s/openapi.json); Ctrl-C stops\n", m.DBPath, url, url)
	return srv.Serve(ctx, ln)
}
