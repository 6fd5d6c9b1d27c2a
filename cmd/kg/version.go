package main

import (
	"fmt"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/extract"
)

// version describes this build: the module version or VCS revision, the
// extractor version and the record format.
func version() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
	}
	return fmt.Sprintf("%s (extractor %s, record format %d)", v, extract.Version, kg.FormatVersion)
}

func versionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print kg's version",
		Action: func(*cli.Context) error {
			fmt.Fprintf(e.stdout, "kg %s\n", version())
			return nil
		},
	}
}
