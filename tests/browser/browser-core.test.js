// The core's ChatSession in headless Chromium over the browser platform layer (widget/platform:
// fetch, WebSocket, setTimeout, crypto, sessionStorage), against connect-local with the echo agent.
// The page is served by connect-local itself (--static) under a strict CSP (no inline script,
// 'wasm-unsafe-eval' only). Needs the wasm build of finchat_browser_smoke: FINCHAT_SMOKE_DIR (the
// build directory holding finchat_browser_smoke.js/.wasm), CONNECT_LOCAL (the native binary), and
// puppeteer-core from tests/conformance/node_modules.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
// The conformance suite's helpers (and, through them, its node_modules: puppeteer-core, ws).
const conformance = path.resolve(__dirname, '../conformance');
const haveConformanceModules = fs.existsSync(path.join(conformance, 'node_modules/puppeteer-core'));
const cl = haveConformanceModules ? require(path.join(conformance, 'lib/connect-local')) : null;
const { chromiumMissing, openBrowser } = require(path.join(conformance, 'lib/browser'));

const ROOT = path.resolve(__dirname, '../..');
const SMOKE_DIR = process.env.FINCHAT_SMOKE_DIR || path.join(ROOT, 'build/wasm/widget');
const STATES = ['Idle', 'Connecting', 'Live', 'Reconnecting', 'Ended', 'Failed'];

const missing = [
  [!chromiumMissing(), chromiumMissing()],
  [haveConformanceModules, 'no tests/conformance/node_modules (scripts/setup.sh installs them)'],
  [!cl || fs.existsSync(cl.binaryPath()), `no connect-local at ${cl && cl.binaryPath()}`],
  [fs.existsSync(path.join(SMOKE_DIR, 'finchat_browser_smoke.wasm')), `no finchat_browser_smoke.wasm in ${SMOKE_DIR}`],
].filter(([ok]) => !ok).map(([, why]) => why);
const skip = missing.length ? missing.join('; ') : false;

let staticDir;
let server;
let chromium;

before(async () => {
  if (skip) return;
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finchat-browser-core-'));
  for (const f of ['index.html', 'main.js']) fs.copyFileSync(path.join(__dirname, 'page', f), path.join(staticDir, f));
  for (const f of ['finchat_browser_smoke.js', 'finchat_browser_smoke.wasm']) fs.copyFileSync(path.join(SMOKE_DIR, f), path.join(staticDir, f));
  server = await cl.startConnectLocal({ agent: 'echo', args: ['--static', staticDir] });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
  if (staticDir) fs.rmSync(staticDir, { recursive: true, force: true });
});

test('the core over fetch/WebSocket/timers in headless Chromium: connect, escalate to the echo agent, "echo: hello", Live', { skip, timeout: 60000 }, async () => {
  chromium = await openBrowser('finchat-browser-core-');
  const { tab, consoleLines, network } = chromium;
  const context = async () => {
    const page = await tab.evaluate(() => ({
      log: document.getElementById('log').textContent,
      transcript: window.__smoke ? window.__smoke.transcript() : null,
      state: window.__smoke ? window.__smoke.state() : null,
      error: window.__smoke ? window.__smoke.lastError() : window.__loadError,
      csp: window.__csp,
    })).catch((e) => ({ evaluateError: e.message }));
    return `\npage: ${JSON.stringify(page, null, 1)}\nconsole:\n${consoleLines.join('\n')}\nnetwork:\n${network.join('\n')}\nconnect-local:\n${server.output().slice(-4000)}`;
  };
  const waitPage = async (fn, arg, what, timeout = 20000) => {
    try {
      await tab.waitForFunction(fn, { timeout, polling: 50 }, arg);
    } catch (e) {
      assert.fail(`timed out waiting for ${what}${await context()}`);
    }
  };

  await tab.goto(`${server.url}/index.html`);
  await waitPage(() => window.__ready === true || window.__loadError !== undefined, undefined, 'the wasm module');
  assert.equal(await tab.evaluate(() => window.__loadError), undefined, `module failed to load${await context()}`);

  const details = await tab.evaluate(() => window.__smoke.start());
  assert.equal(details.endpoint, server.url);
  await waitPage((live) => window.__smoke.state() === live, STATES.indexOf('Live'), 'state Live');

  assert.equal(await tab.evaluate(() => window.__smoke.send('agent please')), 0);
  assert.equal(await tab.evaluate(() => window.__smoke.send('hello')), 0);
  await waitPage(() => /\techo: hello$/m.test(window.__smoke.transcript()), undefined, '"echo: hello" in the transcript');

  const transcript = await tab.evaluate(() => window.__smoke.transcript());
  const state = await tab.evaluate(() => window.__smoke.state());
  if (process.env.BROWSER_CORE_VERBOSE) console.log(`transcript:\n${transcript}network:\n${network.join('\n')}`);
  assert.equal(STATES[state], 'Live', `session state${await context()}`);
  // Own messages were confirmed by the server (sent, delivered or read; not pending or failed).
  assert.match(transcript, /^CUSTOMER\t(sent|delivered|read)\tagent please$/m, `own message${await context()}`);
  assert.match(transcript, /^CUSTOMER\t(sent|delivered|read)\thello$/m, `own message${await context()}`);
  assert.match(transcript, /^AGENT\tincoming\techo: hello$/m);
  // The session persisted resume state through sessionStorage.
  const stored = await tab.evaluate(() => sessionStorage.getItem('finchat-smoke'));
  assert.ok(stored && stored.includes(details.participantId), 'resume state in sessionStorage');
  assert.deepEqual(await tab.evaluate(() => window.__csp), [], `CSP violations${await context()}`);
  assert.ok(!network.some((l) => l.startsWith('FAILED')), `failed requests${await context()}`);
});
