package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

// Exit statuses that scripts can rely on.
const (
	exitOK      = 0 // everything done
	exitFailed  = 1 // the command failed
	exitUsage   = 2 // wrong flags or arguments
	exitSkipped = 3 // done, but some inputs were skipped (reported on stderr)
)

// errSkipped reports that a command finished but skipped some inputs.
var errSkipped = errors.New("some inputs were skipped")

// usageError marks an error in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env is what a command reads and writes besides its flags.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// progress is true when stderr is a terminal, so progress lines help a
	// person and do not litter logs.
	progress bool
	// unknown is the command name that was not found, if any.
	unknown string
}

// run runs kg with args and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if f, ok := stderr.(*os.File); ok {
		e.progress = term.IsTerminal(int(f.Fd()))
	}
	app := newApp(e)
	err := app.Run(flagsFirst(app, args))
	if err == nil && e.unknown != "" {
		err = usagef("no command %q", e.unknown)
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errSkipped):
		fmt.Fprintf(stderr, "kg: %v\n", err)
		return exitSkipped
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "kg: %v\nRun 'kg --help' or 'kg COMMAND --help' for usage.\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "kg: %v\n", err)
	return exitFailed
}

func newApp(e *env) *cli.App {
	onUsageError := func(_ *cli.Context, err error, _ bool) error { return usageError{err.Error()} }
	app := &cli.App{
		Name:  "kg",
		Usage: "build a knowledge graph of international relations from news articles",
		Description: `kg extracts people, countries, organisations, treaties, summits and places,
and who met, condemned or withdrew from what, from batches of news articles,
and upserts them into a graph store: an embedded file (./kg.db) by default, or
Neo4j with --neo4j URI or NEO4J_URI. Every edge keeps the article and sentence
it came from. Loading the same articles again changes nothing.

Exit status: 0 done; 1 failed; 2 usage error; 3 done but some inputs were
skipped (each is reported on stderr with its name and the reason).

Example:
   kg build fixtures/articles      # extract and load into ./kg.db
   kg stats                        # what the graph holds`,
		Version:         version(),
		Reader:          e.stdin,
		Writer:          e.stdout,
		ErrWriter:       e.stderr,
		HideHelpCommand: true,
		Flags:           []cli.Flag{configFlag()},
		ExitErrHandler:  func(*cli.Context, error) {}, // run decides the exit status
		OnUsageError:    onUsageError,
		CommandNotFound: func(_ *cli.Context, name string) { e.unknown = name },
		Commands: []*cli.Command{
			buildCommand(e),
			extractCommand(e),
			loadCommand(e),
			forgetCommand(e),
			statsCommand(e),
			queryCommand(e),
			entityCommand(e),
			relationsCommand(e),
			neighborsCommand(e),
			pathCommand(e),
			timelineCommand(e),
			evalCommand(e),
			schemaCommand(e),
			exportCommand(e),
			browserStyleCommand(e),
			versionCommand(e),
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
		c.Before = applyConfig
	}
	return app
}

// flagsFirst moves a command's flags before its arguments, so that
// "kg neighbors Lavrov --depth 2" works as people type it: urfave/cli stops
// reading flags at the first argument. Everything after "--" stays put.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 3 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	flags, rest := []string{}, []string{}
	for i := 2; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if takesValue[name] && !strings.Contains(name, "=") && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	out := append([]string{args[0], args[1]}, flags...)
	return append(out, rest...)
}
