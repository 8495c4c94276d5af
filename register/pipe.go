package register

import "context"

// pipe runs produce on its own goroutine and consume on the calling one
// (the only one that uses the transaction), handing items over in batches
// so that parsing a file and writing it to the store overlap. If consume
// fails, produce is cancelled and consume's error is returned; otherwise
// produce's.
func pipe[T any](ctx context.Context, produce func(ctx context.Context, emit func(T) error) error, consume func(T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	const batchLen = 64
	batches := make(chan []T, 8)
	errc := make(chan error, 1)
	go func() {
		defer close(batches)
		send := func(b []T) error {
			select {
			case batches <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		batch := make([]T, 0, batchLen)
		err := produce(ctx, func(x T) error {
			batch = append(batch, x)
			if len(batch) < batchLen {
				return nil
			}
			b := batch
			batch = make([]T, 0, batchLen)
			return send(b)
		})
		if err == nil && len(batch) > 0 {
			err = send(batch)
		}
		errc <- err
	}()
	for batch := range batches {
		for _, x := range batch {
			if err := consume(x); err != nil {
				cancel()
				for range batches {
				}
				<-errc
				return err
			}
		}
	}
	return <-errc
}
