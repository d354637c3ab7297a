// Command fivetran-migrate writes the HCL that moves resources of the
// official Fivetran provider to this provider: `moved` blocks, the new
// resource blocks, `removed` blocks for schedules, and a sensitive variable
// for every secret (whose value it never writes). It reads the output of
// `terraform show -json` from a file or standard input.
//
//	terraform show -json > state.json
//	fivetran-migrate -in state.json -out migrate.tf
package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/openpipes/terraform-provider-fivetran/internal/migrate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fivetran-migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "-", "`terraform show -json` output to read (- for standard input)")
	out := fs.String("out", "-", "the .tf file to write (- for standard output)")
	provider := fs.String("provider", "openpipes", "local name of this provider during the migration (empty: no provider argument)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	r := stdin
	if *in != "-" {
		f, err := os.Open(*in) //nolint:gosec // the user names the state file to read
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer f.Close()
		r = f
	}
	w := stdout
	var file *os.File
	if *out != "-" {
		f, err := os.Create(*out) //nolint:gosec // the user names the file to write
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		file, w = f, f
	}
	st, err := migrate.Generate(r, w, migrate.Options{Provider: *provider})
	if file != nil {
		err = cmp.Or(err, file.Close())
	}
	if err != nil {
		fmt.Fprintln(stderr, "fivetran-migrate:", err)
		return 1
	}
	fmt.Fprintf(stderr, "fivetran-migrate: %d moved, %d removed, %d secret variables, %d official resources without a counterpart (listed at the top)\n",
		st.Moved, st.Removed, st.Variables, st.Unknown)
	return 0
}
