// The widget benchmarks' page (tests/bench/widget-page) served by connect-local over the bench build of
// the widget: build/wasm/dist-bench (cmake --build build/wasm --target finaptic_chat_dist_bench), whose
// wasm exports fc_bench; the shipped build/wasm/dist has no benchmark code. Env: DIST (another dist).
// Used by widget_frames.js and widget_template_shots.js.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const root = path.resolve(__dirname, '../..');
const cl = require(path.join(root, 'tests/conformance/lib/connect-local'));

const DIST = process.env.DIST || path.join(root, 'build/wasm/dist-bench');

function startBenchServer() {
  if (!fs.existsSync(path.join(DIST, 'finaptic-chat.wasm'))) {
    return Promise.reject(new Error(`no widget in ${DIST} (build it: cmake --build build/wasm --target finaptic_chat_dist_bench)`));
  }
  return cl.startConnectLocal({ args: ['--mount', `/bench/=${path.join(__dirname, 'widget-page')}`, '--widget', DIST] });
}

// After tab.goto: the widget is up and handle._bench is there (else the page's reason, as an error).
async function benchReady(tab) {
  await tab.waitForFunction(() => window.benchReady !== undefined, { timeout: 30000 });
  const ready = await tab.evaluate(() => window.benchReady);
  if (ready !== true) throw new Error(`bench page: ${ready}`);
}

module.exports = { DIST, startBenchServer, benchReady };
