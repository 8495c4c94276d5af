// Command probity is human-rights due diligence and contract transparency
// for technology vendors: it registers government contracts, screens their
// parties against risk lists, decides on them under a published policy and
// publishes the register. Run "probity help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// PROBITY_CPUPROFILE=FILE writes a CPU profile, for the bench/ scripts.
	if path := os.Getenv("PROBITY_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	code := NewMain().Run(ctx, os.Args[1:])
	stop()
	pprof.StopCPUProfile()
	os.Exit(code)
}
