// What the wasm widget's end-to-end tests share (widget.test.js, handoff.test.js): connect-local,
// headless Chromium, the built widget, why the tests would be skipped, and where screenshots go.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const conformance = path.resolve(__dirname, '../../conformance');
const haveModules = fs.existsSync(path.join(conformance, 'node_modules/puppeteer-core'));
const cl = haveModules ? require(path.join(conformance, 'lib/connect-local')) : null;
const { chromiumMissing, openBrowser } = require(path.join(conformance, 'lib/browser'));
const { axeMissing } = require('./axe');

const ROOT = path.resolve(__dirname, '../../..');
const DIST = process.env.FINCHAT_DIST_DIR || path.join(ROOT, 'build/wasm/dist');
const SHOTS = process.env.WIDGET_SHOTS || path.join(ROOT, 'build/native/artifacts/widget');

const missing = [
  [!chromiumMissing(), chromiumMissing()],
  [haveModules, 'no tests/conformance/node_modules (scripts/setup.sh installs them)'],
  [!cl || fs.existsSync(cl.binaryPath()), `no connect-local at ${cl && cl.binaryPath()}`],
  [!axeMissing(), axeMissing()],
].filter(([ok]) => !ok).map(([, why]) => why);
// Run from ctest (FINCHAT_DIST_DIR set), a missing widget build is a failure, not a skip.
if (!process.env.FINCHAT_DIST_DIR && !fs.existsSync(path.join(DIST, 'finaptic-chat.wasm'))) missing.push(`no widget build in ${DIST}`);
const skip = missing.length ? missing.join('; ') : false;

async function shot(tab, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await tab.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

module.exports = { cl, openBrowser, DIST, SHOTS, skip, shot };
