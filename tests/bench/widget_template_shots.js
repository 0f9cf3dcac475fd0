#!/usr/bin/env node
// Screenshots of the five template views (fc_bench 6: loading, ready, answered, failed), 320 px wide at
// 100 % and 200 % (deviceScaleFactor 2), then paged on and with a template option focused through its
// mirror twin; images of ListPicker/Carousel options are served by request interception. For people
// to look at (not a test):   node tests/bench/widget_template_shots.js   (after a build of both trees)
// Env: OUT (default /tmp/widget-template-shots), ONLY (e.g. "carousel,timepicker"), CONSOLE=1, DIST
// (default build/wasm/dist-bench: the widget with fc_bench; bench_page.js), LOCALE (e.g. "ar": the window
// mirrored, right to left).
'use strict';
const path = require('node:path');
const zlib = require('node:zlib');
const fs = require('node:fs');
const root = path.resolve(__dirname, '../..');
const conformance = path.join(root, 'tests/conformance');
const { openBrowser } = require(path.join(conformance, 'lib/browser'));
const { startBenchServer, benchReady } = require('./bench_page');
const OUT = process.env.OUT || '/tmp/widget-template-shots';
fs.mkdirSync(OUT, { recursive: true });

function png(w, h, rgb) {   // a small solid PNG with a lighter diagonal band
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const band = Math.abs(x - y) < 10 ? 60 : 0;
      raw[o] = Math.min(255, rgb[0] + band); raw[o + 1] = Math.min(255, rgb[1] + band); raw[o + 2] = Math.min(255, rgb[2] + band);
    }
  }
  const crcTable = [...Array(256).keys()].map((n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const images = { checking: png(80, 80, [40, 110, 200]), savings: png(80, 80, [30, 150, 90]), card: png(80, 80, [120, 60, 160]) };

(async () => {
  const server = await startBenchServer();
  const chromium = await openBrowser('tpl-shots-', { webgl: true });
  const { tab } = chromium;
  try {
    await tab.setRequestInterception(true);
    tab.on('request', (r) => {
      const m = /^https:\/\/acme\.example\/img\/(\w+)\.png$/.exec(r.url());
      if (m && images[m[1]]) return r.respond({ status: 200, contentType: 'image/png', headers: { 'Access-Control-Allow-Origin': '*' }, body: images[m[1]] });
      if (r.url().startsWith('https://')) return r.abort();
      return r.continue();
    });
    const types = ['listpicker', 'panel', 'timepicker', 'quickreply', 'carousel'];
    const only = process.env.ONLY ? process.env.ONLY.split(',') : null;
    for (const [scale, h] of [[1, 1500], [2, 1500]]) {
      await tab.setViewport({ width: 320, height: h, deviceScaleFactor: scale });
      await tab.goto(`${server.url}/bench/index.html${process.env.LOCALE ? `?locale=${process.env.LOCALE}` : ''}`, { waitUntil: 'load' });
      await tab.addStyleTag({ content: `#chat { width: 320px !important; height: ${h}px !important; margin: 0 !important; }` });
      await benchReady(tab);
      for (let t = 0; t < 5; t++) {
        if (only && !only.includes(types[t])) continue;
        await tab.evaluate((k) => window.bench(6, k, 'tpl'), t);
        await new Promise((r) => setTimeout(r, 700));
        await tab.evaluate(() => window.benchHandle._bench(2, 2));
        await new Promise((r) => setTimeout(r, 300));
        const file = path.join(OUT, `${types[t]}-320-x${scale}.png`);
        await tab.screenshot({ path: file });
        console.log(file);
        // Page on (TimePicker, Carousel) and focus an option through the mirror's twins, as a keyboard would.
        const did = await tab.evaluate(() => {
          const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
          const all = roots.flatMap((r) => [...r.querySelectorAll('[data-id]')]);
          const next = all.find((e) => /^tpl-page:.*:1$/.test(e.dataset.id));
          if (next) next.click();
          return { next: !!next, ids: all.map((e) => e.dataset.id) };
        });
        await new Promise((r) => setTimeout(r, 300));
        await tab.evaluate(() => {
          const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
          const all = roots.flatMap((r) => [...r.querySelectorAll('[data-id]')]);
          const opt = all.filter((e) => /^tpl-opt:/.test(e.dataset.id) && !e.disabled && e.getAttribute('aria-disabled') !== 'true');
          if (opt[1]) opt[1].focus();
        });
        await new Promise((r) => setTimeout(r, 300));
        await tab.evaluate(() => window.benchHandle._bench(2, 1));
        const file2 = path.join(OUT, `${types[t]}-320-x${scale}-paged-focused.png`);
        await tab.screenshot({ path: file2 });
        console.log(file2, did.next, did.ids.filter((i) => i.startsWith('tpl')).join(' '));
      }
    }
    if (process.env.CONSOLE) console.log(chromium.consoleLines.join('\n'));
  } finally {
    await chromium.close();
    await server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
