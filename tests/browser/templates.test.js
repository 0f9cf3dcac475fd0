// Interactive templates end to end (issue 9; system.md §4): the Acme Bank page, the real wasm widget in
// headless Chromium (software WebGL2), connect-local running the banking-assistant Lex V2 bot
// (demo/connect-local/bots) through the acme-l1 flow. A customer, by keyboard only:
//   "what's my balance?" → a ListPicker of the page's own accounts ($API:ListAccounts, from the page's
//   dataProvider) → picks one → a Panel with its balance ($API:GetBalance(account={id})) → "Recent
//   transactions" → a ListPicker of $API:GetTransactions(account={id},limit=5); "open an account" →
//   a Carousel of products → a TimePicker of call slots → a QuickReply "anything else?"; "book a call" →
//   a TimePicker → a QuickReply Yes / No.
// Every template type is seen (screenshots in WIDGET_SHOTS, tpl-*.png), axe-core reports no WCAG 2.1
// A/AA violation with each one open, and a capture of EVERY request (URL and body) and websocket frame,
// on the page (CDP) and in connect-local (--record), proves that no account name, masked number,
// balance or transaction from the data provider left the page, while the mirror shows them.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const page = require('./lib/widget-page');
const { cl, openBrowser, DIST, skip, shot } = require('./lib/e2e');
const { axeClean } = require('./lib/axe');

const ROOT = path.resolve(__dirname, '../..');
const BOTS = path.join(ROOT, 'demo/connect-local/bots');

// What the Acme page's dataProvider knows (demo/site/acme-backend.js) and must never leave the page.
// Digits are matched as whole tokens (not inside ids, timestamps or UUID segments).
const SECRETS = [
  /Everyday Checking/, /High-Yield Savings/, /Acme Rewards Visa/,
  /(?<![\w-])4821(?![\w-])/, /(?<![\w-])7730(?![\w-])/, /(?<![\w-])1094(?![\w-])/,
  /3,?482\.19/, /12,?940\.55/, /642\.1/, /3,?582\.19/,
  /Northwind/, /Green Leaf Grocery/, /Transfer from Everyday/, /41\.37/, /39\.88/, /2,?650\.00/,
];

let server, chromium, recordFile, tmp;
const captured = [];   // page side: {what, url, body}

before(async () => {
  if (skip) return;
  assert.ok(fs.existsSync(path.join(DIST, 'finaptic-chat.wasm')), `no widget build in ${DIST}`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finchat-templates-'));
  recordFile = path.join(tmp, 'connect-local-record.jsonl');
  server = await cl.startConnectLocal({ args: ['--bots', BOTS, '--record', recordFile] });
  chromium = await openBrowser('finchat-templates-', { webgl: true, viewport: { width: 1280, height: 900 } });
  // Everything the page sends: each request's URL and body, each websocket frame (both ways).
  const cdp = await chromium.tab.target().createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    const entry = { what: `${e.request.method} request`, url: e.request.url, body: e.request.postData || '' };
    captured.push(entry);
    if (e.request.hasPostData && !e.request.postData) {
      entry.pending = cdp.send('Network.getRequestPostData', { requestId: e.requestId })
        .then((r) => { entry.body = r.postData; }, () => { entry.body = '(body not available)'; });
    }
  });
  cdp.on('Network.webSocketCreated', (e) => captured.push({ what: 'websocket', url: e.url, body: '' }));
  cdp.on('Network.webSocketFrameSent', (e) => captured.push({ what: 'frame sent', url: '', body: e.response.payloadData }));
  cdp.on('Network.webSocketFrameReceived', (e) => captured.push({ what: 'frame received', url: '', body: e.response.payloadData }));
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const active = (tab) => tab.evaluate(() => {
  const a = window.__fc.deepActive();
  if (!a) return {};
  const box = a.closest('[role=listbox], [role=group]');
  return { tag: a.tagName, role: a.getAttribute('role') || '', name: window.__fc.nameOf(a), group: box ? window.__fc.nameOf(box) : '' };
});

// Waits for a template's container (role listbox or group, named by the template's title) with
// something to pick, and returns its name and its controls' names.
function waitTemplate(tab, role, title, what) {
  return page.waitIn(tab, ([r, src]) => {
    const box = window.__fc.all(`[role=${r}]`).find((g) => new RegExp(src).test(window.__fc.nameOf(g)) &&
      [...g.children].some((c) => c.getAttribute('aria-disabled') !== 'true'));
    return box && { name: window.__fc.nameOf(box), controls: [...box.children].map((c) => window.__fc.nameOf(c)) };
  }, [role, title.source], { what, timeout: 20000 });
}

// Keyboard only: from the composer, Shift+Tab back into the newest template with `title`; in a
// listbox the arrows move to the option named like `option`, in a group Shift+Tab does; Enter picks.
async function pickByKeyboard(tab, title, option) {
  await tab.evaluate(() => window.__fc.composers()[0].focus());
  let a = {};
  for (let i = 0; i < 40 && !title.test(a.group || ''); i++) {
    await tab.keyboard.down('Shift');
    await tab.keyboard.press('Tab');
    await tab.keyboard.up('Shift');
    a = await active(tab);
  }
  assert.match(a.group || '', title, 'Shift+Tab reached the template');
  if (a.role === 'option') {
    await tab.keyboard.press('Home');
    for (let i = 0; i < 40 && !option.test((a = await active(tab)).name); i++) await tab.keyboard.press('ArrowDown');
  } else {
    for (let i = 0; i < 12 && !option.test(a.name) && title.test(a.group); i++) {
      await tab.keyboard.down('Shift');
      await tab.keyboard.press('Tab');
      await tab.keyboard.up('Shift');
      a = await active(tab);
    }
  }
  assert.match(a.name, option, `keyboard focus on the option (${JSON.stringify(a)})`);
  // The canvas draws its focus ring there: the mirror told C++ (fc_focus) — seen in the screenshot.
  await tab.keyboard.press('Enter');
  return a.name;
}

// The text of the widget's DOM a screen reader reads: the mirror and the control twins, with names.
const mirrorText = (tab) => tab.evaluate(() => window.__fc.all('.panel *').map((e) =>
  `${e.childElementCount ? '' : e.textContent} ${e.getAttribute('aria-label') || ''}`).join('\n'));

test('templates: balance by keyboard from the page\'s own data; every template type; nothing from the data provider leaves the page', { skip, timeout: 240000 }, async () => {
  const { tab } = chromium;
  await tab.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.tabTo(tab, /chat/);
  await tab.keyboard.press('Enter');
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && window.__fc.visible(c) && !c.disabled; }, null,
    { what: 'an enabled composer', timeout: 30000 });

  // 1. ListPicker of the page's accounts ($API:ListAccounts): real options, named by the page's data.
  await page.sendMessage(tab, "what's my balance?");
  const accounts = await waitTemplate(tab, 'listbox', /Which account would you like the balance of/, 'the accounts listbox');
  assert.equal(accounts.controls.length, 3, JSON.stringify(accounts));
  for (const [i, re] of [/Everyday Checking/, /High-Yield Savings/, /Acme Rewards Visa/].entries()) assert.match(accounts.controls[i], re);
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, 'tpl-01-listpicker-accounts');
  await axeClean(tab, 'ListPicker open');

  const picked = await pickByKeyboard(tab, /Which account would you like the balance of/, /High-Yield Savings/);
  assert.match(picked, /7730/);
  // The customer's bubble reads the title (from the local id → title map); the balance shows.
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /High-Yield Savings/.test(t) && /^You/.test(t)), null,
    { what: 'my pick shown by its title' });
  const panel = await waitTemplate(tab, 'group', /High-Yield Savings .*12,940\.55/, 'the balance panel');
  assert.deepEqual(panel.controls.map((c) => c.trim()), ['Recent transactions', "That's all, thanks"]);
  assert.match(await mirrorText(tab), /Available balance \$12,940\.55/);
  // The log's entry of the Panel reads what the canvas shows (its resolved title: the balance), not
  // the wire's fallback; no data-bound template's entry says its options can't be shown.
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /^Virtual assistant: .*12,940\.55/.test(t)), null,
    { what: "the balance panel's log entry reads the balance" });
  assert.deepEqual((await page.logEntries(tab)).filter((t) => /can't be shown here|\$API:/.test(t)), []);
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, 'tpl-02-panel-balance');
  await axeClean(tab, 'Panel open');

  // 2. Recent transactions: the Panel's button, the account again, a ListPicker of transactions.
  await pickByKeyboard(tab, /High-Yield Savings .*12,940\.55/, /Recent transactions/);
  await waitTemplate(tab, 'listbox', /Which account's transactions/, 'the accounts listbox again');
  await pickByKeyboard(tab, /Which account's transactions/, /Everyday Checking/);
  const tx = await waitTemplate(tab, 'listbox', /Your last five transactions/, 'the transactions listbox');
  assert.equal(tx.controls.length, 5);
  assert.match(tx.controls[0], /Northwind/);
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, 'tpl-03-listpicker-transactions');
  await axeClean(tab, 'transactions ListPicker open');

  // 3. Open an account: Carousel → TimePicker (future slots) → QuickReply.
  await page.sendMessage(tab, 'I want to open a new account');
  const carousel = await waitTemplate(tab, 'group', /Which account suits you/, 'the products carousel');
  assert.deepEqual(carousel.controls, ['Choose Everyday'], 'one card at a time');
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, 'tpl-04-carousel');
  await axeClean(tab, 'Carousel open');
  // The next card, by keyboard: its pager button ("Next card"), then the card's own button.
  await tab.evaluate(() => window.__fc.composers()[0].focus());
  for (let i = 0; i < 20 && !/^Next card$/.test((await active(tab)).name); i++) {
    await tab.keyboard.down('Shift');
    await tab.keyboard.press('Tab');
    await tab.keyboard.up('Shift');
  }
  assert.equal((await active(tab)).name, 'Next card');
  await tab.keyboard.press('Enter');
  await waitTemplate(tab, 'group', /Which account suits you/, 'the second card').then(async () =>
    page.waitIn(tab, () => window.__fc.buttons(/Choose Saver/).length === 1, null, { what: 'the Saver card' }));
  await pickByKeyboard(tab, /Which account suits you/, /Saver/);
  // The customer's bubble reads the option chosen; the official JSON went over the wire (checked below).
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /^You: Choose Saver\b/.test(t)), null,
    { what: 'the card pick shown by its option' });
  assert.deepEqual((await page.logEntries(tab)).filter((t) => /templateIdentifier|selectionText/.test(t)), []);
  const slots = await waitTemplate(tab, 'listbox', /When should a specialist call you/, 'the call slots');
  assert.ok(slots.controls.length >= 4, JSON.stringify(slots));
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, 'tpl-05-timepicker');
  await axeClean(tab, 'TimePicker open');
  await pickByKeyboard(tab, /When should a specialist call you/, /./);
  // The customer's bubble reads the picked time; the slot's ISO date went to the bot.
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /^You: .+ at \d/.test(t)), null,
    { what: 'the time pick shown as a time' });
  assert.deepEqual((await page.logEntries(tab)).filter((t) => /^You: \d{4}-\d\d-\d\dT/.test(t)), []);
  const anything = await waitTemplate(tab, 'group', /Anything else/, 'the quick reply');
  assert.equal(anything.controls.length, 2);
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, 'tpl-06-quickreply');
  await axeClean(tab, 'QuickReply open');
  // ("No, that's all" would be the Goodbye intent, and the flow ends the chat.)
  await pickByKeyboard(tab, /Anything else/, /Yes, something else/);
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /^You.*Yes, something else/.test(t)), null, { what: 'the quick reply sent' });

  // 4. Book a call: a TimePicker, then Yes / No.
  await page.sendMessage(tab, 'book a call with a specialist');
  await waitTemplate(tab, 'listbox', /When should a specialist call you\?/, 'the booking slots');
  await pickByKeyboard(tab, /When should a specialist call you\?/, /./);
  // The bot says the booked time as a time (connect-local's bot, as a fulfilment Lambda would).
  await waitTemplate(tab, 'group', /Booked: .* at \d\d:\d\d UTC\. Anything else/, 'the booking quick reply');
  await pickByKeyboard(tab, /Booked: .*Anything else/, /^No$/);
  // "No" is the Goodbye intent: the flow ends the chat at once. The reply is shown once, sent.
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /chat has ended/i.test(t)), null, { what: 'the chat ended' });
  await new Promise((r) => setTimeout(r, 500));
  await shot(tab, 'tpl-07-booked');
  const ownNo = (await page.logEntries(tab)).filter((t) => /^You: No\b/.test(t));
  assert.equal(ownNo.length, 1, JSON.stringify(ownNo));
  assert.doesNotMatch(ownNo[0], /not sent|failed/i);

  // What left the page: every request and frame, page side and connect-local side.
  await Promise.all(captured.map((c) => c.pending));
  const pageSide = captured.map((c) => `${c.what} ${c.url}\n${c.body}`);
  // Each record line without its own bookkeeping (`t`: ms since start, `socket`: a counter), whose
  // numbers could match a last-4 canary by chance.
  const serverSide = fs.readFileSync(recordFile, 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.stringify({ ...JSON.parse(l), t: undefined, socket: undefined }));
  // The capture works: the customer's pick went out as its opaque id, seen on both sides.
  assert.ok(pageSide.some((t) => /frame|request/.test(t) && t.includes('acc_PzrLxe')), 'the picked id in the page-side capture');
  assert.ok(serverSide.some((t) => t.includes('acc_PzrLxe')), 'the picked id in connect-local\'s record');
  assert.ok(pageSide.filter((t) => /^frame sent/.test(t)).length > 0 && serverSide.length > 20);
  // The card's reply went out exactly as the official widget sends it (JSON text), though shown as its option.
  assert.ok(pageSide.some((t) => /^POST request .*\/participant\/message/.test(t) && /\\"templateIdentifier\\":\\"Saver\\"/.test(t)),
    'the Carousel reply sent as the official JSON');
  for (const [side, lines] of [['page', pageSide], ['connect-local', serverSide]]) {
    for (const secret of SECRETS) {
      const hit = lines.find((l) => secret.test(l));
      assert.ok(!hit, `${side}: ${secret} left the page in:\n${hit && hit.slice(0, 600)}`);
    }
  }
  // And they did render: the mirror's controls carried the page's data while each template was on
  // screen (names read from the DOM above: the accounts, the balance panel, the transactions).
  const shown = [...accounts.controls, panel.name, ...tx.controls].join('\n');
  for (const re of [/Everyday Checking/, /High-Yield Savings/, /7730/, /12,940\.55/, /Northwind/]) assert.match(shown, re);
  assert.deepEqual(chromium.consoleLines.filter((l) => /^(error|pageerror)/.test(l)), []);
});

// connect-local's call slots (demo/connect-local/src/lex/local_bots.cpp upcomingCallSlots): 09, 11,
// 14 and 16 UTC on the first two weekdays after today (UTC).
function callSlots(now) {
  const DAY = 864e5;
  const out = [];
  for (let day = Math.floor(now / DAY) + 1; out.length < 8; day++) {
    if ((day + 4) % 7 === 0 || (day + 4) % 7 === 6) continue;
    for (const h of [9, 11, 14, 16]) out.push(day * DAY + h * 36e5);
  }
  return out;
}

test('TimePicker in German on Auckland time: slots grouped by the customer\'s local days, labelled by Intl', { skip, timeout: 90000 }, async () => {
  const tab = await chromium.browser.newPage();
  // UTC+13 in summer: 11:00Z is midnight, so the slots of one UTC day fall on two local days.
  const zone = 'Pacific/Auckland';
  await tab.emulateTimezone(zone);
  await tab.setViewport({ width: 1280, height: 900 });
  await tab.goto(`${server.url}/?locale=de`, { waitUntil: 'load' });
  await page.install(tab);
  await tab.evaluate(() => window.acmeChat.open());
  await page.waitIn(tab, () => { const c = window.__fc.all('textarea.composer')[0]; return c && !c.disabled && window.__fc.visible(c); }, null,
    { what: 'an enabled composer', timeout: 30000 });
  const composer = await tab.evaluateHandle(() => window.__fc.all('textarea.composer')[0]);
  await composer.asElement().focus();
  await tab.keyboard.type('book a call with a specialist');
  await tab.keyboard.press('Enter');
  // Page by page, one local day each: its slots as "<day>, <time>, 30 Min.", as Intl writes them for
  // that zone ("Heute" when it is today there).
  const want = await tab.evaluate((all, tz) => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    const today = day.format(Date.now());
    const time = new Intl.DateTimeFormat('de', { timeStyle: 'short', timeZone: tz });
    const pages = [];
    for (const t of all) {
      const d = day.format(t);
      const heading = d === today ? 'Heute' : new Intl.DateTimeFormat('de', d.slice(0, 4) === today.slice(0, 4)
        ? { weekday: 'short', month: 'short', day: 'numeric', timeZone: tz } : { month: 'short', day: 'numeric', year: 'numeric', timeZone: tz }).format(t);
      if (!pages.length || pages[pages.length - 1].d !== d) pages.push({ d, labels: [] });
      pages[pages.length - 1].labels.push(`${heading}, ${time.format(t)}, 30 Min.`.replace(/[\u2009\u202f]/g, '\u00a0'));
    }
    return pages.map((p) => p.labels);
  }, callSlots(Date.now()), zone);
  assert.ok(want.length >= 3, JSON.stringify(want));   // 2 UTC days of slots: 3 local days in Auckland
  const slots = await waitTemplate(tab, 'listbox', /When should a specialist call you\?/, 'the booking slots');
  assert.deepEqual(slots.controls, want[0], JSON.stringify(slots));
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, 'tpl-08-timepicker-de-auckland');
  // The next day: a German weekday heading ("Fr., 4. Dez.").
  await tab.evaluate(() => window.__fc.buttons(/^Nächster Tag$/).find((b) => window.__fc.visible(b)).click());
  const second = await page.waitIn(tab, (w) => {
    const box = window.__fc.all('[role=listbox]').find((g) => /When should a specialist call you/.test(window.__fc.nameOf(g)));
    const names = box ? [...box.children].map((c) => window.__fc.nameOf(c)) : [];
    return names[0] === w[0] ? names : null;
  }, want[1], { what: 'the second day of slots' });
  assert.deepEqual(second, want[1]);
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, 'tpl-09-timepicker-de-auckland-next');
  await axeClean(tab, 'TimePicker in German');
  await tab.close();
});
