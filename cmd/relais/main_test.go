package main

import (
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"relais": main})
}

// TestScripts runs the command-line scenarios of testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// The clock must not leak into the scripts' outputs.
			env.Setenv("SOURCE_DATE_EPOCH", "1633039200") // 2021-10-01T00:00:00+02:00
			env.Setenv("URL", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"waitserver": waitServer,
			"httpget":    httpGet,
		},
	})
}

// TestCheckExampleSite: the example site has no error and no warning.
func TestCheckExampleSite(t *testing.T) {
	var stdout, stderr strings.Builder
	env := &environment{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, now: func() int64 { return 1633039200 }}
	if code := run(env, []string{"check", "--src", "../..", "--strict"}); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	if stderr.Len() > 0 || !strings.Contains(stdout.String(), "no error, 0 warnings") {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

// waitServer waits for the ready file that relais serve writes (its
// RELAIS_READY_FILE), and sets $URL to the address in it.
func waitServer(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: waitserver readyfile")
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(ts.MkAbs(args[0])); err == nil && len(b) > 0 {
			ts.Setenv("URL", strings.TrimSpace(string(b)))
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.Fatalf("the server did not start")
}

// httpget fetches $URL+path into the file out, retrying for a second until
// the body matches the optional regexp.
func httpGet(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: httpget path out [regexp]")
	}
	var re *regexp.Regexp
	if len(args) == 3 {
		re = regexp.MustCompile(args[2])
	}
	deadline := time.Now().Add(time.Second)
	var body []byte
	for {
		resp, err := http.Get(ts.Getenv("URL") + args[0])
		ts.Check(err)
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if re == nil || re.Match(body) || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), body, 0o644))
}
