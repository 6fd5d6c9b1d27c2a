// check.mjs opens Neo4j Browser in Debian's chromium, connects to the Neo4j
// that NEO4J_URI names, applies kg's stylesheet with :style, runs a query and
// checks that the graph is drawn as a researcher should see it: every node of
// the result, the expected names as captions in their label's colour, the
// relationship types as edge captions. It saves a screenshot either way.
// e2e/browser_test.go runs it after loading the sample articles with kg.
//
// Environment:
//   NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD  the server (bolt:// or neo4j://)
//   KG_BROWSER_URL   Neo4j Browser, such as http://127.0.0.1:7474/browser/
//   KG_GRASS         a file holding kg's stylesheet (kg browser-style)
//   KG_QUERY         the Cypher query to run
//   KG_EXPECT        JSON: {"nodes": 26, "names": [{"name": "Russia", "label": "Country"}, ...],
//                    "types": ["MET_WITH", ...]}
//   KG_SCREENSHOT    where to save the PNG
//   CHROMIUM         the browser (default /usr/bin/chromium)
//
// Exit status 0 when every check passes, 1 with the reasons on stderr.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined || v === '') {
    console.error(`check.mjs: ${name} is not set`);
    process.exit(2);
  }
  return v;
};

const uri = new URL(env('NEO4J_URI'));
const user = env('NEO4J_USERNAME', 'neo4j');
const password = env('NEO4J_PASSWORD');
const browserURL = env('KG_BROWSER_URL');
const grass = fs.readFileSync(env('KG_GRASS'), 'utf8');
const query = env('KG_QUERY');
const expect = JSON.parse(env('KG_EXPECT'));
const screenshot = env('KG_SCREENSHOT');
const executablePath = env('CHROMIUM', '/usr/bin/chromium');

const scheme = uri.protocol + '//';
if (scheme !== 'bolt://' && scheme !== 'neo4j://') {
  console.error(`check.mjs: NEO4J_URI ${uri}: Browser's connect form takes bolt:// or neo4j:// here`);
  process.exit(2);
}

const t0 = Date.now();
const step = (what) => console.log(`check.mjs: ${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);
const failures = [];
const fail = (msg) => failures.push(msg);

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-browser-profile-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
context.setDefaultTimeout(45_000); // a loaded CI machine is slow
// Browser asks for web fonts and error reporting on the internet; the test
// talks to this machine only.
await context.route((url) => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname), (route) => route.abort());

const page = context.pages()[0] ?? (await context.newPage());
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));

// run types a command into Browser's editor the way a paste does (typing
// would let the editor close brackets and quotes by itself) and runs it.
async function run(command) {
  const editor = page.locator('[data-testid=activeEditor] textarea.inputarea');
  await editor.focus();
  await editor.evaluate((ta, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, command);
  await page.locator('[data-testid=editor-Run]').click();
}

// settle waits until the force layout stops moving the nodes.
async function settle(maxMs) {
  const positions = () => page.locator('svg g.node').evaluateAll((gs) => gs.map((g) => g.getAttribute('transform')));
  let last = await positions();
  for (const end = Date.now() + maxMs; Date.now() < end;) {
    await page.waitForTimeout(300);
    const now = await positions();
    if (now.length === last.length && now.every((p, i) => p === last[i])) return;
    last = now;
  }
}

try {
  await page.goto(browserURL);
  await page.locator('[data-testid=boltaddress]').waitFor();
  step('Browser loaded');

  await page.locator('[data-testid=bolt-scheme-select]').selectOption(scheme);
  await page.locator('[data-testid=boltaddress]').fill(uri.host);
  await page.locator('[data-testid=username]').fill(user);
  await page.locator('[data-testid=password]').fill(password);
  await page.locator('[data-testid=connect]').click();
  await page.getByText('You are connected as user').waitFor();
  step(`connected to ${scheme}${uri.host} as ${user}`);

  await run(':style ' + grass);
  // Browser shows the style it now uses and keeps it in local storage.
  await page.locator('pre', { hasText: 'node.Country {' }).waitFor();
  const grassStored = () => JSON.parse(localStorage.getItem('neo4j.grass') || 'null')?.['node.Country'] !== undefined;
  await page.waitForFunction(grassStored, null, { timeout: 10_000 }).catch(() => {});
  const stored = (await page.evaluate(() => JSON.parse(localStorage.getItem('neo4j.grass') || 'null'))) ?? {};
  for (const sel of ['node.Country', 'node.Person', 'node.Article', 'relationship.MET_WITH']) {
    if (!stored[sel]) fail(`:style did not apply kg's stylesheet: Browser holds no ${sel}`);
  }
  step('stylesheet applied with :style');

  await run(':clear');
  await run(query);
  const nodes = page.locator('svg g.node');
  await page.locator('svg g.node').first().waitFor();
  // Browser adds the nodes as the result streams in; the count is checked below.
  await page.waitForFunction((n) => document.querySelectorAll('svg g.node').length >= n, expect.nodes).catch(() => {});
  step('nodes drawn');
  await settle(8000);
  step('layout settled');
  // The result alone, as large as the window allows, fitted to the frame.
  await page.locator('[data-testid=frame] button[title=Fullscreen]').first().click();
  await page.locator('button[aria-label=zoom-to-fit]').click();
  await page.waitForTimeout(1000);
  step('graph drawn');

  const drawn = await nodes.evaluateAll((gs) => gs.map((g) => ({
    caption: [...g.querySelectorAll('text.caption')].map((t) => t.textContent.trim()).join(' '),
    fill: g.querySelector('circle.b-outline')?.getAttribute('fill') ?? '',
  })));
  if (drawn.length !== expect.nodes) fail(`${drawn.length} nodes drawn, the query returns ${expect.nodes}`);
  const uncaptioned = drawn.filter((d) => d.caption === '').length;
  if (uncaptioned > 0) fail(`${uncaptioned} of ${drawn.length} nodes drawn without a caption`);
  for (const { name, label } of expect.names) {
    const want = (stored[`node.${label}`]?.color ?? '').toLowerCase();
    const d = drawn.find((d) => d.caption === name);
    if (!d) {
      fail(`no node captioned "${name}" (${label}); captions drawn: ${drawn.map((d) => JSON.stringify(d.caption)).join(', ')}`);
    } else if (d.fill.toLowerCase() !== want) {
      fail(`"${name}" is drawn in ${d.fill}, kg's stylesheet gives ${label} ${want}`);
    } else {
      console.log(`check.mjs: "${name}" drawn in the colour of ${label} (${d.fill})`);
    }
  }
  const relCaptions = new Set(await page.locator('svg g.relationship text').allTextContents());
  for (const t of expect.types) {
    if (!relCaptions.has(t)) fail(`no relationship captioned ${t}; captions drawn: ${[...relCaptions].join(', ')}`);
  }
  console.log(`check.mjs: ${drawn.length} nodes drawn, relationship captions ${[...relCaptions].sort().join(', ')}`);
} catch (e) {
  fail(`${e.message.split('\n')[0]} (after ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
} finally {
  // Uncaught errors are reported, not failed on: Browser has some of its
  // own (its error reporting is cut off here); what counts is the picture.
  for (const e of pageErrors) console.log(`check.mjs: warning: error in the page: ${e}`);
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot }).catch((e) => fail(`screenshot: ${e.message}`));
  console.log(`check.mjs: screenshot ${screenshot}`);
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

if (failures.length > 0) {
  for (const f of failures) console.error(`check.mjs: FAIL ${f}`);
  process.exit(1);
}
step('all checks passed');
