// Message text drawn by the browser (web/src/text-raster.js → textures → ImGui), end to end in
// headless Chromium at devicePixelRatio 2 against connect-local's echo agent: a customer sends
// emoji, Arabic, Hebrew, Hindi, Thai and Chinese messages and the agent answers each ("echo: …"),
// so every script shows in both directions (own bubble on the right, agent's on the left).
//
// The pixel check is independent of the widget's layout code: it finds the two newest bubbles in a
// screenshot of the canvas by their theme colours, turns their pixels into an ink map, and matches
// it against the same string drawn by the page's own Canvas2D fillText (same font stack and size,
// at device pixels). A negative control matches the same bubbles against a run of '?' and of tofu
// boxes of the same length: the real text must match far better than either. Emoji must be in
// colour (saturated pixels inside the customer's bubble). A link inside right-to-left text must
// have its DOM twin (hit-testing and keyboard) over the link's own pixels.
// Screenshots go to WIDGET_SHOTS (default build/native/artifacts/widget) as text-*.png.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const page = require('./lib/widget-page');
const { cl, openBrowser, DIST, SHOTS, skip, shot } = require('./lib/e2e');

const DPR = 2;
// themes/acme.json (the demo's default theme)
const THEME = { customerBubble: [0x0b, 0x6e, 0x4f], customerText: [255, 255, 255], agentBubble: [0xed, 0xf4, 0xf0],
  agentText: [0x13, 0x26, 0x1e] };

const SAMPLES = [
  { name: 'emoji', text: 'thanks 👍', emoji: true },
  { name: 'arabic', text: 'مرحبا، أريد تحويل المال' },
  { name: 'hebrew', text: 'שלום, הכרטיס שלי נחסם' },
  { name: 'hindi', text: 'नमस्ते, मेरा खाता बंद है' },
  { name: 'thai', text: 'สวัสดีครับ ขอบคุณมาก' },
  { name: 'chinese', text: '你好，我的转账还没有到账。' },
];

let server;
let chromium;
let family;

before(async () => {
  if (skip) return;
  assert.ok(fs.existsSync(path.join(DIST, 'finaptic-chat.wasm')), `no widget build in ${DIST}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ FONT_FAMILY: family } = await import('../../web/src/text-raster.js'));
  server = await cl.startConnectLocal({ agent: 'echo' });
  chromium = await openBrowser('finchat-text-', { webgl: true, viewport: { width: 1280, height: 860, deviceScaleFactor: DPR } });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
});

// In the page: the canvas's CSS rect.
function canvasRect() {
  const c = window.__fc.all('canvas').find((x) => window.__fc.visible(x));
  const r = c.getBoundingClientRect();
  const composer = window.__fc.all('textarea').find((x) => window.__fc.visible(x)).getBoundingClientRect();   // any locale
  return { x: r.x, y: r.y, w: r.width, h: r.height, listBottom: composer.y - r.y - 10 };
}

// In the page: match the two newest bubbles of a canvas screenshot against Canvas2D renderings, and
// any `labels` (UI text: {text, box in CSS px or 'aboveAgent' (the band above the agent's bubble), fill,
// ink, weight, px}) in their boxes the same way.
async function analyse({ png, dpr, theme, family, own, agent, emoji, listBottom, labels = [] }) {
  const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const W = bitmap.width, H = bitmap.height;
  const shotCtx = new OffscreenCanvas(W, H).getContext('2d', { willReadFrequently: true });
  shotCtx.drawImage(bitmap, 0, 0);
  const px = shotCtx.getImageData(0, 0, W, H).data;
  const near = (i, c) => Math.abs(px[i] - c[0]) <= 3 && Math.abs(px[i + 1] - c[1]) <= 3 && Math.abs(px[i + 2] - c[2]) <= 3;
  // Bubbles: connected regions of a bubble colour, below the header, narrower than the window.
  function bubbles(fill) {
    const seen = new Uint8Array(W * H);
    const out = [];
    for (let start = 0; start < W * H; start++) {
      if (seen[start] || !near(start * 4, fill)) continue;
      let minX = W, minY = H, maxX = 0, maxY = 0, n = 0;
      const stack = [start];
      seen[start] = 1;
      while (stack.length) {
        const p = stack.pop();
        const x = p % W, y = (p - x) / W;
        n++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
        for (const q of [p - 1, p + 1, p - W, p + W]) {
          if (q < 0 || q >= W * H || seen[q] || Math.abs((q % W) - x) > 1) continue;
          if (near(q * 4, fill)) { seen[q] = 1; stack.push(q); }
        }
      }
      const w = maxX - minX + 1, h = maxY - minY + 1;
      if (w > 30 * dpr && h > 24 * dpr && w < W * 0.9 && minY > 64 * dpr && maxY < listBottom * dpr && n > w * h * 0.4) out.push({ x: minX, y: minY, w, h });
    }
    return out.sort((a, b) => a.y - b.y);
  }
  const lum = (r, g, b) => 0.299 * r + 0.587 * g + 0.114 * b;
  function inkMap(box, fill, ink) {
    const lf = lum(...fill), span = Math.abs(lum(...ink) - lf);
    const m = new Float32Array(box.w * box.h);
    for (let y = 0; y < box.h; y++) {
      for (let x = 0; x < box.w; x++) {
        const i = ((box.y + y) * W + box.x + x) * 4;
        const d = Math.abs(px[i] - fill[0]) + Math.abs(px[i + 1] - fill[1]) + Math.abs(px[i + 2] - fill[2]);
        m[y * box.w + x] = Math.min(1, Math.max(Math.abs(lum(px[i], px[i + 1], px[i + 2]) - lf) / span, d / 3 / span));
      }
    }
    return m;
  }
  // The string drawn by this page's Canvas2D: ink = alpha, cropped to its ink box.
  function rendering(text, dir, weight = 400, size = 15) {
    const c = new OffscreenCanvas(Math.ceil(text.length * 40 * dpr) + 40, Math.ceil(40 * dpr));
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.font = `${weight} ${size * dpr}px ${family}`;
    ctx.direction = dir;
    ctx.textAlign = 'left';
    ctx.fillStyle = '#000';
    ctx.fillText(text, 10, 28 * dpr);
    const a = ctx.getImageData(0, 0, c.width, c.height).data;
    let minX = c.width, minY = c.height, maxX = -1, maxY = -1;
    for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
      if (a[(y * c.width + x) * 4 + 3] > 20) {
        minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      }
    }
    const w = maxX - minX + 1, h = maxY - minY + 1;
    const m = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) m[y * w + x] = a[((minY + y) * c.width + minX + x) * 4 + 3] / 255;
    return { w, h, m };
  }
  // Best normalised cross-correlation of a rendering anywhere inside a bubble's ink map.
  function bestMatch(map, box, t) {
    if (t.w > box.w || t.h > box.h) return { score: 0 };
    let tMean = 0;
    for (const v of t.m) tMean += v;
    tMean /= t.m.length;
    let tVar = 0;
    for (const v of t.m) tVar += (v - tMean) ** 2;
    let best = { score: -1 };
    for (let oy = 0; oy + t.h <= box.h; oy++) {
      for (let ox = 0; ox + t.w <= box.w; ox++) {
        let s = 0, s2 = 0, st = 0;
        for (let y = 0; y < t.h; y++) {
          const row = (oy + y) * box.w + ox, trow = y * t.w;
          for (let x = 0; x < t.w; x++) {
            const v = map[row + x];
            s += v; s2 += v * v; st += v * t.m[trow + x];
          }
        }
        const n = t.m.length, mean = s / n, varS = s2 - n * mean * mean;
        const score = varS > 0 && tVar > 0 ? (st - n * mean * tMean) / Math.sqrt(varS * tVar) : 0;
        if (score > best.score) best = { score, x: box.x + ox, y: box.y + oy };
      }
    }
    return best;
  }
  const dirOf = (text) => (/^[^A-Za-z]*[\u0590-\u08FF]/u.test(text) ? 'rtl' : 'ltr');
  function check(fill, ink, text) {
    const all = bubbles(fill);
    const box = all[all.length - 1];
    if (!box) return { error: `no bubble of colour ${fill}` };
    const map = inkMap(box, fill, ink);
    const n = Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)).length;
    return {
      box,
      text: bestMatch(map, box, rendering(text, dirOf(text))).score,
      question: bestMatch(map, box, rendering('?'.repeat(n), 'ltr')).score,
      tofu: bestMatch(map, box, rendering('\u25A1'.repeat(n), 'ltr')).score,
    };
  }
  const result = {
    own: check(theme.customerBubble, theme.customerText, own),
    agent: check(theme.agentBubble, theme.agentText, agent),
  };
  Object.assign(result, {
    labels: labels.map((l) => {
      const a = result.agent.box;
      const box = l.box === 'aboveAgent' ? { x: 0, y: Math.max(0, a.y - 64 * dpr), w: W, h: Math.min(64 * dpr, a.y) }
        : { x: Math.round(l.box.x * dpr), y: Math.round(l.box.y * dpr), w: Math.round(l.box.w * dpr), h: Math.round(l.box.h * dpr) };
      const map = inkMap(box, l.fill, l.ink);
      const n = Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(l.text)).length;
      return {
        text: bestMatch(map, box, rendering(l.text, dirOf(l.text), l.weight, l.px)).score,
        question: bestMatch(map, box, rendering('?'.repeat(n), 'ltr', l.weight, l.px)).score,
      };
    }),
  });
  if (emoji && result.own.box) {
    // Colour pixels inside the customer's bubble: neither the bubble's green nor white text.
    let colour = 0;
    const b = result.own.box;
    for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x; x < b.x + b.w; x++) {
      const i = (y * W + x) * 4;
      if (px[i] > 180 && px[i + 1] > 110 && px[i + 2] < 100) colour++;   // yellow/orange
    }
    result.emojiPixels = colour;
  }
  return result;
}

test('emoji, Arabic, Hebrew, Hindi, Thai and Chinese: drawn by the browser in both bubbles, not as replacement glyphs', { skip, timeout: 240000 }, async (t) => {
  const { tab } = chromium;
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.type()}: ${m.text()}`); });
  await tab.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.install(tab);
  assert.equal(await tab.evaluate(() => window.devicePixelRatio), DPR);
  await tab.evaluate(() => window.__fc.buttons(/chat/i).find((b) => window.__fc.visible(b)).click());
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled && window.__fc.visible(c); }, null,
    { what: 'an enabled composer', timeout: 30000 });
  await page.waitIn(tab, () => window.__fc.logEntries(0).length > 0, null, { what: 'the greeting' });
  // The composer writes in the direction of what is typed.
  assert.equal(await tab.evaluate(() => window.__fc.composers()[0].getAttribute('dir')), 'auto');
  const shotsDir = process.env.TEXT_SHOTS || '/tmp/browser-text-shots';
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const s of SAMPLES) {
    await page.sendMessage(tab, s.text);
    const echo = `echo: ${s.text}`;
    await page.waitIn(tab, (t) => window.__fc.logEntries(0).some((e) => e.includes(t)), echo, { what: `"${echo}" in the log`, timeout: 30000 });
    await new Promise((r) => setTimeout(r, 500));   // the frames after the echo
    const rect = await tab.evaluate(canvasRect);
    const png = await tab.screenshot({ clip: { x: rect.x, y: rect.y, width: rect.w, height: rect.h }, encoding: 'base64', captureBeyondViewport: false });
    fs.writeFileSync(path.join(shotsDir, `text-${s.name}.png`), Buffer.from(png, 'base64'));
    await shot(tab, `text-${s.name}`);
    const r = await tab.evaluate(analyse, { png, dpr: DPR, theme: THEME, family, own: s.text, agent: echo, emoji: !!s.emoji, listBottom: rect.listBottom });
    const where = `${s.name}: ${JSON.stringify(r)} ${errors.join('; ')}`;
    const f = (x) => x.toFixed(2);
    t.diagnostic(`${s.name}: own bubble match ${f(r.own.text)} (vs '?' ${f(r.own.question)}, tofu ${f(r.own.tofu)}); ` +
      `agent bubble ${f(r.agent.text)} (vs '?' ${f(r.agent.question)}, tofu ${f(r.agent.tofu)})` +
      (s.emoji ? `; colour emoji pixels ${r.emojiPixels}` : ''));
    for (const side of ['own', 'agent']) {
      assert.ok(!r[side].error, where);
      assert.ok(r[side].text > 0.8, `${side} bubble does not show the text as the browser draws it (${where})`);
      assert.ok(r[side].text > r[side].question + 0.25 && r[side].text > r[side].tofu + 0.25,
        `${side} bubble looks like replacement glyphs (${where})`);
    }
    if (s.emoji) assert.ok(r.emojiPixels > 40, `the emoji is not in colour (${where})`);
  }
  assert.deepEqual(errors, []);
});

test('a link inside right-to-left text: its DOM twin lies over the link\'s pixels, and the mirror says dir=auto', { skip, timeout: 120000 }, async () => {
  const { tab } = chromium;
  const url = 'https://example.com/help';
  const text = `مرحبا ${url} شكرا`;
  await page.sendMessage(tab, text);
  await page.waitIn(tab, (t) => window.__fc.logEntries(0).some((e) => e.includes(t)), `echo: ${text}`, { what: 'the echo', timeout: 30000 });
  await new Promise((r) => setTimeout(r, 500));
  const rect = await tab.evaluate(canvasRect);
  const png = await tab.screenshot({ clip: { x: rect.x, y: rect.y, width: rect.w, height: rect.h }, encoding: 'base64', captureBeyondViewport: false });
  fs.writeFileSync(path.join(process.env.TEXT_SHOTS || '/tmp/browser-text-shots', 'text-rtl-link.png'), Buffer.from(png, 'base64'));
  // The twins of the link in the newest own bubble (right half of the canvas).
  const twins = await tab.evaluate((href, cr) => window.__fc.all('a.ctl').filter((a) => a.href === href).map((a) => {
    const r = a.getBoundingClientRect();
    return { x: r.x - cr.x, y: r.y - cr.y, w: r.width, h: r.height };
  }), url, rect);
  assert.ok(twins.length >= 2, `link twins: ${JSON.stringify(twins)}`);   // the customer's and the agent's
  const own = twins.reduce((a, b) => (b.x > a.x || (b.x === a.x && b.y > a.y) ? b : a));
  // Match the URL's Canvas2D rendering inside the twin's rect (a little margin): the link is there.
  const r = await tab.evaluate(async ({ png, dpr, family, url, box }) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const x0 = Math.max(0, Math.floor((box.x - 4) * dpr)), y0 = Math.max(0, Math.floor((box.y - 4) * dpr));
    const w = Math.ceil((box.w + 8) * dpr), h = Math.ceil((box.h + 8) * dpr);
    const px = ctx.getImageData(x0, y0, w, h).data;
    // White link text on the customer's green bubble: ink = brightness.
    let inkPixels = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] > 200 && px[i + 1] > 200 && px[i + 2] > 200) inkPixels++;
    const t = new OffscreenCanvas(10, 10).getContext('2d');
    t.font = `400 ${15 * dpr}px ${family}`;
    return { inkPixels, linkWidth: t.measureText(url).width / dpr, twinWidth: box.w };
  }, { png, dpr: DPR, family, url, box: own });
  assert.ok(Math.abs(r.linkWidth - r.twinWidth) < 3, `twin width ${r.twinWidth} vs the URL's width ${r.linkWidth}`);
  assert.ok(r.inkPixels > 200, `no link text under the twin: ${JSON.stringify(r)}`);
  // The mirror: each message body carries dir=auto (screen readers and copy get the direction).
  const dirs = await tab.evaluate(() => window.__fc.all('[role="log"] li span[dir]').map((s) => s.getAttribute('dir')));
  assert.ok(dirs.length > 0 && dirs.every((d) => d === 'auto'));
});

// The window in Arabic (issue 12): UI text comes from the browser like message text (not '?' from
// the ImGui atlas), and the window is mirrored: own bubbles on the left, the header's actions on the
// left, the send button left of the composer. At 320 px and devicePixelRatio 2; screenshots of the
// same chat in English and Arabic go to TEXT_SHOTS as chrome-en.png / chrome-ar.png.
test('ar: UI strings drawn by the browser, the window mirrored (own bubbles left, header actions left)', { skip, timeout: 180000 }, async (t) => {
  const { tab } = chromium;
  const shotsDir = process.env.TEXT_SHOTS || '/tmp/browser-text-shots';
  const ar = JSON.parse(fs.readFileSync(path.join(__dirname, '../../web/locales/ar.json'), 'utf8'));
  const en = JSON.parse(fs.readFileSync(path.join(__dirname, '../../web/locales/en.json'), 'utf8'));
  await tab.setViewport({ width: 320, height: 640, deviceScaleFactor: DPR });
  const shots = {};
  for (const [locale, table] of [['en', en], ['ar', ar]]) {
    await tab.goto(`${server.url}/?locale=${locale}`, { waitUntil: 'load' });
    await tab.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });   // a new chat, not the last one
    await tab.goto(`${server.url}/?locale=${locale}`, { waitUntil: 'load' });
    await page.install(tab);
    await page.waitIn(tab, (name) => window.__fc.buttons(new RegExp(name)).some((b) => window.__fc.visible(b)), table['launcher.open'], { what: 'the launcher' });
    await tab.evaluate((name) => window.__fc.buttons(new RegExp(name)).find((b) => window.__fc.visible(b)).click(), table['launcher.open']);
    await page.waitIn(tab, () => { const c = window.__fc.all('textarea').find((x) => window.__fc.visible(x)); return c && !c.disabled; }, null,
      { what: 'an enabled composer', timeout: 30000 });
    await page.waitIn(tab, () => window.__fc.logEntries(0).length > 0, null, { what: 'the greeting' });
    const text = locale === 'ar' ? 'مرحبا، أريد المساعدة' : 'Hello, I need help';   // one line at 320 px
    const composer = await tab.evaluateHandle(() => window.__fc.all('textarea').find((x) => window.__fc.visible(x)));
    await composer.asElement().focus();
    await tab.keyboard.type(text);
    await tab.keyboard.press('Enter');
    await page.waitIn(tab, (x) => window.__fc.logEntries(0).some((e) => e.includes(`echo: ${x}`)), text, { what: 'the echo', timeout: 30000 });
    await page.waitIn(tab, (name) => window.__fc.buttons(new RegExp(name)).some((b) => window.__fc.visible(b)), table['end.button'], { what: 'End chat' });
    await new Promise((r) => setTimeout(r, 800));   // the frames after the echo
    const rect = await tab.evaluate(canvasRect);
    const png = await tab.screenshot({ clip: { x: rect.x, y: rect.y, width: rect.w, height: rect.h }, encoding: 'base64', captureBeyondViewport: false });
    fs.writeFileSync(path.join(shotsDir, `chrome-${locale}.png`), Buffer.from(png, 'base64'));
    await shot(tab, `chrome-${locale}`);
    // The twins (DOM buttons over the canvas's controls), relative to the canvas.
    const twin = (name) => tab.evaluate((n, cr) => {
      const b = window.__fc.buttons(new RegExp(`^${n}$`)).find((x) => window.__fc.visible(x));
      const r = b.getBoundingClientRect();
      return { x: r.x - cr.x, y: r.y - cr.y, w: r.width, h: r.height };
    }, name, rect);
    const end = await twin(table['end.button']), minimize = await twin(table['header.minimize']), send = await twin(table['composer.send']);
    const attach = await twin(table['attachment.attach']);
    const ta = await tab.evaluate((cr) => { const r = window.__fc.all('textarea').find((x) => window.__fc.visible(x)).getBoundingClientRect(); return { x: r.x - cr.x, w: r.width }; }, rect);
    // UI labels: the End chat button (inside its outline: white on the brand colour) and the line
    // above the agent's bubble, "Echo Agent joined the chat" (system text on the background).
    const labels = [
      { text: table['end.button'], box: { x: end.x + 3, y: end.y + 3, w: end.w - 6, h: end.h - 6 }, fill: [0x0b, 0x6e, 0x4f], ink: [255, 255, 255], weight: 600, px: 15 },
      { text: table['system.joined'].replace('{name}', 'Echo Agent'), box: 'aboveAgent', fill: [255, 255, 255], ink: [0x4a, 0x5f, 0x55], weight: 400, px: 12 },
    ];
    const r = await tab.evaluate(analyse, { png, dpr: DPR, theme: THEME, family, own: text, agent: `echo: ${text}`, listBottom: rect.listBottom, labels });
    shots[locale] = { r, end, minimize, send, attach, ta, width: rect.w };
    const f = (x) => x.toFixed(2);
    t.diagnostic(`${locale}: own bubble x ${r.own.box && r.own.box.x / DPR}, agent bubble x ${r.agent.box && r.agent.box.x / DPR}; ` +
      `end ${end.x}, minimize ${minimize.x}, send ${send.x}, composer ${ta.x}; ` +
      r.labels.map((l, i) => `${labels[i].text}: ${f(l.text)} (vs '?' ${f(l.question)})`).join('; '));
    const where = `${locale}: ${JSON.stringify(shots[locale])}`;
    for (const [i, l] of r.labels.entries()) {
      assert.ok(l.text > 0.7, `"${labels[i].text}" is not drawn as the browser draws it (${where})`);
      assert.ok(l.text > l.question + 0.2, `"${labels[i].text}" looks like replacement glyphs (${where})`);
    }
    for (const side of ['own', 'agent']) assert.ok(r[side].text > 0.8, `${side} bubble text (${where})`);
  }
  // English: own bubble right, actions right. Arabic: mirrored.
  const { en: e, ar: a } = shots;
  const mid = (b) => (b.x + b.w / 2) / DPR;
  assert.ok(mid(e.r.own.box) > e.width / 2 && mid(e.r.agent.box) < e.width / 2, `en bubbles: ${JSON.stringify(e.r)}`);
  assert.ok(mid(a.r.own.box) < a.width / 2 && mid(a.r.agent.box) > a.width / 2, `ar: own bubble not on the left: ${JSON.stringify(a.r)}`);
  assert.ok(e.minimize.x > e.end.x && e.end.x > e.width / 2, `en header actions: ${JSON.stringify(e)}`);
  assert.ok(a.minimize.x < a.end.x && a.end.x + a.end.w < a.width / 2, `ar: header actions not swapped: ${JSON.stringify(a)}`);
  // The composer's row: attach, text, send; in Arabic send, text, attach.
  assert.ok(e.attach.x < e.ta.x && e.send.x > e.ta.x && a.send.x < a.ta.x && a.attach.x > a.ta.x,
    `composer row: en ${JSON.stringify(e)}, ar ${JSON.stringify(a)}`);
});
