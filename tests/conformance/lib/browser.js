// Headless Debian Chromium for the browser tests, driven by puppeteer-core (which never downloads a
// browser): one place for the executable, the flags this closed-network machine needs, a throwaway
// profile, and recorders of the page's console and network for assertion messages.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

// A reason to skip browser tests on this machine, or false.
function chromiumMissing() {
  return !fs.existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM} (scripts/setup.sh installs Debian's chromium)`;
}

// WebGL2 in headless Chromium without a GPU: ANGLE over SwiftShader (software).
const WEBGL_ARGS = ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

// Launches Chromium with a fresh profile and opens one tab. `consoleLines` and `network` fill up as
// the page runs ("GET url -> 200", "FAILED GET url net::ERR_..."); close() also removes the profile.
// Options: webgl (software WebGL2), args (more flags), viewport.
async function openBrowser(profilePrefix = 'finchat-browser-', options = {}) {
  const puppeteer = require('puppeteer-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), profilePrefix));
  const args = [...CHROMIUM_ARGS, ...(options.webgl ? WEBGL_ARGS : []), ...(options.args || [])];
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args, userDataDir,
    defaultViewport: options.viewport || { width: 1280, height: 800 } });
  const tab = await browser.newPage();
  const consoleLines = [];
  const network = [];
  tab.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  tab.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  tab.on('requestfailed', (r) => network.push(`FAILED ${r.method()} ${r.url()} ${r.failure() && r.failure().errorText}`));
  tab.on('response', (r) => network.push(`${r.request().method()} ${r.url()} -> ${r.status()}`));
  async function close() {
    await browser.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return { browser, tab, consoleLines, network, close };
}

module.exports = { CHROMIUM, CHROMIUM_ARGS, WEBGL_ARGS, chromiumMissing, openBrowser };
