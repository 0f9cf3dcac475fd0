#!/usr/bin/env node
// Frame benchmark (prints figures; not a test): CPU time per frame of the widget with 10, 1,000 and
// 10,000 messages in headless Chromium (software WebGL2), with 1,000 messages of which 200 are
// interactive templates (all five types; loading, ready, answered, failed), and the frames drawn
// during 10 s of idle.
//   node tests/bench/widget_frames.js            (after scripts/test.sh or a build of both trees)
// Env: CONNECT_LOCAL (binary), FRAMES (frames per size, default 200), IDLE_MS (default 10000).
// Targets: ≤ 2 ms per frame at 10,000 messages; 0 frames while idle.
'use strict';
const path = require('node:path');
const conformance = path.resolve(__dirname, '../conformance');
const cl = require(path.join(conformance, 'lib/connect-local'));
const { openBrowser } = require(path.join(conformance, 'lib/browser'));

const FRAMES = Number(process.env.FRAMES || 200);
const IDLE_MS = Number(process.env.IDLE_MS || 10000);

(async () => {
  const server = await cl.startConnectLocal({ args: ['--mount', `/bench/=${path.join(__dirname, 'widget-page')}`] });
  const chromium = await openBrowser('finchat-bench-', { webgl: true });
  const { tab } = chromium;
  const rows = [];
  try {
    await tab.goto(`${server.url}/bench/index.html`, { waitUntil: 'load' });
    await tab.waitForFunction(() => window.benchReady === true, { timeout: 30000 });
    await new Promise((r) => setTimeout(r, 500));
    for (const [n, kind] of [[10, 1], [1000, 1], [1000, 5], [10000, 1]]) {
      const t0 = Date.now();
      const count = await tab.evaluate((k, fill) => window.benchHandle._bench(fill, k), n, kind);
      const fillMs = Date.now() - t0;
      // Warm up (first frames measure the rows that come into view), then measure.
      await tab.evaluate(() => window.benchHandle._bench(2, 10));
      const full = await tab.evaluate((f) => window.benchHandle._bench(2, f), FRAMES);
      const ui = await tab.evaluate((f) => window.benchHandle._bench(4, f), FRAMES);
      rows.push({ messages: kind === 5 ? `${n}/200t` : String(n), rows: count, fillMs, frameMs: full / 1000, uiMs: ui / 1000 });
    }
    await tab.screenshot({ path: path.join(process.env.BENCH_SHOTS || '/tmp', 'widget-bench-10000.png') });
    // Idle: nothing changes, so nothing may be drawn (render on demand).
    await new Promise((r) => setTimeout(r, 1000));   // settle frames of the last change
    const before = await tab.evaluate(() => window.benchHandle._bench(3, 0));
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const after = await tab.evaluate(() => window.benchHandle._bench(3, 0));

    console.log(`widget frame benchmark (headless Chromium, SwiftShader WebGL2; ${FRAMES} frames each)`);
    console.log('messages   rows   fill ms   frame ms (all)   frame ms (UI + ImGui render, no GL)   (1000/200t: 200 of them templates)');
    for (const r of rows) {
      console.log(`${r.messages.padStart(8)} ${String(r.rows).padStart(6)} ${String(r.fillMs).padStart(9)} ` +
        `${r.frameMs.toFixed(3).padStart(16)} ${r.uiMs.toFixed(3).padStart(20)}`);
    }
    const last = rows[rows.length - 1];
    console.log(`target: ≤ 2 ms per frame at 10,000 messages: ${last.uiMs <= 2 ? 'PASS' : 'OVER'} (UI ${last.uiMs.toFixed(3)} ms)`);
    console.log(`frames drawn during ${IDLE_MS / 1000} s idle: ${after - before} (target 0: ${after - before === 0 ? 'PASS' : 'OVER'})`);
  } finally {
    await chromium.close();
    await server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
