//go:build unix

package policy_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) used by this process, to
// report cost per decision independently of other load on a shared machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
