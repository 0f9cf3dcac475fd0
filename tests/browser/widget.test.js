// The widget end to end in headless Chromium (software WebGL2), against connect-local serving the
// demo itself (`connect-local --port 0 --agent echo`, no other flags: the built tree's defaults
// serve the Acme Bank page, the agent console and the widget files). What a customer does:
// open the chat from the keyboard, type in the composer, read the echo agent's answer in the
// role="log" transcript, reload and continue the same chat, end it. Then the strict-CSP page and
// the two-widget page. Screenshots go to WIDGET_SHOTS (default build/native/artifacts/widget).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const page = require('./lib/widget-page');
const { cl, openBrowser, DIST, SHOTS, skip, shot } = require('./lib/e2e');
const { axeViolations, describe } = require('./lib/axe');

let server;
let chromium;

// Console errors and CSP reports, except the browser's own log of requests that failed while the
// test had switched the network off (the core retries them; that is the behaviour under test).
function failures(ch) {
  return ch.consoleLines.filter((l) => (/^(error|pageerror)/.test(l) || /Content.Security.Policy|Refused to/i.test(l)) &&
    !/ERR_INTERNET_DISCONNECTED/.test(l));
}

before(async () => {
  if (skip) return;
  assert.ok(fs.existsSync(path.join(DIST, 'finaptic-chat.wasm')), `no widget build in ${DIST}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await cl.startConnectLocal({ agent: 'echo' });
  chromium = await openBrowser('finchat-widget-', { webgl: true, viewport: { width: 1280, height: 860 } });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
});

test('Acme Bank: open by keyboard, chat with the echo agent, reload and continue, end the chat', { skip, timeout: 120000 }, async () => {
  const { tab } = chromium;
  await tab.goto(`${server.url}/`, { waitUntil: 'load' });
  await shot(tab, '01-page-launcher');

  // The launcher is a real button in the Tab order; Enter opens the panel.
  const launcher = await page.tabTo(tab, /chat/);
  assert.match(launcher, /chat/i);
  await tab.keyboard.press('Enter');

  // The composer (a textarea labelled "Message") becomes usable once the chat is connected.
  await page.waitIn(tab, () => {
    const c = window.__fc.composers()[0];
    return c && window.__fc.visible(c) && !c.disabled;
  }, null, { what: 'an enabled composer', timeout: 30000 });
  await page.waitIn(tab, () => window.__fc.logEntries(0).length > 0, null, { what: 'the bot greeting in the log' });
  await shot(tab, '02-open-greeting');

  // Focus is in the widget after opening; the message goes through the real textarea.
  await page.sendMessage(tab, 'I need an agent please');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /I need an agent please/.test(t)), null,
    { what: 'my message in the log' });
  await page.sendMessage(tab, 'hello from the test');
  const echoed = await page.waitIn(tab, () => window.__fc.logEntries(0).find((t) => /echo: hello from the test/.test(t)),
    null, { what: '"echo: hello from the test" in the log', timeout: 30000 });
  assert.match(echoed, /echo: hello from the test/);
  // The composer was cleared by the send.
  assert.equal(await tab.evaluate(() => window.__fc.composers()[0].value), '');
  // The PII guard (system.md §5, default policy "mask"): a card number never leaves the browser.
  await page.sendMessage(tab, 'my card is 4111 1111 1111 1111');
  const masked = await page.waitIn(tab, () => window.__fc.logEntries(0).find((t) => /^You: my card is/.test(t)), null,
    { what: 'my masked message in the log' });
  assert.doesNotMatch(masked, /4111 1111 1111 1111/);
  assert.match(masked, /1111/);
  await new Promise((r) => setTimeout(r, 400));
  await shot(tab, '03-echo-reply');

  // Reload: the same chat continues (history back in the log, and it still answers).
  const before = await page.logEntries(tab);
  await tab.reload({ waitUntil: 'load' });
  await page.install(tab);
  const reopened = await page.waitIn(tab, () => {
    if (window.__fc.composers()[0] && window.__fc.visible(window.__fc.composers()[0])) return 'open';
    const b = window.__fc.buttons(/chat/i).find((x) => window.__fc.visible(x));
    if (b) { b.click(); return null; }
    return null;
  }, null, { what: 'the panel after reload' });
  assert.equal(reopened, 'open');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: hello from the test/.test(t)), null,
    { what: 'the earlier messages after reload' });
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled; }, null, { what: 'composer after reload' });
  await page.sendMessage(tab, 'still here');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: still here/.test(t)), null,
    { what: '"echo: still here" after reload', timeout: 30000 });
  const afterReload = await page.logEntries(tab);
  assert.ok(afterReload.length > before.length, 'the reloaded chat kept its history and grew');
  await shot(tab, '04-after-reload');

  // Offline: the banner and the status region say so; what is typed meanwhile goes out afterwards.
  await tab.setOfflineMode(true);
  await page.waitIn(tab, () => window.__fc.all('[role=status]').some((s) => /offline/i.test(s.textContent)), null,
    { what: 'the offline announcement' });
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, '04b-offline');
  await page.sendMessage(tab, 'typed while offline');
  await tab.setOfflineMode(false);
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: typed while offline/.test(t)), null,
    { what: 'the message typed offline, answered after', timeout: 40000 });

  // The pointer on the canvas itself (its own hover, hit-testing and press/release; the twins let
  // pointer events through): "End chat" shows the hand and opens the dialog, "Cancel" closes it.
  await page.install(tab);
  const centre = (re) => tab.evaluate((src) => {
    const r = window.__fc.buttons(new RegExp(src, 'i'))[0].getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, re.source);
  const cursorIs = (want) => page.waitIn(tab, (w) => getComputedStyle(window.__fc.all('canvas').find((c) => window.__fc.visible(c))).cursor === w && w,
    want, { what: `the ${want} cursor on the canvas` });
  const endChat = await centre(/^end chat$/);
  await tab.mouse.move(endChat.x, endChat.y);
  assert.equal(await cursorIs('pointer'), 'pointer');
  await tab.mouse.click(endChat.x, endChat.y);
  await page.waitIn(tab, () => window.__fc.buttons(/^cancel$/i).length > 0, null, { what: 'the dialog from a canvas click' });
  const cancel = await centre(/^cancel$/);
  await tab.mouse.click(cancel.x, cancel.y);
  await page.waitIn(tab, () => window.__fc.buttons(/^cancel$/i).length === 0, null, { what: 'the dialog closed by a canvas click' });
  await tab.mouse.move(endChat.x - 200, endChat.y + 300);   // over the message list: no hand
  assert.equal(await cursorIs('default'), 'default');

  // End the chat: "End chat", then confirm in the dialog.
  await tab.evaluate(() => window.__fc.buttons(/^end chat$/i)[0].click());
  await page.waitIn(tab, () => window.__fc.buttons(/^cancel$/i).length > 0, null, { what: 'the end-chat confirmation' });
  await shot(tab, '05-end-confirm');
  await tab.evaluate(() => window.__fc.buttons(/^end$/i)[0].click());
  await page.waitIn(tab, () => window.__fc.buttons(/start a new chat/i).length > 0, null, { what: '"Start a new chat"' });
  await shot(tab, '06-ended');
  // The composer is not offered on an ended chat; "Start a new chat" begins a fresh one.
  assert.equal(await tab.evaluate(() => window.__fc.composers().filter((c) => window.__fc.visible(c)).length), 0);
  await tab.evaluate(() => window.__fc.buttons(/start a new chat/i)[0].click());
  await page.waitIn(tab, () => {
    const log = window.__fc.logEntries(0);
    return log.some((t) => /virtual assistant/i.test(t)) && !log.some((t) => /echo:/.test(t));
  }, null, { what: 'a fresh chat with a new greeting', timeout: 30000 });
  await page.waitIn(tab, () => window.__fc.composers().some((c) => window.__fc.visible(c) && !c.disabled), null,
    { what: 'the composer of the new chat' });
  assert.deepEqual(failures(chromium), [], 'no console errors');
});

test('strict CSP page (self + wasm-unsafe-eval only): the widget loads and chats without violations', { skip, timeout: 90000 }, async () => {
  const tab = await chromium.browser.newPage();
  const lines = [];
  tab.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  tab.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  const response = await tab.goto(`${server.url}/csp.html`, { waitUntil: 'load' });
  assert.match(response.headers()['content-security-policy'] || '', /script-src 'self' 'wasm-unsafe-eval'/);
  await page.install(tab);
  await tab.evaluate(() => window.__fc.buttons(/chat/i).find((b) => window.__fc.visible(b)).click());
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled && window.__fc.visible(c); }, null,
    { what: 'the composer under CSP', timeout: 30000 });
  await page.waitIn(tab, () => window.__fc.logEntries(0).length > 0, null, { what: 'the greeting (the chat is live)' });
  await page.sendMessage(tab, 'csp check');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: csp check/.test(t)), null,
    { what: '"echo: csp check"', timeout: 30000 });
  // Text beyond the base fonts (Latin-1) is drawn by the browser (text-raster.js), under this CSP
  // too: message bodies never need the ImGui fallback font file, so it is not downloaded.
  const fallbackRequests = [];
  tab.on('request', (r) => { if (/fonts\/inter-more-fallback\.otf$/.test(r.url())) fallbackRequests.push(r.url()); });
  await page.sendMessage(tab, 'Zażółć gęślą jaźń, Привет');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: Zażółć gęślą jaźń, Привет/.test(t)), null,
    { what: 'the echo of non-Latin-1 text', timeout: 30000 });
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(fallbackRequests, []);
  await shot(tab, '07-csp');
  assert.deepEqual(lines.filter((l) => /Content.Security.Policy|Refused to|pageerror|^error/i.test(l)), []);
  await tab.close();
});

test('two widgets on one page (one inside a shadow root): both open and chat independently', { skip, timeout: 120000 }, async () => {
  const tab = await chromium.browser.newPage();
  const lines = [];
  tab.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  tab.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  await tab.goto(`${server.url}/two-widgets.html`, { waitUntil: 'load' });
  await page.install(tab);
  const count = await tab.evaluate(() => {
    const ls = window.__fc.buttons(/chat/i).filter((b) => window.__fc.visible(b));
    ls.forEach((b) => b.click());
    return ls.length;
  });
  assert.equal(count, 2, 'two launchers');
  await page.waitIn(tab, () => window.__fc.composers().filter((c) => !c.disabled && window.__fc.visible(c)).length === 2, null,
    { what: 'two enabled composers', timeout: 40000 });
  await page.waitIn(tab, () => window.__fc.logEntries(0).length > 0 && window.__fc.logEntries(1).length > 0, null,
    { what: 'both chats live (greetings)' });
  await page.sendMessage(tab, 'first widget', 0);
  await page.sendMessage(tab, 'second widget', 1);
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: first widget/.test(t)), null, { what: 'echo in widget 1', timeout: 30000 });
  await page.waitIn(tab, () => window.__fc.logEntries(1).some((t) => /echo: second widget/.test(t)), null, { what: 'echo in widget 2', timeout: 30000 });
  // Each log holds only its own chat.
  assert.ok(!(await page.logEntries(tab, 0)).some((t) => /second widget/.test(t)));
  assert.ok(!(await page.logEntries(tab, 1)).some((t) => /first widget/.test(t)));
  await shot(tab, '08-two-widgets');
  assert.deepEqual(lines.filter((l) => /pageerror|^error/i.test(l)), []);
  await tab.close();
});

test('keyboard and GL: Esc closes and returns focus to the launcher; a lost WebGL context comes back drawing', { skip, timeout: 90000 }, async () => {
  const tab = await chromium.browser.newPage();
  const lines = [];
  tab.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  await tab.goto(`${server.url}/two-widgets.html`, { waitUntil: 'load' });
  // Open by keyboard, Esc closes, focus is back on the launcher that opened it.
  const name = await page.tabTo(tab, /open chat/i);
  await tab.keyboard.press('Enter');
  await page.waitIn(tab, () => window.__fc.composers().some((c) => window.__fc.visible(c) && !c.disabled), null,
    { what: 'an open, connected panel', timeout: 30000 });
  await page.waitIn(tab, () => /^message$/i.test(window.__fc.nameOf(window.__fc.deepActive())), null,
    { what: 'focus in the composer after opening by keyboard' });
  await tab.keyboard.press('Escape');
  await page.waitIn(tab, () => !window.__fc.composers().some((c) => window.__fc.visible(c)), null, { what: 'the panel closed by Esc' });
  const focused = await tab.evaluate(() => window.__fc.nameOf(window.__fc.deepActive()));
  assert.match(focused, /chat/i, `focus returned to the launcher (was on "${name}")`);
  // Tab moves on out of the widget (no keyboard trap).
  await tab.keyboard.press('Enter');
  await page.waitIn(tab, () => { const c = window.__fc.composers().find((x) => window.__fc.visible(x)); return c && !c.disabled; }, null,
    { what: 'the composer again', timeout: 30000 });
  await page.waitIn(tab, () => window.__fc.logs().some((l) => l.querySelector('li')), null, { what: 'a live chat (greeting)' });

  // Lose the WebGL context and restore it: the widget keeps drawing and chatting afterwards.
  const lost = await tab.evaluate(() => new Promise((resolve) => {
    const canvas = window.__fc.all('canvas').find((c) => window.__fc.visible(c));
    const gl = canvas.getContext('webgl2');
    const ext = gl.getExtension('WEBGL_lose_context');
    canvas.addEventListener('webglcontextrestored', () => resolve('restored'), { once: true });
    canvas.addEventListener('webglcontextlost', () => setTimeout(() => ext.restoreContext(), 100), { once: true });
    ext.loseContext();
  }));
  assert.equal(lost, 'restored');
  const index = await tab.evaluate(() => window.__fc.composers().findIndex((c) => window.__fc.visible(c)));
  await page.sendMessage(tab, 'after the context came back', index);
  await page.waitIn(tab, (i) => window.__fc.logEntries(i).some((t) => /echo: after the context came back/.test(t)), index,
    { what: 'the echo after a context restore', timeout: 30000 });
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, '09-after-context-restore');
  assert.deepEqual(lines, []);
  await tab.close();
});

// The shim's DOM of an open widget: the panel's language and direction, the labels C++ and the shim
// give the composer, the launcher, the log and the canvas's twins.
function openWidgetDom() {
  const panel = window.__fc.all('section.panel')[0];
  const ta = window.__fc.all('textarea.composer')[0];
  const launcher = window.__fc.all('.launcher')[0];
  const log = window.__fc.logs()[0];
  return {
    panel: panel && { lang: panel.lang, dir: panel.dir, name: panel.getAttribute('aria-label') },
    composer: ta && { name: window.__fc.nameOf(ta), dir: ta.getAttribute('dir'), placeholder: ta.placeholder, disabled: ta.disabled },
    launcher: launcher && { lang: launcher.lang, name: window.__fc.nameOf(launcher) },
    log: log && { name: log.getAttribute('aria-label'), textDirs: [...log.querySelectorAll('li > span')].map((x) => x.dir) },
    twins: window.__fc.all('button.ctl, a.ctl').map((b) => window.__fc.nameOf(b)),
  };
}

test('axe: no WCAG 2.1 A/AA violations on the Acme page, widget closed and open, at 1280 and 320 px', { skip, timeout: 150000 }, async () => {
  for (const width of [1280, 320]) {
    const tab = await chromium.browser.newPage();
    await tab.setViewport({ width, height: width === 320 ? 640 : 860 });
    await tab.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.install(tab);
    let v = await axeViolations(tab);
    assert.deepEqual(v, [], `closed, ${width} px:\n${describe(v)}`);
    await tab.evaluate(() => window.acmeChat.open());
    await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled && window.__fc.visible(c); }, null,
      { what: 'an enabled composer', timeout: 30000 });
    await page.sendMessage(tab, 'axe check');
    await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: axe check/.test(t)), null, { what: 'the echo', timeout: 30000 });
    v = await axeViolations(tab);
    assert.deepEqual(v, [], `open, ${width} px:\n${describe(v)}`);
    await shot(tab, `10-axe-open-${width}`);
    await tab.close();
  }
});

// The mirror's <time> entries beside what Intl.DateTimeFormat says for their instants in `timeZone`
// and `locale` (the test's own formatter, with the zone named: the widget's follows the browser's).
function mirrorTimes(tab, locale, timeZone) {
  return tab.evaluate((loc, tz) => {
    const f = new Intl.DateTimeFormat(loc, { timeStyle: 'short', timeZone: tz });
    return window.__fc.all('[role="log"] time').map((t) => ({
      text: t.textContent, want: f.format(new Date(t.dateTime)).replace(/[\u2009\u202f]/g, '\u00a0'),
    }));
  }, locale, timeZone);
}

test('locales: ?locale=de and ?locale=ar put German and Arabic into the shim\'s DOM (launcher, composer, mirror, twins); times by Intl in the page\'s zone', { skip, timeout: 150000 }, async () => {
  const expected = {
    de: { launcher: 'Chat öffnen', composer: 'Nachricht', log: 'Nachrichten', you: 'Sie: ', end: 'Chat beenden', dir: 'ltr' },
    ar: { launcher: 'فتح الدردشة', composer: 'الرسالة', log: 'الرسائل', you: 'أنت: ', end: 'إنهاء الدردشة', dir: 'rtl' },
  };
  for (const [locale, want] of Object.entries(expected)) {
    const tab = await chromium.browser.newPage();
    const lines = [];
    tab.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
    tab.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
    await tab.emulateTimezone('America/New_York');   // not the machine's: times must follow the page's zone
    await tab.goto(`${server.url}/?locale=${locale}`, { waitUntil: 'load' });
    await page.waitIn(tab, (name) => window.__fc.buttons(/./).some((b) => window.__fc.nameOf(b) === name), want.launcher,
      { what: `the launcher named "${want.launcher}"` });
    await tab.evaluate(() => window.acmeChat.open());
    await page.waitIn(tab, () => { const c = window.__fc.all('textarea.composer')[0]; return c && !c.disabled && window.__fc.visible(c); }, null,
      { what: 'an enabled composer', timeout: 30000 });
    const handle = await tab.evaluateHandle(() => window.__fc.all('textarea.composer')[0]);
    await handle.asElement().focus();
    await tab.keyboard.type(`hello ${locale}`);
    await tab.keyboard.press('Enter');
    await page.waitIn(tab, (l) => window.__fc.logEntries(0).some((t) => t.includes(`echo: hello ${l}`)), locale, { what: 'the echo', timeout: 30000 });
    await new Promise((r) => setTimeout(r, 400));
    await shot(tab, `11-locale-${locale}`);
    const dom = await tab.evaluate(openWidgetDom);
    const label = `${locale}: ${JSON.stringify(dom)}`;
    assert.deepEqual(dom.panel, { lang: locale, dir: want.dir, name: locale === 'de' ? 'Chat' : 'الدردشة' }, label);
    assert.equal(dom.composer.name, want.composer, label);
    assert.equal(dom.composer.dir, 'auto', label);
    assert.equal(dom.launcher.lang, locale, label);
    assert.equal(dom.log.name, want.log, label);
    assert.ok(dom.log.textDirs.length > 1 && dom.log.textDirs.every((d) => d === 'auto'), label);
    assert.ok(dom.twins.includes(want.end), label);   // C++'s texts from the same table
    const entries = await page.logEntries(tab);
    assert.ok(entries.some((t) => t.startsWith(`${want.you}hello ${locale}`)), entries.join('\n'));
    // Times in the customer's zone and locale: the mirror reads what the canvas shows (host.formatDate).
    const times = await mirrorTimes(tab, locale, 'America/New_York');
    assert.ok(times.length >= 2, label);
    for (const t of times) assert.equal(t.text, t.want, `${locale}: ${JSON.stringify(times)}`);
    if (locale === 'de') assert.ok(times.every((t) => /^\d{2}:\d{2}$/.test(t.text)), JSON.stringify(times));   // "14:05"
    const v = await axeViolations(tab);
    assert.deepEqual(v, [], `${locale} open:\n${describe(v)}`);
    // Complete tables: no "lacks strings" report; no errors.
    assert.deepEqual(lines.filter((l) => /lacks|^error|pageerror/.test(l)), []);
    await tab.close();
  }
  // US English on Indian time (UTC+5:30): Intl's 12-hour clock, "2:05 PM".
  const tab = await chromium.browser.newPage();
  await tab.emulateTimezone('Asia/Kolkata');
  await tab.goto(`${server.url}/?locale=en-US`, { waitUntil: 'load' });
  await page.install(tab);
  await tab.evaluate(() => window.acmeChat.open());
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled && window.__fc.visible(c); }, null,
    { what: 'an enabled composer', timeout: 30000 });
  await page.sendMessage(tab, 'hello en-US');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: hello en-US/.test(t)), null, { what: 'the echo', timeout: 30000 });
  const times = await mirrorTimes(tab, 'en-US', 'Asia/Kolkata');
  assert.ok(times.length >= 2 && times.every((t) => t.text === t.want && /^\d{1,2}:\d{2}[ \u00a0](AM|PM)$/.test(t.text)), JSON.stringify(times));
  await new Promise((r) => setTimeout(r, 400));
  await shot(tab, '11-locale-en-US');
  await tab.close();
});

// BRIDGE.md's fc_init contract: the widget has no text of its own (no font, not even ImGui's), so a
// host without textLayout/textRaster is refused with 4 rather than drawing a chat with no words. The
// module is loaded as the shim loads it, with a host that answers every other callback.
test('fc_init refuses a host without textLayout/textRaster (code 4); the same host with them is accepted', { skip, timeout: 60000 }, async () => {
  const tab = await chromium.browser.newPage();
  await tab.goto(`${server.url}/`, { waitUntil: 'load' });
  const codes = await tab.evaluate(async () => {
    const create = (await import('/finaptic-chat/finaptic-chat-widget.js')).default;
    const wasm = await WebAssembly.compileStreaming(fetch('/finaptic-chat/finaptic-chat.wasm'));
    const init = async (withText) => {
      const canvas = document.createElement('canvas');
      canvas.width = 320; canvas.height = 480;
      document.body.append(canvas);
      const host = new Proxy({}, {
        get: (_, key) => {
          if (key === 'textLayout') return withText ? () => [10, 10, 0] : undefined;
          if (key === 'textRaster') return withText ? () => 0 : undefined;
          return () => 0;
        },
      });
      const m = await create({
        canvas, host,
        instantiateWasm: (imports, ok) => { WebAssembly.instantiate(wasm, imports).then((i) => ok(i, wasm)); return {}; },
      });
      const config = JSON.stringify({ role: 'customer', width: 320, height: 480, dpr: 1 });
      const p = m._malloc(config.length * 3 + 1);
      m.stringToUTF8(config, p, config.length * 3 + 1);
      const rc = m._fc_init(p);
      m._free(p);
      return rc;
    };
    return [await init(false), await init(true)];
  });
  assert.deepEqual(codes, [4, 0]);
  await tab.close();
});
