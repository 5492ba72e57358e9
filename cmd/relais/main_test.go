package main

import (
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
