// The headless SDK demo (/headless.html: Acme's own plain-DOM chat, built only on
// finaptic-chat/headless) in headless Chromium against connect-local (--agent echo, --csp: every file
// under the strict Content-Security-Policy). Bot → "Talk to a specialist" → the echo agent on L2 in the
// same list, below the L1 messages; a reload continues on L2 with the L1 history. Screenshots go to
// HEADLESS_SHOTS (default build/native/artifacts/headless) for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, DIST, missing, cl } from './lib.mjs';

const require = createRequire(path.join(ROOT, 'tests/conformance/package.json'));
const { chromiumMissing, openBrowser } = require('./lib/browser');
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
