package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is what probity is configured with, read in this order, each
// source overriding the one before: the defaults, then a YAML file (--config
// or PROBITY_CONFIG), then PROBITY_* environment variables, then the flags
// (a command's flags default to the loaded values). Main holds one; there
// are no globals.
type Config struct {
	// DB is the database: a SQLite file path, or postgres://… (--db, PROBITY_DB).
	DB string `yaml:"db"`
	// CPUProfile, when set, is a file to write a CPU profile of the run to
	// (PROBITY_CPUPROFILE; the bench/ scripts use it).
	CPUProfile string      `yaml:"cpu_profile"`
	Serve      ServeConfig `yaml:"serve"`
}

// ServeConfig configures "probity serve" (and the server "probity demo"
// starts).
type ServeConfig struct {
	Addr      string        `yaml:"addr"`              // PROBITY_ADDR, --addr
	Rate      float64       `yaml:"rate"`              // requests per second per caller; 0 or less: no limit (PROBITY_RATE, --rate)
	Reload    time.Duration `yaml:"reload"`            // how often to check lists and policy for changes; 0: never (PROBITY_RELOAD, --reload)
	LogLevel  string        `yaml:"log_level"`         // PROBITY_LOG_LEVEL, --log-level
	LogFormat string        `yaml:"log_format"`        // json or text (PROBITY_LOG_FORMAT, --log-format)
	MaxBody   int64         `yaml:"max_body"`          // largest request body in bytes (PROBITY_MAX_BODY, --max-body)
	Threshold int           `yaml:"concern_threshold"` // signatures that escalate a concern to a case; 0: review.DefaultThreshold
}

// DefaultConfig is the configuration before any file, variable or flag.
func DefaultConfig() Config {
	return Config{
		DB: "probity.db",
		Serve: ServeConfig{
			Addr: "127.0.0.1:8080", Rate: 100, Reload: 30 * time.Second,
			LogLevel: "info", LogFormat: "json", MaxBody: 1 << 20,
		},
	}
}

// envVar is one PROBITY_* variable and how it sets its field.
type envVar struct {
	name string
	set  func(string) error
}

func (c *Config) envVars() []envVar {
	str := func(p *string) func(string) error { return func(v string) error { *p = v; return nil } }
	return []envVar{
		{"PROBITY_DB", str(&c.DB)},
		{"PROBITY_CPUPROFILE", str(&c.CPUProfile)},
		{"PROBITY_ADDR", str(&c.Serve.Addr)},
		{"PROBITY_RATE", func(v string) (err error) { c.Serve.Rate, err = strconv.ParseFloat(v, 64); return err }},
		{"PROBITY_RELOAD", func(v string) (err error) { c.Serve.Reload, err = time.ParseDuration(v); return err }},
		{"PROBITY_LOG_LEVEL", str(&c.Serve.LogLevel)},
		{"PROBITY_LOG_FORMAT", str(&c.Serve.LogFormat)},
		{"PROBITY_MAX_BODY", func(v string) (err error) { c.Serve.MaxBody, err = strconv.ParseInt(v, 10, 64); return err }},
	}
}

// loadConfig returns the defaults overridden by the file at path (none if
// path is empty) and then by the environment that getenv reads.
func loadConfig(path string, getenv func(string) string) (Config, error) {
	c := DefaultConfig()
	if path != "" {
		if err := c.readFile(path); err != nil {
			return c, err
		}
	}
	for _, v := range c.envVars() {
		if s := getenv(v.name); s != "" {
			if err := v.set(s); err != nil {
				var ne *strconv.NumError
				if errors.As(err, &ne) {
					err = ne.Err
				}
				return c, fmt.Errorf("%s=%q: %v", v.name, s, err)
			}
		}
	}
	return c, nil
}

// readFile overrides c with the settings in a YAML file; unknown keys are
// errors, so that a misspelt setting is not silently ignored.
func (c *Config) readFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && err != io.EOF {
		return fmt.Errorf("config %s: %v", path, err)
	}
	return nil
}
