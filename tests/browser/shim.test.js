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
const { fakePiiWasm } = require('./lib/fake-pii-wasm');
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
  // A stand-in PII detector and name table: the shim fetches and instantiates whatever the build shipped.
  fs.writeFileSync(path.join(widget, 'pii-names.bin'), Buffer.concat([Buffer.from('FCNAMES1'), Buffer.alloc(32768)]));
  fs.writeFileSync(path.join(widget, 'finaptic-chat-pii.wasm'), fakePiiWasm());
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
  // The PII detector only when the core asks for it (host.pii; the fake asks on the first send, as the
  // core does under the default policy) or the customer types: not when the chat opens.
  const piiFetches = () => tab.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.split('/').pop()).filter((f) => /^(finaptic-chat-pii\.wasm|pii-names\.bin)$/.test(f)).sort());
  assert.deepEqual(await calls(tab, 'piiReady'), []);
  assert.deepEqual(await piiFetches(), [], 'no PII detector before it is asked for');

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
  // Typing prefetched it (and the send asked): fetched once from the same origin, instantiated and
  // handed over once (fc_pii_ready), its detect() answering through the module's C ABI.
  await page.waitIn(tab, () => globalThis.__fcFake.some((c) => c[1] === 'piiReady'), null, { what: 'the PII detector handed over' });
  assert.deepEqual((await calls(tab, 'piiReady')).map((c) => c[3]), [[0, 5, 24, 9800]]);
  assert.deepEqual(await piiFetches(), ['finaptic-chat-pii.wasm', 'pii-names.bin']);
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
  // The chat has started again (its greeting is in): a greeting that came after the minimize below would
  // count as unread on the launcher.
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /Acme's virtual assistant/.test(t)), null, { what: 'the greeting after reload' });
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
  // The benchmark hook exists only over a wasm that exports fc_bench (the bench build; this glue has none).
  assert.equal(await tab.evaluate(() => typeof window.acmeChat._bench), 'undefined', 'no handle._bench without fc_bench');
  assert.deepEqual(consoleLines.filter((l) => /^(error|pageerror)/.test(l)), []);

  // Template images (BRIDGE.md host.loadImage → fc_image): an https image comes back as RGBA pixels;
  // one that cannot be loaded, or a URL that is not https, as ptr 0 (the option keeps its placeholder).
  // Last: the image that fails writes a resource error to the console.
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==', 'base64');
  await tab.setRequestInterception(true);
  const serveImage = (r) => {
    if (r.url() === 'https://images.example/red-blue.png') {
      return r.respond({ status: 200, contentType: 'image/png', headers: { 'Access-Control-Allow-Origin': '*' }, body: PNG });
    }
    return r.url().startsWith('https://') ? r.abort() : r.continue();
  };
  tab.on('request', serveImage);
  await tab.evaluate(() => {
    globalThis.__fcHost.loadImage(41, 'https://images.example/red-blue.png');
    globalThis.__fcHost.loadImage(42, 'https://images.example/missing.png');
    globalThis.__fcHost.loadImage(43, 'http://images.example/red-blue.png');
  });
  await page.waitIn(tab, () => (globalThis.__fcFake || []).filter((c) => c[1] === 'image').length >= 3, null, { what: 'three fc_image answers' });
  const images = Object.fromEntries((await calls(tab, 'image')).map((c) => [c[2], c.slice(3)]));
  assert.deepEqual(images[41], [2, 1, [255, 0, 0, 255, 0, 0, 255, 255]]);
  assert.deepEqual(images[42], [0, 0, null]);
  assert.deepEqual(images[43], [0, 0, null]);
  tab.off('request', serveImage);
  await tab.setRequestInterception(false);
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
  // The per-type piiPolicy reaches the core as the object: from the element's JSON attribute and from mount().
  const policies = await tab.evaluate(() => globalThis.__fcFake.filter((c) => c[1] === 'init')
    .sort((x, y) => x[2].storageKey.localeCompare(y[2].storageKey)).map((c) => c[2].piiPolicy));
  assert.deepEqual(policies, [{ NAME: 'ask', ADDRESS: 'send' }, { ALL: 'ask', DATE_TIME: 'send' }]);
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

// Template controls (BRIDGE.md "Template controls in the mirror") from the stand-in glue: "templates"
// makes the fake C++ ask the page's dataProvider.ListAccounts through host.callData / fc_data, then
// report a listbox of the accounts and a QuickReply group. And the data bridge's failures.
test('template controls: listbox and group, keyboard, focus ring, one announcement; the data bridge', { skip, timeout: 60000 }, async () => {
  const tab = await chromium.browser.newPage();
  const lines = [];
  tab.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  tab.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  await tab.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.install(tab);
  // Everything the status region says, in order.
  await tab.evaluate(() => {
    window.__said = [];
    new MutationObserver(() => {
      for (const s of window.__fc.all('[role=status]')) if (s.textContent && s.textContent !== s.__last) window.__said.push(s.textContent);
      for (const s of window.__fc.all('[role=status]')) s.__last = s.textContent;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) new MutationObserver(() => {
      for (const s of window.__fc.all('[role=status]')) if (s.textContent && s.textContent !== s.__last) window.__said.push(s.textContent);
      for (const s of window.__fc.all('[role=status]')) s.__last = s.textContent;
    }).observe(el.shadowRoot, { subtree: true, childList: true, characterData: true });
  });
  await tab.evaluate(() => window.__fc.buttons(/^open chat$/i)[0].click());
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled; }, null, { what: 'an enabled composer' });
  await page.sendMessage(tab, 'templates');
  await page.waitIn(tab, () => window.__fc.all('[role=listbox]').length === 1, null, { what: 'the listbox' });

  // The pager beside the listbox (not an option of it).
  assert.equal(await tab.evaluate(() => { const b = window.__fc.buttons(/^Next day$/)[0]; return b && b.parentElement.getAttribute('role') === null && b.previousElementSibling.getAttribute('role'); }), 'listbox');
  const shape = await tab.evaluate(() => window.__fc.all('[role=listbox], [role=group]').map((g) => ({
    role: g.getAttribute('role'), name: window.__fc.nameOf(g),
    children: [...g.children].map((c) => ({ tag: c.tagName, role: c.getAttribute('role'), name: window.__fc.nameOf(c),
      selected: c.getAttribute('aria-selected'), pressed: c.getAttribute('aria-pressed'), disabled: c.getAttribute('aria-disabled'), tab: c.tabIndex })),
  })));
  assert.deepEqual(shape, [
    { role: 'listbox', name: 'Which account?', children: [
      { tag: 'DIV', role: 'option', name: 'Everyday Checking •••• 4821', selected: 'false', pressed: null, disabled: null, tab: 0 },
      { tag: 'DIV', role: 'option', name: 'High-Yield Savings •••• 7730', selected: 'false', pressed: null, disabled: null, tab: -1 },
      { tag: 'DIV', role: 'option', name: 'Acme Rewards Visa •••• 1094', selected: 'false', pressed: null, disabled: null, tab: -1 }] },
    { role: 'group', name: 'Anything else?', children: [
      { tag: 'BUTTON', role: null, name: 'Yes', selected: null, pressed: 'false', disabled: null, tab: 0 },
      { tag: 'BUTTON', role: null, name: 'No', selected: null, pressed: 'false', disabled: null, tab: 0 }] },
  ]);
  // The accounts came from the page's dataProvider through the bridge: fc_data(id, 1, JSON).
  const [answer] = (await calls(tab, 'data'));
  assert.equal(answer[3], 1);
  assert.deepEqual(JSON.parse(answer[4]).map((a) => a.id), ['acc_kQvTmw', 'acc_PzrLxe', 'acc_hNbWya']);

  // Visual order from the composer backwards: the attach button beside it, No, Yes, then the listbox
  // once (its tabbable option).
  await tab.evaluate(() => window.__fc.composers()[0].focus());
  const back = [];
  for (let i = 0; i < 6; i++) {
    await tab.keyboard.down('Shift');
    await tab.keyboard.press('Tab');
    await tab.keyboard.up('Shift');
    back.push(await active(tab));
  }
  assert.deepEqual(back, ['BUTTON:Attach a file', 'BUTTON:No', 'BUTTON:Yes', 'BUTTON:Next day', 'DIV:Everyday Checking •••• 4821', 'BUTTON:Copy message']);
  await tab.keyboard.press('Tab');
  assert.equal(await active(tab), 'DIV:Everyday Checking •••• 4821');
  // Arrows within the listbox; the canvas focus ring follows each move (fc_focus).
  const focusMoves = async () => (await calls(tab, 'focus')).map((c) => c[2]);
  await tab.keyboard.press('ArrowDown');
  assert.equal(await active(tab), 'DIV:High-Yield Savings •••• 7730');
  await tab.keyboard.press('End');
  assert.equal(await active(tab), 'DIV:Acme Rewards Visa •••• 1094');
  await tab.keyboard.press('ArrowDown');
  assert.equal(await active(tab), 'DIV:Acme Rewards Visa •••• 1094', 'no wrap past the last option');
  await tab.keyboard.press('Home');
  await tab.keyboard.press('ArrowRight');
  assert.equal(await active(tab), 'DIV:High-Yield Savings •••• 7730');
  assert.deepEqual((await focusMoves()).slice(-4), ['tpl:t1:opt:1', 'tpl:t1:opt:2', 'tpl:t1:opt:0', 'tpl:t1:opt:1']);
  // Space picks: fc_action with the option's id; the template is answered (selected, all disabled).
  await tab.keyboard.press('Space');
  assert.deepEqual((await calls(tab, 'action')).map((c) => c[2]), ['tpl:t1:opt:1']);
  await page.waitIn(tab, () => window.__fc.all('[role=option][aria-disabled=true]').length === 3, null, { what: 'answered options' });
  assert.equal(await tab.evaluate(() => window.__fc.all('[role=option][aria-selected=true]').map((o) => o.textContent).join()), 'High-Yield Savings •••• 7730');
  assert.equal(await active(tab), 'DIV:High-Yield Savings •••• 7730', 'focus stays on the picked option');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /^You: High-Yield Savings/.test(t)), null, { what: 'the pick in the log' });
  // A disabled option is still read out but picks nothing.
  await tab.keyboard.press('Enter');
  await tab.evaluate(() => window.__fc.all('[role=option]')[0].click());
  assert.equal((await calls(tab, 'action')).length, 1);
  // Enter on a QuickReply button.
  await tab.keyboard.press('Tab');
  assert.equal(await active(tab), 'BUTTON:Next day');
  await tab.keyboard.press('Tab');
  assert.equal(await active(tab), 'BUTTON:Yes');
  await tab.keyboard.press('Enter');
  await page.waitIn(tab, () => window.__fc.all('[role=group] button[aria-pressed=true]').length === 1, null, { what: 'the quick reply picked' });
  assert.deepEqual((await calls(tab, 'action')).map((c) => c[2]), ['tpl:t1:opt:1', 'tpl:t2:el:0']);

  // Announced once each, however often the controls are re-sent (a resize re-sends them).
  await tab.setViewport({ width: 1200, height: 820 });
  await tab.evaluate(() => window.acmeChat.close());
  await tab.evaluate(() => window.acmeChat.open());
  await sleep(300);
  const said = await tab.evaluate(() => window.__said);
  // (Both templates appeared in one update: said together, the status region being atomic.)
  assert.deepEqual(said.filter((t) => /options/.test(t)), ['3 options: Which account? 2 options: Anything else?']);

  // axe with both templates in the mirror.
  const violations = await axeViolations(tab);
  assert.deepEqual(violations, [], describe(violations));

  // The data bridge's failures: each one answered with ok 0 and a message; nothing crashes.
  await tab.evaluate(async () => {
    const { dataProvider } = await import('/acme-backend.js');
    const cyclic = {};
    cyclic.self = cyclic;
    Object.assign(dataProvider, {
      Throws() { throw new Error('partner API down'); },
      Rejects: async () => { throw new Error('401 from /accounts'); },
      Cyclic: async () => cyclic,
      Big: async () => 10n,
      Huge: async () => 'x'.repeat(300 * 1024),
      Never: () => new Promise(() => {}),
      Nothing: async () => undefined,
    });
  });
  for (const name of ['Throws', 'Rejects', 'Cyclic', 'Big', 'Huge', 'Never', 'Nothing', 'Missing', 'constructor']) await page.sendMessage(tab, `data ${name}`);
  await page.waitIn(tab, async () => (globalThis.__fcFake || []).filter((c) => c[1] === 'data').length >= 9, null, { what: 'the data answers' });
  await sleep(300);
  const answers = (await calls(tab, 'data')).slice(1).map((c) => [c[3], c[4].slice(0, 60)]);
  assert.deepEqual(answers, [
    [0, 'partner API down'], [0, '401 from /accounts'], [0, answers[2][1]], [0, answers[3][1]],
    [0, 'dataProvider.Huge: answer over 262144 characters'], [1, 'null'], [0, 'no dataProvider.Missing'], [0, 'no dataProvider.constructor'],
  ]);
  assert.match(answers[2][1], /circular/i);
  assert.match(answers[3][1], /BigInt/i);
  assert.deepEqual(lines.filter((l) => /^(error|pageerror)/.test(l)), []);
  await tab.close();
});

// The wasm export list lives in one place, widget/CMakeLists.txt (`widget_exports`, plus
// `widget_bench_exports` for the bench link only): every `_fc_*` the shim calls is there, documented
// in widget/BRIDGE.md, and provided by the stand-in glue (all but the benchmark hook, which the
// shipped widget does not export).
test('the shim calls only exports that widget/CMakeLists.txt lists (the one export list)', () => {
  const root = path.resolve(__dirname, '../..');
  const cmake = fs.readFileSync(path.join(root, 'widget/CMakeLists.txt'), 'utf8');
  const list = (name) => {
    const block = new RegExp(`set\\(${name}\\s([^)]*)\\)`).exec(cmake);
    assert.ok(block, `${name} in widget/CMakeLists.txt`);
    return block[1].match(/_fc_[a-z_]+/g) || [];
  };
  const shipped = list('widget_exports');
  const benchOnly = list('widget_bench_exports');
  assert.ok(!shipped.includes('_fc_bench'), 'the shipped widget exports no benchmark hook');
  const exported = new Set([...shipped, ...benchOnly]);
  const shimSrc = fs.readdirSync(path.join(root, 'web/src')).filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(root, 'web/src', f), 'utf8')).join('\n');
  const used = new Set(shimSrc.match(/_fc_[a-z_]+/g));
  assert.ok(used.size > 10);
  for (const name of used) assert.ok(exported.has(name), `${name} is called by the shim but not exported`);
  const bridge = fs.readFileSync(path.join(root, 'widget/BRIDGE.md'), 'utf8');
  const fake = fs.readFileSync(path.join(__dirname, 'fake-widget/finaptic-chat-widget.js'), 'utf8');
  for (const name of exported) {
    assert.ok(bridge.includes(`\`${name.slice(1)}(`), `${name} documented in BRIDGE.md`);
    if (used.has(name) && shipped.includes(name)) assert.ok(fake.includes(`${name}(`), `${name} provided by the fake widget`);
  }
});

// The other direction: every host.* callback the glue calls (widget/app/*.js js-libraries) is in
// BRIDGE.md's host table and on the shim's host object (web/src/ui.js).
test('every host callback the glue calls is documented in BRIDGE.md and provided by the shim', () => {
  const root = path.resolve(__dirname, '../..');
  const glue = fs.readdirSync(path.join(root, 'widget/app')).filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(root, 'widget/app', f), 'utf8')).join('\n');
  const called = new Set([...glue.matchAll(/\['host'\]\['([A-Za-z]+)'\]/g)].map((m) => m[1]));
  assert.ok(called.has('textLayout') && called.has('textRaster') && called.size > 8, [...called].join(' '));
  const bridge = fs.readFileSync(path.join(root, 'widget/BRIDGE.md'), 'utf8');
  const ui = fs.readFileSync(path.join(root, 'web/src/ui.js'), 'utf8');
  const hostBlock = /const host = \{([\s\S]*?)\n  \};/.exec(ui);
  assert.ok(hostBlock, 'the host object in web/src/ui.js');
  for (const name of called) {
    assert.ok(bridge.includes(`| \`${name}(`), `host.${name} documented in BRIDGE.md`);
    assert.ok(new RegExp(`\\n    ${name}\\(`).test(hostBlock[1]), `host.${name} provided by web/src/ui.js`);
  }
});
