package main

import (
	"runtime"
	"sync"
)

// inOrder applies work to items in parallel, one worker per core, and
// hands the results to emit in the items' order. It is used by the batch
// commands, which read their input in chunks so memory stays bounded.
func inOrder[T, R any](items []T, work func(T) R, emit func(R) error) error {
	results := make([]R, len(items))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int, len(items))
	for i := range items {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = work(items[i])
			}
		}()
	}
	wg.Wait()
	for _, r := range results {
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}

// batchSize is how many queries a batch command reads before working on
// them.
const batchSize = 4096
