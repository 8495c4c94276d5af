package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine to write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeEndToEnd(t *testing.T) {
	db := tempDB(t)
	mustRun(t, db, "users", "add", "erin", "--role", "employee", "--admin")
	secret := strings.TrimSpace(mustRun(t, db, "tokens", "create", "--user", "erin", "--admin"))
	var out, errb syncBuffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Terminal: func() bool { return false }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"--db", db, "serve", "--addr", "127.0.0.1:0"}) }()
	var base string
	for i := 0; i < 200 && base == ""; i++ {
		if u := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(out.String()); u != "" {
			base = u
		}
		time.Sleep(10 * time.Millisecond)
	}
	if base == "" {
		cancel()
		t.Fatalf("no address printed: %q %q", out.String(), errb.String())
	}
	req, _ := http.NewRequest("GET", base+"/me", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var me struct {
		User struct{ Name string } `json:"user"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &me) != nil || me.User.Name != "erin" {
		t.Errorf("/me: %d %s", resp.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(errb.String(), `"msg":"request"`) || !strings.Contains(errb.String(), `"route":"/me"`) {
		t.Errorf("no structured request log: %s", errb.String())
	}
}
