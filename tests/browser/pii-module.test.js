// The PII detector is its own wasm (finaptic-chat-pii.wasm, with its name table pii-names.bin), loaded
// only when the core asks for it (Conversation's PiiWanted, widget/BRIDGE.md host.pii): with the real
// widget against connect-local (echo agent), the Acme page (piiPolicy 'mask', the default) opens a chat
// without it; the first message waits for it, goes out masked (the agent's echo shows what went over
// the wire) and the files are fetched once. A detector that cannot be loaded keeps the message waiting
// (nothing typed is lost) with a clear error, and the next keystroke or send loads it and sends both.
// One that crashes mid-message fails closed: the whole text goes out masked, and a fresh one is loaded.
// The two-widget page's first chat (pii-policy {"NAME":"ask"}) fetches it as soon as its chat starts.
// A message asked about (ask-first) after it waited for the detector goes back into the composer on
// "Edit message"; an edit sent instead of an answer withdraws the question. Screenshots:
// WIDGET_SHOTS/pii-masked.png, pii-load-failed.png, pii-edit-restored.png, pii-edit-sent.png.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const page = require('./lib/widget-page');
const { cl, openBrowser, skip, shot } = require('./lib/e2e');
const { fakePiiWasm } = require('./lib/fake-pii-wasm');

let server;
let chromium;

before(async () => {
  if (skip) return;
  server = await cl.startConnectLocal({ agent: 'echo' });
  chromium = await openBrowser('finchat-pii-module-', { webgl: true, viewport: { width: 1280, height: 860 } });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
});

const PII_FILES = /\/(finaptic-chat-pii\.wasm|pii-names\.bin)$/;
const CARD = '4111 1111 1111 1111';

// A tab that records every request for the detector's two files (puppeteer sees fetch() and cached
// answers alike) and the widget's public `error` events; `failDetector` answers the wasm with a 503,
// `detector` (bytes) with another wasm.
async function openTab(url, { failDetector = false, detector = null } = {}) {
  const tab = await chromium.browser.newPage();
  const requests = [];
  const control = { failDetector, detector };
  await tab.setRequestInterception(true);
  tab.on('request', (r) => {
    const m = PII_FILES.exec(new URL(r.url()).pathname);
    if (m) requests.push(m[1]);
    const wasm = m && m[1] === 'finaptic-chat-pii.wasm';
    if (wasm && control.failDetector) r.respond({ status: 503, contentType: 'text/plain', body: 'unavailable' });
    else if (wasm && control.detector) r.respond({ status: 200, contentType: 'application/wasm', body: control.detector });
    else r.continue();
  });
  await tab.goto(url, { waitUntil: 'load' });
  await page.install(tab);
  return { tab, requests, control };
}

const connected = (tab) => page.waitIn(tab, () => {
  const c = window.__fc.composers()[0];
  return c && window.__fc.visible(c) && !c.disabled && window.__fc.logEntries(0).length > 0;
}, null, { what: 'an enabled composer and the greeting', timeout: 30000 });

// Enter on a composer whose text was set without `input` events: no prefetch, so the send itself has
// to wait for the detector.
async function sendWithoutTyping(tab, text) {
  await tab.evaluate((t) => {
    const c = window.__fc.composers()[0];
    c.value = t;
    c.focus();
  }, text);
  await tab.keyboard.press('Enter');
}

async function openChat(tab) {
  await tab.evaluate(() => {
    window.__errors = [];
    window.acmeChat.on('error', (d) => window.__errors.push(d));
    window.__fc.buttons(/^open chat$/i)[0].click();
  });
  await connected(tab);
}

test('default policy: no detector when the chat opens; the first message waits for it and goes out masked', { skip, timeout: 90000 }, async () => {
  const { tab, requests } = await openTab(`${server.url}/`);
  await openChat(tab);
  await new Promise((r) => setTimeout(r, 1000));   // anything the opening would fetch has started by now
  assert.deepEqual(requests, [], 'no finaptic-chat-pii.wasm / pii-names.bin under the default policy before a message');

  await sendWithoutTyping(tab, `my card is ${CARD}`);
  // The agent's echo repeats what reached connect-local: masked, so the detector ran before the send.
  const echo = await page.waitIn(tab, () => window.__fc.logEntries(0).find((t) => /echo: my card is/.test(t)), null,
    { what: 'the echo of my message', timeout: 30000 });
  assert.match(echo, /echo: my card is \u2022\u2022\u2022\u2022 1111/);
  const mine = (await page.logEntries(tab)).find((t) => /^You: my card is/.test(t));
  assert.match(mine, /^You: my card is \u2022\u2022\u2022\u2022 1111/, 'the bubble is masked too');
  assert.ok(!(await page.logEntries(tab)).some((t) => t.includes(CARD)), 'the number appears nowhere in the transcript');
  assert.deepEqual(requests.sort(), ['finaptic-chat-pii.wasm', 'pii-names.bin'], 'each fetched once, after the message');
  assert.deepEqual(await tab.evaluate(() => window.__errors), []);

  // Later messages use the detector in place: nothing fetched again.
  await page.sendMessage(tab, 'and my other card 5500 0000 0000 0004');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: and my other card \u2022\u2022\u2022\u2022 0004/.test(t)), null,
    { what: 'the second card masked', timeout: 30000 });
  assert.equal(requests.length, 2);
  await new Promise((r) => setTimeout(r, 600));   // the canvas has drawn the last bubbles
  await shot(tab, 'pii-masked');
  await tab.close();
});

test('a detector that cannot be loaded: the message waits with a clear error, nothing typed is lost, the next send delivers both', { skip, timeout: 90000 }, async () => {
  const { tab, requests, control } = await openTab(`${server.url}/`, { failDetector: true });
  await openChat(tab);
  await sendWithoutTyping(tab, `card ${CARD} please`);
  const errors = await page.waitIn(tab, () => window.__errors.length && window.__errors, null, { what: 'the error event' });
  assert.equal(errors[0].code, 'pii');
  assert.match(errors[0].message, /finaptic-chat-pii\.wasm: HTTP 503/);
  // Said to screen readers (the alert region) and drawn on the canvas (the same notice).
  const alert = await tab.evaluate(() => window.__fc.all('[role="alert"]').map((a) => a.textContent).join(' '));
  assert.match(alert, /privacy check could not load/);
  // The message is kept (shown as waiting in this browser only) and nothing went over the wire.
  await new Promise((r) => setTimeout(r, 1500));
  const log = await page.logEntries(tab);
  assert.ok(log.some((t) => /^You: card /.test(t)), `my message is still there\n${log.join('\n')}`);
  assert.ok(!log.some((t) => /echo: card/.test(t)), 'the agent got nothing');
  await shot(tab, 'pii-load-failed');

  // The detector is back: the next send loads it, and both messages go out masked, in order.
  control.failDetector = false;
  await page.sendMessage(tab, 'second message');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: second message/.test(t)), null,
    { what: 'the second message delivered', timeout: 30000 });
  const after = await page.logEntries(tab);
  const first = after.findIndex((t) => /echo: card \u2022\u2022\u2022\u2022 1111 please/.test(t));
  assert.ok(first >= 0 && first < after.findIndex((t) => /echo: second message/.test(t)), after.join('\n'));
  assert.ok(!after.some((t) => t.includes(CARD)));
  assert.deepEqual(requests.filter((r) => r === 'finaptic-chat-pii.wasm').length, 2, 'failed once, loaded once');
  await tab.close();
});

test('a detector that fails mid-message: the guard fails closed (the whole text goes out masked), and a fresh one is loaded', { skip, timeout: 90000 }, async () => {
  const { tab, requests, control } = await openTab(`${server.url}/`, { detector: fakePiiWasm({ trap: true }) });
  const lines = [];
  tab.on('console', (m) => lines.push(m.text()));
  await openChat(tab);
  await sendWithoutTyping(tab, 'my balance please, account 12345678');
  // browser_pii.cpp: no answer from the detector → one entity over the whole text (masked by policy).
  const echo = await page.waitIn(tab, () => window.__fc.logEntries(0).find((t) => /echo: /.test(t)), null,
    { what: 'the echo of the masked message', timeout: 30000 });
  assert.match(echo, /echo: \u2022\u2022\u2022\u2022(\s|$)/);
  assert.doesNotMatch(echo, /balance|12345678/);
  assert.ok(lines.some((l) => /the PII detector failed/.test(l)), lines.join('\n'));
  // The failed detector was dropped: the next keystroke loads a fresh one (here the real one).
  control.detector = null;
  await page.sendMessage(tab, 'what is my balance');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: what is my balance/.test(t)), null,
    { what: 'a message checked by the fresh detector', timeout: 30000 });
  assert.equal(requests.filter((r) => r === 'finaptic-chat-pii.wasm').length, 2);
  await tab.close();
});

test('NAME in the policy: the detector is fetched when the chat starts, before any message', { skip, timeout: 90000 }, async () => {
  const { tab, requests } = await openTab(`${server.url}/two-widgets.html`);
  assert.deepEqual(requests, [], 'nothing before a chat starts');
  // The first launcher is #chat-a, pii-policy='{"NAME":"ask","ADDRESS":"send"}'.
  assert.equal(await tab.evaluate(() => document.querySelector('#chat-a').getAttribute('pii-policy')), '{"NAME":"ask","ADDRESS":"send"}');
  await tab.evaluate(() => window.__fc.buttons(/^open chat$/i)[0].click());
  const deadline = Date.now() + 30000;
  while (requests.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await connected(tab);
  assert.deepEqual(requests.sort(), ['finaptic-chat-pii.wasm', 'pii-names.bin'], 'once each');
  await tab.close();
});

test('ask-first on a message that waited for the detector: asked once it is here; "Edit message" puts it back into the emptied composer', { skip, timeout: 90000 }, async () => {
  const { tab, requests } = await openTab(`${server.url}/two-widgets.html`);
  // #chat-a again, asking first about card numbers only: nothing in this policy needs the detector at start.
  await tab.evaluate(() => {
    const old = document.querySelector('#chat-a');
    const el = document.createElement('finaptic-chat');
    for (const a of old.getAttributeNames()) el.setAttribute(a, old.getAttribute(a));
    el.setAttribute('pii-policy', '{"CREDIT_DEBIT_NUMBER":"ask","NAME":"send"}');
    el.setAttribute('storage-key', 'pii-restore');
    el.id = 'chat-r';
    old.replaceWith(el);
  });
  // Its own launcher (the page's other widget, mounted by two-widgets.js, asks about ALL).
  await tab.evaluate(() => window.__fc.buttons(/^open chat$/i).find((b) => document.querySelector('#chat-r').shadowRoot.contains(b)).click());
  await connected(tab);
  assert.deepEqual(requests, [], 'not fetched when the chat opens');

  await sendWithoutTyping(tab, `card ${CARD} please`);
  // Queued for the detector (the composer emptied, as for any message that went), then asked about.
  await page.waitIn(tab, () => window.__fc.buttons(/^edit message$/i).length > 0, null,
    { what: 'the PII question once the detector is here', timeout: 30000 });
  assert.equal(await tab.evaluate(() => window.__fc.composers()[0].value), '');
  await tab.evaluate(() => window.__fc.buttons(/^edit message$/i)[0].click());
  const value = await page.waitIn(tab, () => window.__fc.composers()[0].value, null, { what: 'the kept message in the composer' });
  assert.equal(value, `card ${CARD} please`, 'nothing typed is lost');
  // Sent again from the composer: asked at once (the detector is here), and "Edit message" leaves the
  // composer as it is (BRIDGE.md composer-restore: not put back twice).
  await tab.evaluate(() => window.__fc.composers()[0].focus());
  await tab.keyboard.press('Enter');
  await page.waitIn(tab, () => window.__fc.buttons(/^edit message$/i).length > 0, null, { what: 'the question on Enter' });
  await tab.evaluate(() => window.__fc.buttons(/^edit message$/i)[0].click());
  await page.waitIn(tab, () => window.__fc.buttons(/^edit message$/i).length === 0, null, { what: 'the question closed' });
  assert.equal(await tab.evaluate(() => window.__fc.composers()[0].value), `card ${CARD} please`, 'the text once, not twice');
  await new Promise((r) => setTimeout(r, 800));
  const log = await page.logEntries(tab);
  assert.ok(!log.some((t) => /echo: card/.test(t)), `the agent got nothing\n${log.join('\n')}`);
  await shot(tab, 'pii-edit-restored');
  // Asked again; instead of answering, the customer takes the number out and sends the edit: it goes,
  // and the question (with its "Send as typed" for the old text) goes away.
  await tab.evaluate(() => window.__fc.composers()[0].focus());
  await tab.keyboard.press('Enter');
  await page.waitIn(tab, () => window.__fc.buttons(/^edit message$/i).length > 0, null, { what: 'the question on Enter again' });
  await sendWithoutTyping(tab, 'my card was declined');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo: my card was declined/.test(t)), null,
    { what: 'the edited message at the agent', timeout: 30000 });
  assert.equal(await tab.evaluate(() => window.__fc.buttons(/^(edit message|send as typed)$/i).length), 0, 'no stale question');
  assert.ok(!(await page.logEntries(tab)).some((t) => /echo: card/.test(t)), 'the number never left');
  await shot(tab, 'pii-edit-sent');
  await tab.close();
});
