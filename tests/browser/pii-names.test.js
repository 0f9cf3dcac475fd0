// The PII name table (pii-names.bin, 32 KB) is fetched only when the core asks for it
// (Conversation::piiNamesWanted, widget/BRIDGE.md host.piiNames): with the real widget against
// connect-local, the Acme page (piiPolicy 'mask', the default: names are sent) opens a chat without it
// and fetches it when the customer first sends (the escalation transcript redacts names); the
// two-widget page's first chat (pii-policy {"NAME":"ask"}) fetches it as soon as its chat starts.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const page = require('./lib/widget-page');
const { cl, openBrowser, skip } = require('./lib/e2e');

let server;
let chromium;

before(async () => {
  if (skip) return;
  server = await cl.startConnectLocal({ agent: 'echo' });
  chromium = await openBrowser('finchat-pii-names-', { webgl: true, viewport: { width: 1280, height: 860 } });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
});

// Every request for the name table the page made (resource timing sees fetch() too).
const nameTableRequests = (tab) => tab.evaluate(() =>
  performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith('/pii-names.bin')).length);
const connected = (tab) => page.waitIn(tab, () => {
  const c = window.__fc.composers()[0];
  return c && window.__fc.visible(c) && !c.disabled && window.__fc.logEntries(0).length > 0;
}, null, { what: 'an enabled composer and the greeting', timeout: 30000 });

test('default policy: no name table when the chat opens, one request once the customer sends', { skip, timeout: 90000 }, async () => {
  const tab = await chromium.browser.newPage();
  await tab.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.install(tab);
  await tab.evaluate(() => window.__fc.buttons(/^open chat$/i)[0].click());
  await connected(tab);
  await new Promise((r) => setTimeout(r, 1000));   // anything the opening would fetch has started by now
  assert.equal(await nameTableRequests(tab), 0, 'no pii-names.bin under the default policy before a message');

  await page.sendMessage(tab, 'hello there');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /echo.*hello there/i.test(t)), null,
    { what: 'the echo of my message', timeout: 30000 });
  await page.waitIn(tab, () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/pii-names.bin')), null,
    { what: 'the name table fetched after the first message' });
  assert.equal(await nameTableRequests(tab), 1);
  await tab.close();
});

test('NAME in the policy: the name table is fetched when the chat starts, before any message', { skip, timeout: 90000 }, async () => {
  const tab = await chromium.browser.newPage();
  await tab.goto(`${server.url}/two-widgets.html`, { waitUntil: 'load' });
  await page.install(tab);
  assert.equal(await nameTableRequests(tab), 0, 'nothing before a chat starts');
  // The first launcher is #chat-a, pii-policy='{"NAME":"ask","ADDRESS":"send"}'.
  assert.equal(await tab.evaluate(() => document.querySelector('#chat-a').getAttribute('pii-policy')), '{"NAME":"ask","ADDRESS":"send"}');
  await tab.evaluate(() => window.__fc.buttons(/^open chat$/i)[0].click());
  await page.waitIn(tab, () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/pii-names.bin')), null,
    { what: 'the name table fetched when the chat starts', timeout: 30000 });
  await connected(tab);
  assert.equal(await nameTableRequests(tab), 1, 'once');
  await tab.close();
});
