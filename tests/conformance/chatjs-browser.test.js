// Conformance in a real browser: Debian's headless Chromium (driven by puppeteer-core, which downloads
// nothing) loads the unmodified amazon-connect-chatjs bundle from a page on another origin than
// connect-local, so every participant call and StartChatContact is a CORS request (reference §11.2).
// connect-local runs with `--agent echo`: the echo agent accepts queued chats and answers `echo: <text>`.
'use strict';
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const cl = require('./lib/connect-local');

const { chromiumMissing, openBrowser } = require('./lib/browser');

// Static files for the page: index.html, the recorders, the scenario and the chatjs bundle.
const FILES = {
  '/': [path.join(__dirname, 'browser/index.html'), 'text/html; charset=utf-8'],
  '/record-websocket.js': [path.join(__dirname, 'browser/record-websocket.js'), 'text/javascript'],
  '/scenario.js': [path.join(__dirname, 'browser/scenario.js'), 'text/javascript'],
  '/amazon-connect-chat.js': [require.resolve('amazon-connect-chatjs'), 'text/javascript'],
};
function servePage() {
  const srv = http.createServer((req, res) => {
    const f = FILES[new URL(req.url, 'http://x').pathname];
    if (!f) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': f[1], 'cache-control': 'no-store' });
    fs.createReadStream(f[0]).pipe(res);
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}

let server;
let page;
let chromium;
const skip = chromiumMissing();

before(async () => {
  if (skip) return;
  server = await cl.startConnectLocal({ agent: 'echo' });
  page = await servePage();
});
after(async () => {
  if (chromium) await chromium.close();
  if (page) await new Promise((r) => page.close(r));
  if (server) await server.stop();
});

describe('chatjs 5.0.0 in headless Chromium against connect-local (cross-origin)', () => {
  test('start, connect, plain + markdown, echo agent replies, typing, attachment, transcript, disconnect, ended', { skip, timeout: 60000 }, async () => {
    chromium = await openBrowser('chatjs-conformance-');
    const { tab, consoleLines, network } = chromium;

    const pageOrigin = `http://127.0.0.1:${page.address().port}`;
    assert.notEqual(pageOrigin, server.url, 'the page and connect-local are different origins');
    await tab.goto(`${pageOrigin}/?emu=${encodeURIComponent(server.url)}`);
    await tab.waitForFunction('window.__done === true', { timeout: 45000 }).catch(() => {});
    const state = await tab.evaluate(() => ({ done: window.__done, error: window.__error, results: window.__results, log: document.getElementById('log').textContent }));
    const context = () => `\npage log:\n${state.log}\nconsole:\n${consoleLines.join('\n')}\nnetwork:\n${network.join('\n')}`;
    assert.equal(state.done, true, `scenario did not finish${context()}`);
    assert.equal(state.error, undefined, `scenario failed: ${state.error}${context()}`);

    const R = state.results;
    if (process.env.CONFORMANCE_VERBOSE) console.log(JSON.stringify({ R, consoleLines, network }, null, 1));
    assert.match(R.websocketUrl, /^ws:\/\/127\.0\.0\.1:\d+\//);
    assert.deepEqual(R.established.slice(0, 2).sort(), ['connect', 'socket']);
    assert.equal(R.broken, 0, 'no onConnectionBroken');
    assert.equal(R.plainReply, 'echo: hello from Chromium');
    assert.equal(R.markdownEcho.ContentType, 'text/markdown');
    assert.equal(R.markdownEcho.Content, '**bold** and _italic_');
    assert.equal(R.markdownReply, 'echo: **bold** and _italic_');
    const agentMsgs = R.messages.filter((m) => m.Type === 'MESSAGE' && m.ParticipantRole === 'AGENT');
    assert.ok(agentMsgs.every((m) => m.InitialContactId === R.contactId && m.ContactId), 'items carry InitialContactId and ContactId');

    const contents = R.transcript.map((i) => i.Content);
    for (const c of ['hello from Chromium', 'echo: hello from Chromium', '**bold** and _italic_', 'echo: **bold** and _italic_']) {
      assert.ok(contents.includes(c), `transcript has ${JSON.stringify(c)}: ${JSON.stringify(contents)}`);
    }
    assert.ok(R.transcript.some((i) => i.ParticipantRole === 'AGENT' && i.Type === 'EVENT'), 'agent participant.joined in the transcript');
    assert.ok(!R.transcript.some((i) => i.ContentType === 'application/vnd.amazonaws.connect.event.typing'));

    assert.equal(R.attachment.AttachmentName, 'note.txt');
    assert.equal(R.attachment.Status, 'APPROVED');
    assert.equal(R.downloaded, 'browser attachment\n');
    assert.ok(network.some((l) => new RegExp(`^OPTIONS ${server.url}/attachments/\\S+ -> 20[04]$`).test(l)), `preflight for the upload PUT${context()}`);
    assert.ok(network.some((l) => new RegExp(`^PUT ${server.url}/attachments/\\S+ -> 200$`).test(l)), `upload PUT${context()}`);
    assert.ok(network.some((l) => new RegExp(`^GET ${server.url}/attachments/\\S+ -> 200$`).test(l)), `download GET${context()}`);

    assert.deepEqual(R.endSequence, ['participant.left', 'chat.ended']);
    assert.equal(R.ended, 1);
    // Cross-origin with X-Amz-Bearer/JSON: Chromium preflights each participant route and StartChatContact.
    for (const route of ['/contact/chat', '/participant/connection', '/participant/message', '/participant/event', '/participant/transcript', '/participant/disconnect']) {
      assert.ok(network.some((l) => new RegExp(`^OPTIONS ${server.url}${route} -> 20[04]$`).test(l)), `preflight for ${route}${context()}`);
    }
    assert.ok(!consoleLines.some((l) => /CORS|Access-Control|error/i.test(l)), `no errors in the console${context()}`);
    // Chromium reports net::ERR_ABORTED for a response whose body the page never reads (chatjs ignores
    // the body of the upload PUT); that is no failure when the same request got its answer.
    const failed = network.filter((l) => l.startsWith('FAILED') && !(/ net::ERR_ABORTED$/.test(l) &&
      network.some((r) => /-> 2\d\d$/.test(r) && r.startsWith(l.slice('FAILED '.length).replace(/ net::ERR_ABORTED$/, ' -> ')))));
    assert.deepEqual(failed, [], `no failed requests${context()}`);
  });
});
