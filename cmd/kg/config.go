package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/urfave/cli/v2"
)

// configFlag names the config file: a JSON object whose keys are flag names
// ("store", "neo4j", "neo4j-user", "neo4j-database", "batch-size", "kb",
// ...) and whose values are what the flag would be given. A flag on the
// command line wins over its environment variable, which wins over the file.
func configFlag() cli.Flag {
	return &cli.StringFlag{Name: "config", EnvVars: []string{"KG_CONFIG"}, Value: defaultConfigPath(),
		Usage: "read defaults for flags from this JSON `FILE` (flags and environment win)"}
}

func defaultConfigPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "kg", "config.json")
}

// applyConfig sets each of the command's flags that neither the command line
// nor the environment set from the config file, if there is one. A missing
// default file is fine; a missing file that was asked for is not.
func applyConfig(c *cli.Context) error {
	path := c.String("config")
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !c.IsSet("config") {
		return nil
	}
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	var values map[string]any
	if err := json.Unmarshal(b, &values); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	for name, v := range values {
		if !slices.ContainsFunc(c.Command.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) }) || c.IsSet(name) {
			continue // another command's setting, or set on the command line or in the environment
		}
		vals := []any{v}
		if list, ok := v.([]any); ok {
			vals = list
		}
		for _, x := range vals {
			s := fmt.Sprint(x)
			if f, ok := x.(float64); ok {
				s = fmt.Sprint(int64(f))
			}
			if err := c.Set(name, s); err != nil {
				return fmt.Errorf("config %s: %s: %w", path, name, err)
			}
		}
	}
	return nil
}
