// The headless SDK demo (/headless.html: Acme's own plain-DOM chat, built only on
// finaptic-chat/headless) in headless Chromium against connect-local (--agent echo, --csp: every file
// under the strict Content-Security-Policy). Bot → "Talk to a specialist" → the echo agent on L2 in the
// same list, below the L1 messages; a reload continues on L2 with the L1 history. With the demo bots:
// the page draws the templates in plain DOM (keyboard, reply(), TimePicker days in the customer's zone)
// and axe-core finds no WCAG 2.1 A/AA violation. Screenshots go to
// HEADLESS_SHOTS (default build/native/artifacts/headless) for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, DIST, missing, cl } from './lib.mjs';

const require = createRequire(path.join(ROOT, 'tests/conformance/package.json'));
const { chromiumMissing, openBrowser } = require('./lib/browser');
const { axeClean } = createRequire(import.meta.url)('../browser/lib/axe.js');
const SHOTS = process.env.HEADLESS_SHOTS || path.join(ROOT, 'build/native/artifacts/headless');

const skip = [missing(), chromiumMissing()].filter(Boolean).join('; ') || false;
let server;
let chromium;

before(async () => {
  if (skip) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await cl.startConnectLocal({ agent: 'echo', args: ['--widget', DIST, '--csp'] });
  chromium = await openBrowser('finchat-headless-', { viewport: { width: 1100, height: 900 } });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
});

test('/headless.html: the SDK in Chromium under a strict CSP: bot, specialist (L2) in the same list, reload, end', { skip, timeout: 120000 }, async () => {
  const { tab, consoleLines, network } = chromium;
  const context = async () => {
    const page = await tab.evaluate(() => ({
      log: [...document.querySelectorAll('#hchat-log > li')].map((li) => `${li.dataset.level || ''} ${li.className}: ${li.textContent}`),
      who: document.getElementById('hchat-who').textContent,
      status: window.acmeHeadless ? window.acmeHeadless.status : null,
      alert: document.getElementById('hchat-alert').textContent,
    })).catch((e) => ({ evaluateError: e.message }));
    return `\npage: ${JSON.stringify(page, null, 1)}\nconsole:\n${consoleLines.join('\n')}\nnetwork:\n${network.slice(-30).join('\n')}\nconnect-local:\n${server.output().slice(-3000)}`;
  };
  const waitPage = async (fn, arg, what, timeout = 30000) => {
    try {
      await tab.waitForFunction(fn, { timeout, polling: 50 }, arg);
    } catch {
      assert.fail(`timed out waiting for ${what}${await context()}`);
    }
  };
  const logTexts = () => tab.evaluate(() => [...document.querySelectorAll('#hchat-log > li')].map((li) => ({
    level: li.dataset.level || '', cls: li.className, text: li.textContent })));

  const response = await tab.goto(`${server.url}/headless.html`, { waitUntil: 'load' });
  assert.match(response.headers()['content-security-policy'] || '', /script-src 'self' 'wasm-unsafe-eval'/);
  await waitPage(() => window.acmeHeadless !== undefined || document.getElementById('hchat-alert').textContent, undefined, 'the SDK');
  assert.equal(await tab.evaluate(() => document.getElementById('hchat-alert').textContent), '', await context());
  await tab.screenshot({ path: path.join(SHOTS, '01-before-start.png') });

  await tab.click('#hchat-start');
  await waitPage(() => [...document.querySelectorAll('#hchat-log .hchat-msg')].length > 0, undefined, 'the bot greeting');
  await tab.type('#hchat-input', 'What can you do?');
  await tab.keyboard.press('Enter');
  await waitPage(() => /What can you do\?/.test(document.getElementById('hchat-log').textContent), undefined, 'own message in the list');

  await tab.click('#hchat-escalate');
  await waitPage(() => document.getElementById('hchat-who').dataset.level === 'L2', undefined, 'the specialist (L2)');
  await tab.type('#hchat-input', 'hello specialist');
  await tab.keyboard.press('Enter');
  await waitPage(() => /echo: hello specialist/.test(document.getElementById('hchat-log').textContent), undefined, '"echo: hello specialist"');
  await tab.screenshot({ path: path.join(SHOTS, '02-specialist.png') });

  const rows = await logTexts();
  const firstL2 = rows.findIndex((r) => r.level === 'L2');
  assert.ok(firstL2 > 0, `L1 rows above L2${await context()}`);
  assert.ok(rows.slice(0, firstL2).some((r) => /What can you do\?/.test(r.text)), 'the L1 conversation stays above');
  assert.ok(rows.some((r) => r.cls === 'hchat-divider'), 'the handoff divider');
  assert.equal(rows.filter((r) => /^YouWhat can you do\?/.test(r.text)).length, 1);
  assert.equal(await tab.evaluate(() => document.getElementById('hchat-who').textContent), 'Finaptic banking specialist');

  // Reload: the page's SDK resumes the L2 chat from sessionStorage, with the L1 history.
  await tab.reload({ waitUntil: 'load' });
  await waitPage(() => /echo: hello specialist/.test(document.getElementById('hchat-log').textContent), undefined, 'the history after the reload');
  await waitPage(() => window.acmeHeadless && window.acmeHeadless.connectionState === 'live', undefined, 'live again after the reload');
  // The page draws from the `state` event only: it must have said "live" too.
  await waitPage(() => document.getElementById('hchat-status').textContent === '', undefined, 'no "Connecting…" once live');
  const after = await logTexts();
  assert.ok(after.some((r) => r.level === 'L1' && /What can you do\?/.test(r.text)), `L1 history after the reload${await context()}`);
  await tab.type('#hchat-input', 'after reload');
  await tab.keyboard.press('Enter');
  await waitPage(() => /echo: after reload/.test(document.getElementById('hchat-log').textContent), undefined, '"echo: after reload"');
  await tab.screenshot({ path: path.join(SHOTS, '03-after-reload.png') });

  await tab.click('#hchat-end');
  await waitPage(() => window.acmeHeadless.state === 'ended', undefined, 'the ended state');
  await waitPage(() => !document.getElementById('hchat-start-box').hidden, undefined, 'the "Start a new chat" button');
  await tab.screenshot({ path: path.join(SHOTS, '04-ended.png') });

  const bad = consoleLines.filter((l) => /^(error|pageerror)/.test(l) || /Content.Security.Policy|Refused to/i.test(l));
  assert.deepEqual(bad, [], `console errors or CSP violations${await context()}`);
});

test('/headless.html draws templates in plain DOM: options by keyboard (reply), TimePicker days in the customer\'s zone, strict CSP', { skip, timeout: 120000 }, async () => {
  // The banking assistant's templates need the demo bots (and the page's dataProvider).
  const bots = await cl.startConnectLocal({ args: ['--widget', DIST, '--csp', '--bots', path.join(ROOT, 'demo/connect-local/bots')] });
  const tab = await chromium.browser.newPage();
  const lines = [];
  tab.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  tab.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  try {
    await tab.emulateTimezone('Pacific/Auckland');
    await tab.setViewport({ width: 1100, height: 1000 });
    await tab.goto(`${bots.url}/headless.html`, { waitUntil: 'load' });
    await tab.waitForFunction(() => window.acmeHeadless !== undefined, { timeout: 30000 });
    await tab.click('#hchat-start');
    await tab.waitForFunction(() => window.acmeHeadless.state === 'inChat' && !document.getElementById('hchat-form').hidden, { timeout: 30000 });
    const say = async (text) => {
      await tab.focus('#hchat-input');
      await tab.keyboard.type(text);
      await tab.keyboard.press('Enter');
    };
    const options = (title) => tab.evaluate((t) => {
      const box = [...document.querySelectorAll('.hchat-tpl')].find((b) => b.textContent.includes(t));
      return box ? [...box.querySelectorAll('button, a')].map((b) => ({ name: b.getAttribute('aria-label') || b.textContent, disabled: b.disabled,
        pressed: b.getAttribute('aria-pressed') })) : null;
    }, title);

    // ListPicker from the page's own data ($API:ListAccounts): real buttons; Tab to one, Enter picks it.
    await say("what's my balance?");
    await tab.waitForFunction(() => /Which account would you like the balance of/.test(document.getElementById('hchat-log').textContent) &&
      document.querySelectorAll('.hchat-tpl-listpicker button').length >= 3, { timeout: 30000 });
    const accounts = await options('Which account would you like the balance of');
    assert.deepEqual(accounts.map((a) => /Everyday Checking|High-Yield Savings|Acme Rewards Visa/.test(a.name)), [true, true, true], JSON.stringify(accounts));
    await tab.screenshot({ path: path.join(SHOTS, '05-template-listpicker.png') });
    await tab.focus('#hchat-input');
    let focused = '';
    for (let i = 0; i < 12 && !/High-Yield Savings/.test(focused); i++) {
      await tab.keyboard.down('Shift');
      await tab.keyboard.press('Tab');
      await tab.keyboard.up('Shift');
      focused = await tab.evaluate(() => document.activeElement.textContent);
    }
    assert.match(focused, /High-Yield Savings/);
    await tab.keyboard.press('Enter');
    // The reply reads the option (localTitle, not the opaque id); the list is answered: disabled, the pick pressed.
    await tab.waitForFunction(() => [...document.querySelectorAll('.hchat-msg.own')].some((li) => /High-Yield Savings/.test(li.textContent)), { timeout: 30000 });
    const answered = await options('Which account would you like the balance of');
    assert.ok(answered.every((a) => a.disabled) && answered.filter((a) => a.pressed === 'true').length === 1, JSON.stringify(answered));
    await tab.waitForFunction(() => document.querySelectorAll('.hchat-tpl-panel').length > 0, { timeout: 30000 });

    // TimePicker: days in the customer's zone (Auckland: 11:00Z is midnight, a UTC day's slots fall on two days).
    await say('book a call with a specialist');
    await tab.waitForFunction(() => document.querySelectorAll('.hchat-tpl-timepicker button').length >= 4, { timeout: 30000 });
    const days = await tab.evaluate(() => [...document.querySelectorAll('.hchat-tpl-timepicker .hchat-day')].map((d) => ({
      day: d.querySelector('.hchat-day-name').textContent, slots: [...d.querySelectorAll('button')].map((b) => b.textContent) })));
    const want = await tab.evaluate(() => {
      const slots = window.acmeHeadless.messages.map((m) => m.template).filter((t) => t && t.type === 'TimePicker').pop().slots;
      const day = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'Pacific/Auckland' });
      const time = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'Pacific/Auckland' });
      const out = [];
      for (const s of slots) {
        const d = day.format(new Date(s.start));
        if (!out.length || out[out.length - 1].day !== d) out.push({ day: d, slots: [] });
        out[out.length - 1].slots.push(time.format(new Date(s.start)));
      }
      return out;
    });
    assert.deepEqual(days, want);
    assert.ok(days.length >= 3, JSON.stringify(days));   // 8 slots on 2 UTC days: 3 local days in Auckland
    await tab.screenshot({ path: path.join(SHOTS, '06-template-timepicker.png') });
    await axeClean(tab, 'the demo with its ListPicker, Panel and TimePicker');
    // Pick one by mouse; the bot answers with a QuickReply.
    await tab.evaluate(() => document.querySelector('.hchat-tpl-timepicker button').click());
    await tab.waitForFunction(() => document.querySelectorAll('.hchat-tpl-quickreply button').length >= 2, { timeout: 30000 });
    await tab.screenshot({ path: path.join(SHOTS, '07-template-quickreply.png') });

    // Carousel: every card with its own button; the pick reads the option (selectionText), not the JSON sent.
    await say('I want to open a new account');
    await tab.waitForFunction(() => document.querySelectorAll('.hchat-tpl-carousel .hchat-card').length >= 2, { timeout: 30000 });
    const cards = await tab.evaluate(() => [...document.querySelectorAll('.hchat-tpl-carousel .hchat-card')].map((c) => c.textContent));
    assert.ok(cards.some((c) => /Saver/.test(c)), JSON.stringify(cards));
    await tab.screenshot({ path: path.join(SHOTS, '08-template-carousel.png') });
    await axeClean(tab, 'the demo with a Carousel');
    await tab.evaluate(() => [...document.querySelectorAll('.hchat-tpl-carousel button')].find((b) => /Choose Saver/.test(b.textContent)).click());
    await tab.waitForFunction(() => [...document.querySelectorAll('.hchat-msg.own')].some((li) => /Choose Saver/.test(li.textContent)), { timeout: 30000 });
    assert.ok(!(await tab.evaluate(() => /templateIdentifier|selectionText/.test(document.getElementById('hchat-log').textContent))));
    const bad = lines.filter((l) => /^(error|pageerror)/.test(l) || /Content.Security.Policy|Refused to/i.test(l));
    assert.deepEqual(bad, []);
  } finally {
    await tab.close();
    await bots.stop();
  }
});

// The PII detector (finaptic-chat-pii.wasm + pii-names.bin) is loaded on demand, as in the widget
// (tests/browser/pii-module.test.js): not when the conversation starts under the default policy; the
// first send() is queued until it is here and then goes out masked; a failed load keeps the message
// queued with an `error` event (code "pii") and the next send() loads it and delivers both.
test('/headless.html: the PII detector is fetched on demand, the first message waits for it; a failed load loses nothing', { skip, timeout: 120000 }, async () => {
  const CARD = '4111 1111 1111 1111';
  const open = async (failDetector) => {
    const tab = await chromium.browser.newPage();
    const requests = [];
    const control = { failDetector };
    await tab.setRequestInterception(true);
    tab.on('request', (r) => {
      const m = /\/(finaptic-chat-pii\.wasm|pii-names\.bin)$/.exec(new URL(r.url()).pathname);
      if (m) requests.push(m[1]);
      if (m && m[1] === 'finaptic-chat-pii.wasm' && control.failDetector) r.respond({ status: 503, contentType: 'text/plain', body: 'no' });
      else r.continue();
    });
    await tab.goto(`${server.url}/headless.html`, { waitUntil: 'load' });
    await tab.waitForFunction(() => window.acmeHeadless !== undefined, { timeout: 30000 });
    await tab.evaluate(() => {
      window.__errors = [];
      window.acmeHeadless.on('error', (e) => window.__errors.push(e));
    });
    await tab.click('#hchat-start');
    await tab.waitForFunction(() => window.acmeHeadless.connectionState === 'live', { timeout: 30000 });
    return { tab, requests, control };
  };
  const own = (tab) => tab.evaluate(() => window.acmeHeadless.messages.filter((m) => m.own && m.type === 'message').map((m) => m.text));

  {
    const { tab, requests } = await open(false);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(requests, [], 'nothing fetched when the conversation starts (default policy)');
    const r = await tab.evaluate((card) => window.acmeHeadless.send(`my card is ${card}`), CARD);
    assert.equal(r.outcome, 'queued', `the first message waits for the detector: ${JSON.stringify(r)}`);
    await tab.waitForFunction(() => window.acmeHeadless.messages.some((m) => m.own && m.delivery !== 'pending' && /my card is/.test(m.text)), { timeout: 30000 });
    assert.deepEqual(await own(tab), ['my card is \u2022\u2022\u2022\u2022 1111']);
    assert.deepEqual(requests.sort(), ['finaptic-chat-pii.wasm', 'pii-names.bin']);
    // Loaded: the next message is sent at once, masked.
    const second = await tab.evaluate(() => window.acmeHeadless.send('routing number 021000021'));
    assert.equal(second.outcome, 'sent', JSON.stringify(second));
    assert.equal(requests.length, 2, 'not fetched again');
    assert.deepEqual(await tab.evaluate(() => window.__errors), []);
    await tab.close();
  }
  {
    const { tab, requests, control } = await open(true);
    const r = await tab.evaluate((card) => window.acmeHeadless.send(`card ${card} please`), CARD);
    assert.equal(r.outcome, 'queued');
    await tab.waitForFunction(() => window.__errors.length > 0, { timeout: 30000 });
    const [error] = await tab.evaluate(() => window.__errors);
    assert.equal(error.code, 'pii');
    assert.match(error.message, /finaptic-chat-pii\.wasm: HTTP 503/);
    await new Promise((r2) => setTimeout(r2, 1000));
    assert.equal((await tab.evaluate(() => window.acmeHeadless.queued)).length, 1, 'still queued, not lost');
    assert.ok(!(await tab.evaluate(() => window.acmeHeadless.messages.some((m) => m.own && m.delivery !== 'pending' && /card/.test(m.text)))),
      'nothing sent without the guard');
    control.failDetector = false;
    assert.equal((await tab.evaluate(() => window.acmeHeadless.send('second message'))).outcome, 'queued');
    await tab.waitForFunction(() => window.acmeHeadless.messages.filter((m) => m.own && m.delivery !== 'pending').length >= 2, { timeout: 30000 });
    assert.deepEqual(await own(tab), ['card \u2022\u2022\u2022\u2022 1111 please', 'second message']);
    assert.equal(requests.filter((x) => x === 'finaptic-chat-pii.wasm').length, 2, 'failed once, loaded once');
    await tab.close();
  }
});
