// Command probity is human-rights due diligence and contract transparency
// for technology vendors: it registers government contracts, screens their
// parties against risk lists, decides on them under a published policy and
// publishes the register. Run "probity help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := NewMain().Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
