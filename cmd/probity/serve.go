package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"

	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/review"
	"github.com/probity/probity/web"
)

func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := m.newFlagSet("serve", "serve [--addr 127.0.0.1:8080] [--rate N] [--reload 30s] [--log-level info] [--log-format json|text]")
	c := &m.Config.Serve
	fs.StringVar(&c.Addr, "addr", c.Addr, "address to listen on")
	fs.Float64Var(&c.Rate, "rate", c.Rate, "requests per second allowed per token (and per client address for the public); 0 or less: no limit")
	fs.DurationVar(&c.Reload, "reload", c.Reload, "how often to check the stored lists and policy for changes; 0: never")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "json or text")
	fs.Int64Var(&c.MaxBody, "max-body", c.MaxBody, "largest request body, in bytes")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	cfg, err := c.httpConfig(m.Stderr)
	if err != nil {
		return usagef("serve: %v", err)
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	svc := review.New(store)
	if c.Threshold > 0 {
		svc.Threshold = c.Threshold
	}
	site, err := web.New(store, web.Options{Review: svc, Logger: cfg.Logger})
	if err != nil {
		return err
	}
	cfg.Pages = site.Pages()
	routes := append(httpapi.ReviewRoutes(svc, store), httpapi.AccountRoutes(store)...)
	logRoutes, err := m.logRoutes(ctx, store, cfg.Logger) // the transparency log under /log/, and its checkpoints
	if err != nil {
		return err
	}
	routes = append(routes, logRoutes...)
	srv, err := httpapi.New(ctx, store, cfg, append(routes, site.Routes()...)...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	if strings.HasPrefix(ln.Addr().String(), "[::]") || strings.HasPrefix(ln.Addr().String(), "0.0.0.0") {
		url = "http://" + c.Addr
	}
	fmt.Fprintf(m.Stdout, "probity serving %s on %s (the portal in a browser; OpenAPI at %s/openapi.json); Ctrl-C stops\n", m.Config.DB, url, url)
	return srv.Serve(ctx, ln)
}

// httpConfig is the HTTP server's configuration, with its logger writing
// to stderr.
func (c *ServeConfig) httpConfig(stderr io.Writer) (httpapi.Config, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return httpapi.Config{}, fmt.Errorf("log level: %v", err)
	}
	opts := &slog.HandlerOptions{Level: lv}
	var log *slog.Logger
	switch c.LogFormat {
	case "json":
		log = slog.New(slog.NewJSONHandler(stderr, opts))
	case "text":
		log = slog.New(slog.NewTextHandler(stderr, opts))
	default:
		return httpapi.Config{}, fmt.Errorf("log format %q: want json or text", c.LogFormat)
	}
	cfg := httpapi.Config{Logger: log, MaxBodyBytes: c.MaxBody, RateLimit: c.Rate, ReloadInterval: c.Reload}
	if c.Rate <= 0 {
		cfg.RateLimit = -1
	}
	if c.Reload <= 0 {
		cfg.ReloadInterval = -1
	}
	return cfg, nil
}
