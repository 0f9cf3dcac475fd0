// The JS shim (web/) in headless Chromium without the real widget: web/build.mjs bundles it with
// the stand-in glue of fake-widget/ (a JS "C++" speaking widget/BRIDGE.md), connect-local serves
// the demo site with that dist, and the tests drive the page the way a person or a screen reader
// does: launcher button, the "Message" textarea, the role="log" mirror, the transparent twins of
// canvas controls. What is checked is the shim's half of the bridge: lazy loading, composer
// placement/send/IME/draft/autogrow, Tab order without a trap, Esc, unread badge, live theme,
// events, one compiled WebAssembly.Module for two widgets, and a strict CSP without violations.
// Needs CONNECT_LOCAL, puppeteer-core (tests/conformance) and esbuild (web/node_modules).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const conformance = path.resolve(__dirname, '../conformance');
const haveModules = fs.existsSync(path.join(conformance, 'node_modules/puppeteer-core'));
const cl = haveModules ? require(path.join(conformance, 'lib/connect-local')) : null;
const { chromiumMissing, openBrowser } = require(path.join(conformance, 'lib/browser'));
const page = require('./lib/widget-page');
const { checkMirrorTimes } = require('./lib/mirror-contract');
const { axeMissing, axeViolations, describe } = require('./lib/axe');

const skip = [
  [!chromiumMissing(), chromiumMissing()],
  [haveModules, 'no tests/conformance/node_modules (scripts/setup.sh installs them)'],
  [!cl || fs.existsSync(cl.binaryPath()), `no connect-local at ${cl && cl.binaryPath()}`],
  [fs.existsSync(path.join(ROOT, 'web/node_modules/esbuild')), 'no web/node_modules/esbuild (scripts/setup.sh installs it)'],
  [!axeMissing(), axeMissing()],
].filter(([ok]) => !ok).map(([, why]) => why).join('; ') || false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let tmp, server, chromium;

before(async () => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finchat-shim-'));
  const widget = path.join(tmp, 'widget');
  fs.mkdirSync(widget);
  fs.copyFileSync(path.join(__dirname, 'fake-widget/finaptic-chat-widget.js'), path.join(widget, 'finaptic-chat-widget.js'));
  // The smallest module the fake glue can instantiate: no code, one exported memory.
  fs.writeFileSync(path.join(widget, 'finaptic-chat.wasm'),
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 1, 7, 10, 1, 6, ...Buffer.from('memory'), 2, 0]));
  execFileSync(process.execPath, [path.join(ROOT, 'web/build.mjs'), '--out', path.join(tmp, 'dist'), '--widget', widget], { stdio: 'pipe' });
  server = await cl.startConnectLocal({ args: ['--widget', path.join(tmp, 'dist'), '--static', path.join(ROOT, 'demo/site'),
    '--themes', path.join(ROOT, 'themes')] });
  chromium = await openBrowser('finchat-shim-', { viewport: { width: 1280, height: 860 } });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const calls = (tab, name) => tab.evaluate((n) => (globalThis.__fcFake || []).filter((c) => c[1] === n), name);
const active = (tab) => tab.evaluate(() => { const a = window.__fc.deepActive(); return a ? `${a.tagName}:${window.__fc.nameOf(a)}` : ''; });
const composerValue = (tab) => tab.evaluate(() => window.__fc.composers()[0].value);
const clearComposer = (tab) => tab.evaluate(() => { const c = window.__fc.composers()[0]; c.value = ''; c.dispatchEvent(new Event('input')); });

test('launcher, lazy load, composer, mirror, twins, keyboard, draft, unread, theme, events', { skip, timeout: 90000 }, async () => {
  const { tab, consoleLines, network } = chromium;
  await tab.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.install(tab);
  // Nothing heavy before intent: only the entry and the string table.
  assert.ok(!network.some((l) => /finaptic-chat-ui\.js|\.wasm/.test(l)), network.join('\n'));
  const launcher = await tab.evaluate(() => window.__fc.buttons(/^open chat$/i).map((b) => b.tagName));
  assert.deepEqual(launcher, ['BUTTON']);
  await tab.evaluate(() => window.__fc.buttons(/^open chat$/i)[0].focus());   // intent
  await page.waitIn(tab, () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')), null, { what: 'wasm fetched on focus' });

  await tab.keyboard.press('Enter');
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled; }, null, { what: 'an enabled composer' });
  const [init] = await calls(tab, 'init');
  assert.equal(init[2].role, 'customer');
  assert.equal(init[2].strings['composer.label'], 'Message');
  assert.equal(init[2].theme.colors.accent, '#0b6e4f');   // the page's initial theme, acme.json
  assert.ok(init[2].width > 0 && init[2].height > 0 && typeof init[2].reducedMotion === 'boolean');
  assert.ok((await calls(tab, 'token'))[0][3].includes('participantToken'), 'tokenProvider answered through fc_token');
  assert.equal(await active(tab), 'TEXTAREA:Message', 'focus moves to the composer when a person opens the chat');

  // The textarea sits on the composer rect C++ reported (x 12, bottom 10 px above the canvas's), after
  // the attach button, which takes the rect's first 44 px (web/src/attachments.js).
  const geo = await tab.evaluate(() => {
    const c = window.__fc.composers()[0].getBoundingClientRect();
    const cv = window.__fc.all('canvas')[0].getBoundingClientRect();
    return { x: c.x - cv.x, bottom: cv.bottom - c.bottom, font: getComputedStyle(window.__fc.composers()[0]).fontSize };
  });
  assert.ok(Math.abs(geo.x - 12 - 44) < 1 && Math.abs(geo.bottom - 10) < 1.5 && parseFloat(geo.font) >= 16, JSON.stringify(geo));

  // Enter sends and clears; a held message (fc_send 1) keeps its text; IME Enter never sends.
  await tab.keyboard.type('hello, help');
  await tab.keyboard.press('Enter');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /^Sam: echo: hello, help/.test(t)), null, { what: 'the echo in the log' });
  assert.equal(await composerValue(tab), '');
  await checkMirrorTimes(tab);   // the same <time> contract as the real widget's (handoff.test.js)
  const mirrorLinks = await tab.evaluate(() => window.__fc.all('[role=log] a').map((a) => `${a.getAttribute('href')} ${a.target} ${a.rel}`));
  assert.ok(mirrorLinks.length && mirrorLinks.every((l) => l === 'https://example.com/help _blank noopener noreferrer'), mirrorLinks.join('\n'));
  await tab.keyboard.type('hold');
  await tab.keyboard.press('Enter');
  assert.equal(await composerValue(tab), 'hold');
  await clearComposer(tab);
  const sends = (await calls(tab, 'send')).length;
  await tab.evaluate(() => {
    const c = window.__fc.composers()[0];
    c.value = 'にほん';
    c.dispatchEvent(new CompositionEvent('compositionstart'));
    c.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }));
    c.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, cancelable: true }));
    c.dispatchEvent(new CompositionEvent('compositionend'));
  });
  assert.equal((await calls(tab, 'send')).length, sends, 'an IME Enter is not a send');
  await clearComposer(tab);

  // Shift+Enter is a newline; the textarea grows and tells C++ (fc_composer_height).
  await tab.keyboard.type('one');
  for (const word of ['two', 'three', 'four']) {
    await tab.keyboard.down('Shift');
    await tab.keyboard.press('Enter');
    await tab.keyboard.up('Shift');
    await tab.keyboard.type(word);
  }
  assert.equal((await composerValue(tab)).split('\n').length, 4);
  assert.ok((await calls(tab, 'composerHeight')).some((c) => c[2] > 80));

  // Tab order: composer → Send → out of the widget; Shift+Tab: the attach button, then the twins in C++'s order.
  await tab.keyboard.press('Tab');
  assert.equal(await active(tab), 'BUTTON:Send');
  await tab.keyboard.press('Tab');
  assert.match(await active(tab), /^BODY/, 'Tab leaves the widget (no keyboard trap)');
  await tab.evaluate(() => window.__fc.composers()[0].focus());
  const order = [];
  for (let i = 0; i < 6; i++) {
    await tab.keyboard.down('Shift');
    await tab.keyboard.press('Tab');
    await tab.keyboard.up('Shift');
    order.push(await active(tab));
  }
  // The attach button (the shim's own, web/src/attachments.js) sits right before the composer.
  assert.deepEqual(order, ['BUTTON:Attach a file', 'BUTTON:Copy message', 'A:Acme help centre', 'BUTTON:Everyday Checking', 'BUTTON:End chat', 'BUTTON:Minimize chat']);
  const focused = (await calls(tab, 'focus')).map((c) => c[2]);
  for (const id of ['send', 'copy-1', 'link-1', 'opt-chk', 'end', 'minimize']) assert.ok(focused.includes(id), `fc_focus(${id})`);

  // The Send twin: fc_action("send") → event action "send" → the shim sends the textarea.
  await tab.evaluate(() => window.__fc.buttons(/^send$/i)[0].click());
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /^You: one/.test(t)), null, { what: 'sent through the Send twin' });
  assert.equal(await composerValue(tab), '');

  // Draft: typed text survives a reload.
  await tab.evaluate(() => window.__fc.composers()[0].focus());
  await tab.keyboard.type('a draft');
  await tab.reload({ waitUntil: 'load' });
  await page.install(tab);
  await tab.evaluate(() => window.__fc.buttons(/^open chat$/i)[0].click());
  await page.waitIn(tab, () => window.__fc.composers()[0] && window.__fc.composers()[0].value === 'a draft', null, { what: 'the restored draft' });
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled; }, null, { what: 'composer after reload' });
  await clearComposer(tab);

  // Minimize twin and Esc close and give focus back to the launcher; unread shows on the badge.
  await tab.evaluate(() => window.__fc.buttons(/^minimize chat$/i)[0].click());
  assert.equal(await active(tab), 'BUTTON:Open chat');
  await tab.evaluate(() => window.acmeChat.open());
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled && window.__fc.visible(c); }, null, { what: 'reopened' });
  await page.sendMessage(tab, 'ping');
  await tab.keyboard.press('Escape');
  assert.equal(await active(tab), 'BUTTON:Open chat');
  await page.waitIn(tab, () => window.acmeChat.unreadCount === 1, null, { what: 'one unread' });
  assert.equal(await tab.evaluate(() => window.__fc.nameOf(window.__fc.all('.launcher')[0])), 'Open chat, 1 unread');

  // Live theme: fc_theme, the launcher's CSS variables, the logo (acme has one, default none).
  assert.ok((await calls(tab, 'logo')).some((c) => c[2] > 0), 'the acme logo went to C++ as pixels');
  await tab.evaluate(() => window.acmeChat.setTheme('/themes/default.json'));
  await page.waitIn(tab, () => (globalThis.__fcFake || []).some((c) => c[1] === 'theme' && c[2] && c[2].accent === '#2557a7'), null, { what: 'fc_theme' });
  assert.equal(await tab.evaluate(() => getComputedStyle(window.__fc.all('.launcher')[0]).backgroundColor), 'rgb(37, 87, 167)');

  const events = await tab.evaluate(() => [...document.querySelectorAll('#event-log li')].map((l) => l.textContent.split(/\s+/)[1]));
  for (const e of ['ready', 'open', 'close', 'message', 'unread']) assert.ok(events.includes(e), `event ${e}`);
  assert.deepEqual(consoleLines.filter((l) => /^(error|pageerror)/.test(l)), []);
});

test('two widgets (one in a shadow root) share one compiled module; strict CSP page has no violations', { skip, timeout: 60000 }, async () => {
  const tab = await chromium.browser.newPage();
  const lines = [];
  tab.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  await tab.goto(`${server.url}/two-widgets.html`, { waitUntil: 'load' });
  await page.install(tab);
  assert.equal(await tab.evaluate(() => Object.keys(window).filter((k) => /finaptic|createFinapticWidget|^Module$/i.test(k)).length), 0, 'no globals');
  await tab.evaluate(() => window.__fc.buttons(/^open chat$/i).forEach((b) => b.click()));
  await page.waitIn(tab, () => window.__fc.composers().filter((c) => !c.disabled).length === 2, null, { what: 'two composers' });
  // Resource timing entries can land a moment after the module is in use: wait for the first one.
  await page.waitIn(tab, () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')), null,
    { what: 'the wasm fetch in resource timing' });
  assert.equal(await tab.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length), 1,
    'one wasm fetch (and compile) for two widgets');
  assert.equal(await tab.evaluate(() => globalThis.__fcFake.instances), 2);
  const keys = await tab.evaluate(() => globalThis.__fcFake.filter((c) => c[1] === 'init').map((c) => c[2].storageKey).sort());
  assert.deepEqual(keys, ['two-widgets:a', 'two-widgets:b']);
  assert.deepEqual(lines.filter((l) => /^(error|pageerror)/.test(l)), []);
  await tab.close();

  const csp = await chromium.browser.newPage();
  const cspLines = [];
  csp.on('console', (m) => cspLines.push(`${m.type()}: ${m.text()}`));
  csp.on('pageerror', (e) => cspLines.push(`pageerror: ${e.message}`));
  const response = await csp.goto(`${server.url}/csp.html`, { waitUntil: 'load' });
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.install(csp);
  await csp.evaluate(() => window.__fc.buttons(/^open chat$/i)[0].click());
  await page.waitIn(csp, () => { const c = window.__fc.composers()[0]; return c && !c.disabled; }, null, { what: 'composer under CSP' });
  await sleep(300);
  assert.equal(await csp.evaluate(() => getComputedStyle(window.__fc.all('.launcher')[0]).borderRadius), '50%', 'constructable stylesheets apply');
  assert.deepEqual(cspLines.filter((l) => /Content.Security|Refused|pageerror|^error/i.test(l)), []);
  // The shim's DOM with a chat in it (mirror list, twins, composer) on the strict-CSP page: axe-clean.
  await page.sendMessage(csp, 'axe');
  await page.waitIn(csp, () => window.__fc.logEntries(0).some((t) => /echo: axe/.test(t)), null, { what: 'the echo under CSP' });
  const violations = await axeViolations(csp);
  assert.deepEqual(violations, [], describe(violations));
  await csp.close();
});

// The wasm export list lives in one place, widget/CMakeLists.txt (`widget_exports`): every `_fc_*`
// the shim calls is there, documented in widget/BRIDGE.md, and provided by the stand-in glue
// (all but the benchmark hook).
test('the shim calls only exports that widget/CMakeLists.txt lists (the one export list)', () => {
  const root = path.resolve(__dirname, '../..');
  const cmake = fs.readFileSync(path.join(root, 'widget/CMakeLists.txt'), 'utf8');
  const block = /set\(widget_exports([\s\S]*?)\)/.exec(cmake);
  assert.ok(block, 'widget_exports in widget/CMakeLists.txt');
  const exported = new Set(block[1].match(/_fc_[a-z_]+/g));
  const shimSrc = fs.readdirSync(path.join(root, 'web/src')).filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(root, 'web/src', f), 'utf8')).join('\n');
  const used = new Set(shimSrc.match(/_fc_[a-z_]+/g));
  assert.ok(used.size > 10);
  for (const name of used) assert.ok(exported.has(name), `${name} is called by the shim but not exported`);
  const bridge = fs.readFileSync(path.join(root, 'widget/BRIDGE.md'), 'utf8');
  const fake = fs.readFileSync(path.join(__dirname, 'fake-widget/finaptic-chat-widget.js'), 'utf8');
  for (const name of exported) {
    assert.ok(bridge.includes(`\`${name.slice(1)}(`), `${name} documented in BRIDGE.md`);
    if (used.has(name) && name !== '_fc_bench') assert.ok(fake.includes(`${name}(`), `${name} provided by the fake widget`);
  }
});
