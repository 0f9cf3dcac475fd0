// The agent console (demo/site/agent/) in headless Chromium against connect-local, without the
// widget: what the console itself does around the chat. L1 (instance acme): accept a queued customer
// from the keyboard, "Escalate to Finaptic" opens a labelled form, Escape closes it, Enter sends the
// in-band signal, and the customer's chat receives it from the AGENT as application/json
// {"finaptic":{"escalate":{"reason"}}}. L2 (instance finaptic): an escalation made through the demo
// partner backend shows partner, reason and the redacted L1 transcript above the chat. Screenshots of
// both consoles go to AGENT_SHOTS (default build/native/artifacts/agent-console).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const conformance = path.resolve(__dirname, '../conformance');
const haveModules = fs.existsSync(path.join(conformance, 'node_modules/puppeteer-core'));
const cl = haveModules ? require(path.join(conformance, 'lib/connect-local')) : null;
const { chromiumMissing, openBrowser } = require(path.join(conformance, 'lib/browser'));
const SHOTS = process.env.AGENT_SHOTS || path.join(ROOT, 'build/native/artifacts/agent-console');

const skip = [
  [!chromiumMissing(), chromiumMissing()],
  [haveModules, 'no tests/conformance/node_modules (scripts/setup.sh installs them)'],
  [!cl || fs.existsSync(cl.binaryPath()), `no connect-local at ${cl && cl.binaryPath()}`],
].filter(([ok]) => !ok).map(([, why]) => why).join('; ') || false;

let server, chromium;

before(async () => {
  if (skip) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await cl.startConnectLocal({ args: ['--static', path.join(ROOT, 'demo/site'), '--themes', path.join(ROOT, 'themes')] });
  chromium = await openBrowser('finchat-agent-console-', { viewport: { width: 1280, height: 860 } });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
});

// A customer of the demo partner: chat token from Acme's backend, a ConnectionToken, and messages.
async function customer(level, extra = {}) {
  const ids = await cl.expectOk('chat-token', cl.jsonRequest('POST', `${server.url}/acme/api/chat-token`, { level, displayName: 'Dana', ...extra }));
  const conn = await cl.expectOk('CreateParticipantConnection', cl.jsonRequest('POST', `${server.url}/participant/connection`,
    { Type: ['CONNECTION_CREDENTIALS'] }, { 'x-amz-bearer': ids.participantToken }));
  const token = conn.ConnectionCredentials.ConnectionToken;
  return {
    ids,
    say: (text) => cl.expectOk('SendMessage', cl.jsonRequest('POST', `${server.url}/participant/message`,
      { ContentType: 'text/plain', Content: text }, { 'x-amz-bearer': token })),
    transcript: async () => (await cl.expectOk('GetTranscript', cl.jsonRequest('POST', `${server.url}/participant/transcript`,
      { MaxResults: 100, ScanDirection: 'FORWARD', SortOrder: 'ASCENDING', StartPosition: { MostRecent: 100 } },
      { 'x-amz-bearer': token }))).Transcript,
  };
}

// axe-core's WCAG 2 A/AA rules over the page as it is now: the violations, one line each.
const AXE = path.join(conformance, 'node_modules/axe-core/axe.min.js');
async function axeViolations(tab) {
  if (!fs.existsSync(AXE)) return [];
  await tab.addScriptTag({ path: AXE });
  return tab.evaluate(async () => (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
}

const activeLabel = (tab) => tab.evaluate(() => {
  const a = document.activeElement;
  if (!a) return '';
  const label = a.labels && a.labels[0] ? a.labels[0].textContent : a.getAttribute('aria-label') || a.textContent;
  return `${a.tagName}:${label.trim()}`;
});

test('L1 console: accept by keyboard, "Escalate to Finaptic" sends the in-band signal as the agent', { skip, timeout: 60000 }, async () => {
  const { tab } = chromium;
  const dana = await customer('L1');
  await dana.say('agent please');
  await cl.waitQueued(server.url, 'acme', dana.ids.contactId, 20000);

  await tab.goto(`${server.url}/agent/?instance=acme`, { waitUntil: 'load' });
  const accept = await tab.waitForSelector(`button.accept[data-contact="${dana.ids.contactId}"]`, { timeout: 20000 });
  await accept.focus();
  await tab.keyboard.press('Enter');
  await tab.waitForSelector('button.escalate', { visible: true, timeout: 20000 });
  const escalate = await tab.$('button.escalate');
  assert.equal(await escalate.evaluate((b) => b.textContent), 'Escalate to Finaptic');

  await escalate.focus();
  await tab.keyboard.press('Enter');
  assert.equal(await activeLabel(tab), 'INPUT:Reason for the Finaptic specialist');
  assert.equal(await escalate.evaluate((b) => b.getAttribute('aria-expanded')), 'true');
  await tab.keyboard.press('Escape');   // closes the form, focus back on the button
  assert.equal(await activeLabel(tab), 'BUTTON:Escalate to Finaptic');
  assert.equal(await tab.$eval('form.escalate-form', (f) => f.hidden), true);

  await tab.keyboard.press('Enter');
  await tab.keyboard.type('Disputed card payment, needs a specialist');
  await tab.screenshot({ path: path.join(SHOTS, 'l1-escalate-form.png') });
  assert.deepEqual(await axeViolations(tab), []);
  await tab.keyboard.press('Enter');
  // Wait for either answer, so a failure reports what the console said rather than a bare timeout.
  await tab.waitForFunction(() => ['ok', 'error'].includes(document.querySelector('.escalate-status').dataset.state), { timeout: 20000 });
  assert.match(await tab.$eval('.escalate-status', (s) => s.textContent), /^Escalation sent/);
  assert.equal(await tab.$eval('.escalate-status', (s) => s.getAttribute('role')), 'status');
  await tab.screenshot({ path: path.join(SHOTS, 'l1-escalated.png') });

  const signals = (await dana.transcript()).filter((i) => i.ContentType === 'application/json');
  assert.equal(signals.length, 1, JSON.stringify(signals));
  assert.equal(signals[0].ParticipantRole, 'AGENT');
  assert.deepEqual(JSON.parse(signals[0].Content), { finaptic: { escalate: { reason: 'Disputed card payment, needs a specialist' } } });
});

test('L2 console: partner, reason and the redacted L1 transcript above the live chat', { skip, timeout: 60000 }, async () => {
  const { tab } = chromium;
  const t0 = Date.now() - 120000;
  const transcript = [
    { role: 'CUSTOMER', name: 'Dana', text: 'Someone charged my card 4111 1111 1111 1111 twice', time: new Date(t0).toISOString() },
    { role: 'SYSTEM', name: 'BOT', text: "I'll bring in a Finaptic banking specialist for this.", time: new Date(t0 + 20000).toISOString() },
    { role: 'AGENT', name: 'Alex (Acme support)', text: 'Passing you to our card disputes specialists.', time: new Date(t0 + 60000).toISOString() },
  ];
  const l2 = await customer('L2', { reason: 'Disputed card payment', transcript, l1ContactId: 'l1-contact-demo' });
  await cl.waitQueued(server.url, 'finaptic', l2.ids.contactId, 20000);

  await tab.goto(`${server.url}/agent/?instance=finaptic`, { waitUntil: 'load' });
  const accept = await tab.waitForSelector(`button.accept[data-contact="${l2.ids.contactId}"]`, { timeout: 20000 });
  assert.match(await tab.$eval('.contact .reason', (p) => p.textContent), /Disputed card payment/);
  await accept.focus();
  await tab.keyboard.press('Enter');
  await tab.waitForSelector('.l1-transcript li', { timeout: 20000 });
  const details = await tab.$eval('.chat:not([hidden]) .details', (d) => d.innerText);
  assert.match(details, /Escalated by Acme Bank/);
  assert.match(details, /Partner\s+Acme Bank/);
  assert.match(details, /L1 contact\s+l1-contact-demo/);
  assert.match(details, /Escalation reason\s+Disputed card payment/i);   // the tag is upper-cased by CSS
  assert.match(details, /my card \[CREDIT_DEBIT_NUMBER\] twice/);
  assert.doesNotMatch(details, /4111/);
  const rows = await tab.$$eval('.l1-transcript li .l1-who', (w) => w.map((x) => x.textContent));
  assert.deepEqual(rows, ['Dana', 'BOT', 'Alex (Acme support)']);
  // Above the live chat, and no escalate action on Finaptic's own console.
  assert.equal(await tab.$eval('.chat:not([hidden])', (c) =>
    c.querySelector('.details').compareDocumentPosition(c.querySelector('.chat-mount')) & Node.DOCUMENT_POSITION_FOLLOWING), 4);
  assert.equal(await tab.$('button.escalate'), null);
  await tab.screenshot({ path: path.join(SHOTS, 'l2-escalation-record.png') });
  assert.deepEqual(await axeViolations(tab), []);

  // The record is the accepting agent's: the page itself, without the token, is refused.
  const status = await tab.evaluate((id) => fetch(`/agent-api/contacts/${id}`).then((r) => r.status), l2.ids.contactId);
  assert.equal(status, 403);
});
