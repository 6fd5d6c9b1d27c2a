package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// browserQuery is the query the test runs in Neo4j Browser: the core
// relations, the best first picture of the graph.
const browserQuery = "MATCH p=(a)-[r:MET_WITH|CONDEMNED|WITHDREW_FROM]->(b) RETURN p LIMIT 50"

// TestBrowser_DrawsTheGraphWithNames loads the sample articles into the test
// Neo4j with kg, then has e2e/browser/check.mjs open Neo4j Browser (served by
// that server) in Debian's chromium, connect, apply `kg browser-style` with
// :style and run browserQuery, and check that every node of the result is
// drawn, that three of its entities are captioned with their names in their
// label's colour and that the relationships are captioned with their types.
// The screenshot is saved to $KG_ARTIFACTS/browser.png, or
// e2e/browser/out/browser.png.
//
// It needs NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD), Node.js 20 or
// later and chromium. Without them it skips, but under CI=true it installs
// chromium with apt-get and fails on anything else that is missing. The
// npm packages (playwright-core) are installed with npm ci when missing.
func TestBrowser_DrawsTheGraphWithNames(t *testing.T) {
	ci := os.Getenv("CI") == "true"
	unavailable := func(format string, args ...any) {
		t.Helper()
		if ci {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		unavailable("NEO4J_URI not set; start a test server with `scripts/neo4j start` and `eval $(scripts/neo4j env)`")
	}
	node := nodeJS(t, unavailable)
	chromium := chromiumPath(t, ci, unavailable)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	t.Cleanup(cancel)
	npmCI(ctx, t)

	dir := t.TempDir()
	kg := filepath.Join(dir, "kg")
	runCmd(ctx, t, "", nil, "go", "build", "-o", kg, "../cmd/kg")

	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(os.Getenv("NEO4J_USERNAME"), os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { driver.Close(ctx) }) // after the cleanups registered below
	db := neo4j.ExecuteQueryWithDatabase(os.Getenv("NEO4J_DATABASE"))
	reset := func() {
		// CALL { } IN TRANSACTIONS needs an auto-commit transaction.
		sess := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: os.Getenv("NEO4J_DATABASE")})
		defer sess.Close(ctx)
		res, err := sess.Run(ctx, "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			t.Fatalf("wipe the test database: %v", err)
		}
	}
	reset()
	if os.Getenv("KG_E2E_KEEP") == "" {
		t.Cleanup(reset)
	} else {
		t.Logf("KG_E2E_KEEP is set: the graph stays in %s", uri)
	}

	// kg reads NEO4J_URI and the rest from the environment, as a user's would.
	out := runCmd(ctx, t, "", nil, kg, "build", "../fixtures/articles")
	t.Logf("kg build:\n%s", out)
	grass := filepath.Join(dir, "kg.grass")
	style, err := exec.CommandContext(ctx, kg, "browser-style").Output()
	if err != nil {
		t.Fatalf("kg browser-style: %v", err)
	}
	if err := os.WriteFile(grass, style, 0o644); err != nil {
		t.Fatal(err)
	}

	want := expectation(ctx, t, driver, db)
	browserURL := os.Getenv("KG_BROWSER_URL")
	if browserURL == "" {
		browserURL = browserOf(ctx, t, driver, db)
	}
	shot := filepath.Join("browser", "out", "browser.png")
	if a := os.Getenv("KG_ARTIFACTS"); a != "" {
		shot = filepath.Join(a, "browser.png")
	}
	shot, _ = filepath.Abs(shot)
	expectJSON, _ := json.Marshal(want)
	t.Logf("Neo4j Browser at %s; expecting %s", browserURL, expectJSON)

	start := time.Now()
	out, err = command(ctx, "browser", []string{
		"KG_BROWSER_URL=" + browserURL, "KG_GRASS=" + grass, "KG_QUERY=" + browserQuery,
		"KG_EXPECT=" + string(expectJSON), "KG_SCREENSHOT=" + shot, "CHROMIUM=" + chromium,
	}, node, "check.mjs")
	t.Logf("node check.mjs (%s):\n%s", time.Since(start).Round(100*time.Millisecond), out)
	if err != nil {
		t.Fatalf("the browser check failed: %v (screenshot: %s); if the graph drawn is not the sample's, another test wrote to the server meanwhile: scripts/test runs e2e alone", err, shot)
	}
	t.Logf("screenshot: %s", shot)
}

// expected is what check.mjs checks: the number of nodes browserQuery
// returns, a few of their names with labels, and its relationship types.
type expected struct {
	Nodes int            `json:"nodes"`
	Names []expectedName `json:"names"`
	Types []string       `json:"types"`
}

type expectedName struct {
	Name  string `json:"name"`
	Label string `json:"label"`
}

// expectation runs browserQuery and picks the names to look for: the sample
// articles' extraction improves over time, so the names come from the graph,
// not from the test. It takes up to three labels, countries and people
// first, and of each the shortest name, which Browser draws without
// shortening it.
func expectation(ctx context.Context, t *testing.T, driver neo4j.DriverWithContext, db neo4j.ExecuteQueryConfigurationOption) expected {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, driver, browserQuery, nil, neo4j.EagerResultTransformer, db, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatalf("%s: %v", browserQuery, err)
	}
	var want expected
	seen := map[string]bool{}
	names := map[string][]string{} // by label
	for _, rec := range res.Records {
		p := rec.Values[0].(dbtype.Path)
		for _, n := range p.Nodes {
			if seen[n.ElementId] {
				continue
			}
			seen[n.ElementId] = true
			if name, ok := n.Props["name"].(string); ok && len(n.Labels) == 1 && len(name) <= 16 {
				names[n.Labels[0]] = append(names[n.Labels[0]], name)
			}
		}
		for _, r := range p.Relationships {
			if !slices.Contains(want.Types, r.Type) {
				want.Types = append(want.Types, r.Type)
			}
		}
	}
	want.Nodes = len(seen)
	if want.Nodes == 0 {
		t.Fatalf("%s returns nothing after kg build: no graph to look at", browserQuery)
	}
	for _, label := range []string{"Country", "Person", "Organization", "Treaty", "Summit", "Place"} {
		if len(want.Names) == 3 || len(names[label]) == 0 {
			continue
		}
		l := names[label]
		slices.SortFunc(l, func(a, b string) int {
			if len(a) != len(b) {
				return len(a) - len(b)
			}
			return strings.Compare(a, b)
		})
		want.Names = append(want.Names, expectedName{Name: l[0], Label: label})
	}
	if len(want.Names) == 0 {
		t.Fatalf("%s returns no named entity to look for", browserQuery)
	}
	return want
}

// browserOf asks the server where its HTTP connector, which serves Neo4j
// Browser, is.
func browserOf(ctx context.Context, t *testing.T, driver neo4j.DriverWithContext, db neo4j.ExecuteQueryConfigurationOption) string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, driver,
		"SHOW SETTINGS YIELD name, value WHERE name IN ['server.http.enabled', 'server.http.advertised_address'] RETURN name, value",
		nil, neo4j.EagerResultTransformer, db)
	if err != nil {
		t.Fatalf("ask the server for its HTTP address (or set KG_BROWSER_URL): %v", err)
	}
	settings := map[string]string{}
	for _, r := range res.Records {
		settings[r.Values[0].(string)] = fmt.Sprint(r.Values[1])
	}
	addr := settings["server.http.advertised_address"]
	if settings["server.http.enabled"] != "true" || addr == "" {
		t.Fatalf("the server serves no HTTP (settings %v): no Neo4j Browser to test; set KG_BROWSER_URL", settings)
	}
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	return "http://" + addr + "/browser/"
}

// nodeJS returns the path of node, version 20 or later (playwright-core
// needs it).
func nodeJS(t *testing.T, unavailable func(string, ...any)) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable("node not found: the browser test needs Node.js 20 or later")
	}
	v, err := exec.Command(node, "--version").Output()
	m := regexp.MustCompile(`^v(\d+)\.`).FindSubmatch(v)
	if err != nil || m == nil {
		unavailable("%s --version: %q, %v", node, v, err)
	}
	if major, _ := strconv.Atoi(string(m[1])); major < 20 {
		unavailable("node %s is too old: the browser test needs Node.js 20 or later", strings.TrimSpace(string(v)))
	}
	return node
}

// chromiumPath returns Debian's chromium ($CHROMIUM, or chromium on the
// PATH). In CI a missing chromium is installed with apt-get.
func chromiumPath(t *testing.T, ci bool, unavailable func(string, ...any)) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if !ci {
		unavailable("chromium not found: install Debian's (apt-get install -y chromium) or set CHROMIUM")
	}
	t.Log("chromium not found; installing it with apt-get (CI)")
	start := time.Now()
	for _, args := range [][]string{{"update"}, {"install", "-y", "--no-install-recommends", "chromium"}} {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("apt-get %s: %v\n%s", strings.Join(args, " "), err, tail(out))
		}
	}
	p, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("chromium still not found after apt-get install: %v", err)
	}
	t.Logf("installed %s in %s", p, time.Since(start).Round(time.Second))
	return p
}

// npmCI installs e2e/browser's npm packages from its package-lock.json
// unless node_modules already holds the locked playwright-core.
func npmCI(ctx context.Context, t *testing.T) {
	t.Helper()
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	b, err := os.ReadFile("browser/package-lock.json")
	if err == nil {
		err = json.Unmarshal(b, &lock)
	}
	if err != nil {
		t.Fatalf("browser/package-lock.json: %v", err)
	}
	var installed struct{ Version string }
	if b, err := os.ReadFile("browser/node_modules/playwright-core/package.json"); err == nil && json.Unmarshal(b, &installed) == nil &&
		installed.Version == lock.Packages["node_modules/playwright-core"].Version {
		return
	}
	start := time.Now()
	runCmd(ctx, t, "browser", nil, "npm", "ci", "--no-audit", "--no-fund")
	t.Logf("npm ci in e2e/browser: %s", time.Since(start).Round(100*time.Millisecond))
}

// command runs a program in dir with extra environment variables and
// returns its combined output.
func command(ctx context.Context, dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func runCmd(ctx context.Context, t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := command(ctx, dir, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail([]byte(out)))
	}
	return out
}

// tail is the end of a long output.
func tail(b []byte) string {
	const max = 4000
	if len(b) > max {
		return "..." + string(b[len(b)-max:])
	}
	return string(b)
}
