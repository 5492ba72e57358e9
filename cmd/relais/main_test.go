package main

import (
	"strings"
	"testing"

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
		RequireExplicitExec: false,
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
