#!/usr/bin/env node
// Frame benchmark (prints figures; not a test): CPU time per frame of the widget with 10, 1,000 and
// 10,000 messages in headless Chromium (software WebGL2), and the frames drawn during 10 s of idle.
// Two transcripts: Latin text with some markdown, and mixed scripts (emoji, Arabic, Hebrew, Hindi,
// Thai, Chinese; message bodies shaped and rasterised by the browser, text_runs.h). Also prints the
// browser-text bitmap bytes held against their cap after scrolling through the 10,000 messages.
// Script 'tpl': 1,000 messages of which 200 are interactive templates
// (all five types; loading, ready, answered, failed).
//   node tests/bench/widget_frames.js            (after scripts/test.sh or a build of both trees)
// Env: CONNECT_LOCAL (binary), DIST (default build/wasm/dist-bench: the widget with fc_bench; bench_page.js),
// FRAMES (frames per size, default 200), IDLE_MS (default 10000).
// Targets: ≤ 2 ms per frame at 10,000 messages; 0 frames while idle.
'use strict';
const path = require('node:path');
const { openBrowser } = require(path.resolve(__dirname, '../conformance/lib/browser'));
const { startBenchServer, benchReady } = require('./bench_page');

const FRAMES = Number(process.env.FRAMES || 200);
const IDLE_MS = Number(process.env.IDLE_MS || 10000);

(async () => {
  const server = await startBenchServer();
  const chromium = await openBrowser('finchat-bench-', { webgl: true });
  const { tab } = chromium;
  const rows = [];
  try {
    await tab.goto(`${server.url}/bench/index.html`, { waitUntil: 'load' });
    await benchReady(tab);
    await new Promise((r) => setTimeout(r, 500));
    for (const [kind, script, n] of [[1, 'latin', 10], [1, 'latin', 1000], [5, 'tpl', 1000], [1, 'latin', 10000],
      [10, 'mixed', 10], [10, 'mixed', 1000], [10, 'mixed', 10000]]) {
      const t0 = Date.now();
      const count = await tab.evaluate((k, m, set) => window.bench(k, m, set), kind, n, script);
      const fillMs = Date.now() - t0;
      // Warm up (first frames measure the rows that come into view), then measure.
      await tab.evaluate(() => window.benchHandle._bench(2, 10));
      const full = await tab.evaluate((f) => window.benchHandle._bench(2, f), FRAMES);
      const ui = await tab.evaluate((f) => window.benchHandle._bench(4, f), FRAMES);
      rows.push({ script, messages: n, rows: count, fillMs, frameMs: full / 1000, uiMs: ui / 1000 });
    }
    // Scroll from the newest to the oldest of the 10,000 mixed-script messages: every row passes
    // through the view, is rasterised, and the cache must stay within its cap.
    const scroll = await tab.evaluate(async () => {
      const h = window.benchHandle;
      const canvas = [...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean)
        .map((r) => r.querySelector('canvas')).find(Boolean);
      const r = canvas.getBoundingClientRect();
      let peak = 0, frames = 0;
      const t0 = performance.now();
      for (let i = 0; i < 400; i++) {
        canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: -2400, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2, bubbles: true }));
        h._bench(2, 1);
        frames++;
        peak = Math.max(peak, h._bench(11, 0));
      }
      return { frames, msPerFrame: (performance.now() - t0) / frames, peak, held: h._bench(11, 0), cap: h._bench(12, 0),
        tiles: h._bench(13, 0) };
    });
    await tab.screenshot({ path: path.join(process.env.BENCH_SHOTS || '/tmp', 'widget-bench-10000.png') });
    // Idle: nothing changes, so nothing may be drawn (render on demand).
    await new Promise((r) => setTimeout(r, 1000));   // settle frames of the last change
    const before = await tab.evaluate(() => window.benchHandle._bench(3, 0));
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const after = await tab.evaluate(() => window.benchHandle._bench(3, 0));

    console.log(`widget frame benchmark (headless Chromium, SwiftShader WebGL2; ${FRAMES} frames each)`);
    console.log('script  messages   rows   fill ms   frame ms (all)   frame ms (UI + vertices, no GL)');
    for (const r of rows) {
      console.log(`${r.script.padEnd(6)} ${String(r.messages).padStart(9)} ${String(r.rows).padStart(6)} ${String(r.fillMs).padStart(9)} ` +
        `${r.frameMs.toFixed(3).padStart(16)} ${r.uiMs.toFixed(3).padStart(20)}`);
    }
    for (const script of ['latin', 'mixed']) {
      const last = rows.filter((r) => r.script === script).pop();
      console.log(`target (${script}): ≤ 2 ms per frame at 10,000 messages: ${last.uiMs <= 2 ? 'PASS' : 'OVER'} (UI ${last.uiMs.toFixed(3)} ms)`);
    }
    const mib = (b) => `${(b / 1048576).toFixed(2)} MiB`;
    console.log(`scrolling through 10,000 mixed-script messages (${scroll.frames} frames, ${scroll.msPerFrame.toFixed(2)} ms each ` +
      `incl. rasterising): ${scroll.tiles} text tiles rasterised; bitmaps held ${mib(scroll.held)}, peak ${mib(scroll.peak)}, ` +
      `cap ${mib(scroll.cap)} (${scroll.peak <= scroll.cap ? 'within' : 'OVER'})`);
    console.log(`frames drawn during ${IDLE_MS / 1000} s idle: ${after - before} (target 0: ${after - before === 0 ? 'PASS' : 'OVER'})`);
  } finally {
    await chromium.close();
    await server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
