// finaptic-chat/headless in Node against connect-local (--agent echo): the built SDK from
// FINCHAT_DIST_DIR, the `ws` package as its WebSocket, in-memory storage. The L1 chat is the demo
// bot; "I want to talk to a specialist" makes it send the in-band escalation signal, the core's
// Conversation asks the partner token provider for L2 (the Finaptic Support API through the demo
// partner backend), the echo agent answers there. Also: the declared API (web/types/headless.d.ts)
// and the documented one (web/README.md) are the real one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, DIST, missing, cl, WebSocket, importSdk, acmeTokenProvider, nextEvent, until } from './lib.mjs';

const skip = missing();
let server;
let sdk;
const open = [];

before(async () => {
  if (skip) return;
  server = await cl.startConnectLocal({ agent: 'echo' });
  sdk = await importSdk();
});

after(async () => {
  for (const c of open) c.destroy();
  if (server) await server.stop();
});

async function conversation(options) {
  const c = await sdk.createConversation({ WebSocket, storage: sdk.memoryStorage(), ...options });
  open.push(c);
  return c;
}

// Everything the conversation raised, in order, for assertions and failure messages.
function record(c) {
  const events = [];
  for (const name of sdk.EVENTS) c.on(name, (d) => events.push([name, d]));
  return events;
}
const texts = (c, level) => c.messages.filter((m) => m.type === 'message' && (!level || m.level === level)).map((m) => m.text);

// --- the declared and documented API is the real one ---------------------------------------------
function block(source, header) {
  const start = source.indexOf(header);
  assert.ok(start >= 0, `${header} not found`);
  let depth = 0;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(source.indexOf('{', start) + 1, i);
  }
  throw new Error(`${header}: unbalanced`);
}
const dts = fs.readFileSync(path.join(ROOT, 'web/types/headless.d.ts'), 'utf8');
const declaredMethods = [...block(dts, 'export interface Conversation {').matchAll(/^ {2}(\w+)(?:<[^>]*>)?\(/gm)].map((m) => m[1]);
const declaredProps = [...block(dts, 'export interface Conversation {').matchAll(/^ {2}readonly (\w+):/gm)].map((m) => m[1]);
const declaredEvents = [...block(dts, 'export interface ConversationEvents {').matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]);

test('the .d.ts declares what the SDK has, and web/README.md documents the same methods and events', { skip }, async () => {
  assert.ok(declaredMethods.length >= 15 && declaredProps.length >= 8 && declaredEvents.length >= 14, 'the parse found the declarations');
  for (const name of ['createConversation', 'memoryStorage', 'EVENTS', 'VERSION']) {
    assert.match(dts, new RegExp(`export (function|const) ${name}\\b`));
    assert.ok(sdk[name] !== undefined && sdk.default[name] === sdk[name], `export ${name}`);
  }
  assert.deepEqual([...sdk.EVENTS].sort(), [...declaredEvents].sort(), 'EVENTS = ConversationEvents keys');
  const c = await conversation({ tokenProvider: async () => { throw new Error('not used'); }, storageKey: '' });
  for (const m of declaredMethods) assert.equal(typeof c[m], 'function', `method ${m}`);
  const proto = Object.getPrototypeOf(c);
  const own = Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, n).value === 'function');
  assert.deepEqual(own.filter((n) => !n.startsWith('_')).sort(), [...declaredMethods].sort(), 'no undeclared public methods');
  for (const p of declaredProps) assert.notEqual(c[p], undefined, `property ${p}`);
  assert.equal(c.state, 'idle');
  assert.equal(c.connectionState, 'idle');
  assert.deepEqual(c.messages, []);
  assert.throws(() => c.on('nope', () => {}), /unknown event/);
  assert.throws(() => c.answerPii('maybe'), TypeError);
  await assert.rejects(sdk.createConversation({}), /tokenProvider/);
  await assert.rejects(sdk.createConversation({ tokenProvider: () => ({}), piiPolicy: 'sometimes' }), /piiPolicy/);

  // package.json exports finaptic-chat/headless: its module is what web/build.mjs writes, its types this file.
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'web/package.json'), 'utf8'));
  const entry = pkg.exports['./headless'];
  assert.equal(entry.types, './types/headless.d.ts');
  assert.ok(fs.existsSync(path.join(ROOT, 'web', entry.types)));
  assert.match(entry.default, /^\.\/dist\/finaptic-chat-headless\.js$/);
  assert.ok(fs.existsSync(path.join(DIST, path.basename(entry.default))), 'the build writes the exported module');

  const readme = fs.readFileSync(path.join(ROOT, 'web/README.md'), 'utf8');
  const guide = readme.slice(readme.indexOf('## Headless SDK'));
  const listed = (label) => {
    const line = guide.split('\n').find((l) => l.startsWith(label));
    assert.ok(line, `README "${label}" line`);
    return [...line.matchAll(/`(\w+)/g)].map((m) => m[1]);
  };
  assert.deepEqual(listed('Methods:').sort(), [...declaredMethods].sort(), 'README methods = .d.ts methods');
  assert.deepEqual(listed('Events:').sort(), [...declaredEvents].sort(), 'README events = .d.ts events');
  c.destroy();
  assert.throws(() => c.send('x'), /destroyed/);
});

test('a per-type piiPolicy is honoured: NAME asks first, the card is masked, the address goes as typed; unknown types are refused', { skip, timeout: 30000 }, async () => {
  const tokenProvider = acmeTokenProvider(server.url);
  await assert.rejects(sdk.createConversation({ tokenProvider, WebSocket, piiPolicy: { NAMES: 'ask' } }), /piiPolicy/);
  await assert.rejects(sdk.createConversation({ tokenProvider, WebSocket, piiPolicy: { NAME: 'hide' } }), /piiPolicy/);
  const c = await conversation({ tokenProvider, storageKey: '', piiPolicy: { NAME: 'ask', ADDRESS: 'send' } });
  const events = record(c);
  await c.start();

  // CREDIT_DEBIT_NUMBER keeps its default (mask); ADDRESS is sent as typed.
  const masked = nextEvent(c, 'piiMasked');
  const card = c.send('card 4111 1111 1111 1111, new address 42 Baker Street, London NW1 6XE');
  // The PII detector (finaptic-chat-pii.wasm) is read at start() under this policy: 'queued' while
  // it is still on its way (the message then goes as soon as it is here), 'sent' once it is.
  assert.ok(['sent', 'queued'].includes(card.outcome), JSON.stringify(card));
  assert.equal((await masked).types, 'CREDIT_DEBIT_NUMBER');
  const own = () => c.messages.filter((m) => m.own && m.type === 'message').map((m) => m.text);
  assert.ok(own().includes('card \u2022\u2022\u2022\u2022 1111, new address 42 Baker Street, London NW1 6XE'), JSON.stringify(own()));

  // NAME asks first; the customer's answer decides.
  const asked = nextEvent(c, 'piiQuestion');
  const name = c.send('my name is Dana Whitfield');
  assert.equal(name.outcome, 'piiQuestion', JSON.stringify(name));
  const question = await asked;
  assert.equal(question.types, 'NAME');
  assert.equal(question.text, 'my name is Dana Whitfield', 'the message asked about, for the partner to put back on cancel');
  assert.ok(!own().some((t) => /Dana/.test(t)), 'nothing is sent before the answer');
  c.answerPii('asTyped');
  await until(() => own().includes('my name is Dana Whitfield'), `the name sent as typed after the answer\n${JSON.stringify(events).slice(0, 2000)}`);

  // Without a cue, two known names in a row are a name only with the name table (pii-names.bin, which
  // the SDK read next to itself when the chat started: this policy asks about NAME).
  const known = nextEvent(c, 'piiQuestion');
  assert.equal(c.send('Kevin Jackson from your fraud team called me').outcome, 'piiQuestion');
  assert.equal((await known).types, 'NAME');
  // The customer takes the name out and sends the edit (the .d.ts send()): the question is withdrawn,
  // so no later answer can send the name.
  assert.equal(c.send('someone from your fraud team called me').outcome, 'sent');
  assert.equal(c.state.piiQuestion, undefined, JSON.stringify(c.state));
  await until(() => own().includes('someone from your fraud team called me'), 'the edit is sent');
  c.answerPii('asTyped');
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!own().some((t) => /Kevin/.test(t)), `the withdrawn message never leaves\n${JSON.stringify(own())}`);
  c.end();
});

test('files: sendAttachment refuses what Connect would, uploads with events, cancel stops one; the file arrives with its size and downloads', { skip, timeout: 60000 }, async () => {
  const c = await conversation({ tokenProvider: acmeTokenProvider(server.url), storageKey: '' });
  const events = record(c);
  const context = () => `\nevents: ${events.map(([n, d]) => `${n} ${JSON.stringify(d).slice(0, 200)}`).join('\n')}`;
  await c.start();

  // Refused before anything is sent: Connect's types and size, an empty file; not a file at all.
  assert.deepEqual(await c.sendAttachment({ name: 'setup.exe', data: new Uint8Array([77, 90]) }), { refused: 'typeNotAllowed' });
  assert.deepEqual(await c.sendAttachment({ name: 'big.pdf', type: 'application/pdf', data: new Uint8Array((20 << 20) + 1) }), { refused: 'tooLarge' });
  assert.deepEqual(await c.sendAttachment(new Blob([], { type: 'text/plain' })), { refused: 'empty' });
  await assert.rejects(c.sendAttachment('statement.pdf'), TypeError);
  assert.deepEqual(c.uploads, []);

  // A Blob (File in browsers): the upload's stages as events, then 'done' and the message with the file.
  const bytes = new TextEncoder().encode('date,amount\n2025-05-01,-42.10\n'.repeat(200));
  const done = new Promise((resolve) => c.on('upload', (u) => { if (u.stage === 'done') resolve(u); }));
  const sent = await c.sendAttachment(new File([bytes], 'statement.csv', { type: 'text/csv' }));
  assert.match(sent.id || '', /^upload-\d+$/, JSON.stringify(sent));
  assert.equal(c.uploads.length, 1);
  assert.equal(c.uploads[0].name, 'statement.csv');
  assert.equal(c.uploads[0].size, bytes.length);
  assert.equal((await done).id, sent.id);
  const stages = events.filter(([n, d]) => n === 'upload' && d.id === sent.id).map(([, d]) => d.stage);
  for (const stage of ['starting', 'uploading', 'completing', 'done']) assert.ok(stages.includes(stage), `${stage} in ${stages}${context()}`);
  const last = events.filter(([n, d]) => n === 'upload' && d.id === sent.id && d.stage === 'completing').pop()[1];
  assert.equal(last.percent, 100);
  assert.equal(last.sent, bytes.length);
  assert.deepEqual(c.uploads, []);
  const file = await until(() => c.messages.flatMap((m) => (m.own ? m.attachments : [])).find((f) => f.name === 'statement.csv'), 'the file in the timeline');
  assert.equal(file.contentType, 'text/csv');
  assert.equal(file.status, 'approved');
  await until(() => c.messages.flatMap((m) => m.attachments).find((f) => f.name === 'statement.csv' && f.size === bytes.length),
    `its size on the message${context()}`);
  const link = await file.link();
  assert.match(link.url, /^http:\/\/127\.0\.0\.1:\d+\//);
  assert.equal(link.size, bytes.length);
  assert.deepEqual(await file.download(), bytes, 'the bytes sent come back through the signed URL');
  await assert.rejects(c.attachmentLink('no-such-attachment'));

  // Cancelled while it starts: nothing reaches the chat; a second cancel, retry or remove does nothing.
  const before = c.messages.filter((m) => m.type === 'attachment').length;
  const second = await c.sendAttachment({ name: 'notes.txt', type: 'text/plain', data: new TextEncoder().encode('cancel me') });
  assert.ok(second.id);
  assert.equal(c.cancelAttachment(second.id), true);
  assert.deepEqual(c.uploads, []);
  assert.equal(c.cancelAttachment(second.id), false);
  assert.equal(c.retryAttachment(second.id), false);
  assert.equal(c.removeAttachment(second.id), false);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(c.messages.filter((m) => m.type === 'attachment').length, before, 'the cancelled file never arrives');
  c.end();
});

test('a failing token provider: start() rejects, the state says so, retry() starts the chat', { skip, timeout: 30000 }, async () => {
  let down = true;
  const acme = acmeTokenProvider(server.url);
  const c = await conversation({ tokenProvider: (r) => (down ? Promise.reject(new Error('backend down')) : acme(r)) });
  await assert.rejects(c.start());
  assert.equal(c.state, 'startFailed');
  down = false;
  await c.start();
  assert.equal(c.connectionState, 'live');
  assert.equal(c.level, 'L1');
  c.end();
  await until(() => c.state === 'ended', 'the ended state');
});

test('L1 bot → "specialist" → L2 echo agent in one timeline; a message typed right after arrives once; reload continues on L2; end', { skip, timeout: 90000 }, async () => {
  const storage = sdk.memoryStorage();
  const calls = [];
  const tokenProvider = acmeTokenProvider(server.url, { calls });
  const c = await conversation({ tokenProvider, storage, storageKey: 'test:handoff', displayName: 'Dana' });
  const events = record(c);
  const context = () => `\nevents: ${events.map(([n, d]) => `${n} ${JSON.stringify(d).slice(0, 160)}`).join('\n')}\nconnect-local:\n${server.output().slice(-2000)}`;

  await c.start();
  assert.equal(c.level, 'L1');
  assert.deepEqual(calls.map((r) => r.level), ['L1']);
  await until(() => c.messages.some((m) => !m.own && m.type === 'message'), 'the bot greeting');   // role system, as Connect's bots

  // The customer asks for a specialist; the bot's reply carries the escalation signal.
  const started = nextEvent(c, 'handoffStarted');
  const succeeded = nextEvent(c, 'handoffSucceeded', () => true, 30000);
  // The first message of the process may wait for the PII detector (read on demand): 'queued', then sent.
  const sent = c.send('I want to talk to a specialist about a card dispute');
  assert.ok(['sent', 'queued'].includes(sent.outcome), JSON.stringify(sent));
  assert.match(sent.id, sent.outcome === 'sent' ? /^0\// : /^queued-/);
  await started;
  // Typed while the handoff runs: queued (or sent to L1 before it began), delivered exactly once.
  const during = c.send('right after the request');
  assert.ok(['queued', 'sent'].includes(during.outcome), JSON.stringify(during));
  const done = await succeeded.catch((e) => assert.fail(`${e.message}${context()}`));
  assert.deepEqual(done, { segment: 1, level: 'L2' });
  assert.equal(c.level, 'L2');
  assert.equal(c.handoffState, 'done');
  assert.equal(calls.length, 2);
  assert.equal(calls[1].level, 'L2');
  assert.ok(Array.isArray(calls[1].transcript) && calls[1].transcript.length > 0, 'the L1 transcript went with the escalation');
  assert.ok(calls[1].transcript.some((l) => /specialist/.test(l.text)), 'it holds the customer\'s request');

  await until(() => texts(c, 'L2').includes('echo: right after the request'), `the echo of the message typed during the handoff${context()}`, 20000);
  c.send('hello specialist');
  await until(() => texts(c, 'L2').includes('echo: hello specialist'), 'echo: hello specialist', 20000);
  const all = c.messages;
  assert.equal(all.filter((m) => m.text === 'right after the request').length, 1, 'typed during the handoff: exactly once');
  assert.equal(all.filter((m) => m.text === 'echo: right after the request').length, 1);
  // One timeline: L1 rows first, then L2; the segment of each row named.
  const segments = all.map((m) => m.segment);
  assert.deepEqual(segments, [...segments].sort((a, b) => a - b), 'L1 above L2');
  assert.ok(all.some((m) => m.level === 'L1' && m.role === 'system' && m.type === 'message'), 'the L1 history (the bot) stays');
  assert.ok(events.some(([n, d]) => n === 'participantJoined' && d.level === 'L2'), `a participant joined L2${context()}`);
  assert.ok(events.some(([n, d]) => n === 'message' && d.level === 'L2' && d.role === 'agent'));
  assert.ok(events.some(([n, d]) => n === 'connectionState' && d.state === 'live' && d.level === 'L2'));
  const own = all.find((m) => m.text === 'hello specialist');
  assert.ok(own.own && own.messageId && ['sent', 'delivered', 'read'].includes(own.delivery), JSON.stringify(own));
  assert.ok(events.some(([n, d]) => n === 'messageUpdated' && d.own), 'delivery states reported');
  const echo = all.find((m) => m.text === 'echo: hello specialist');
  c.markRead(echo.id);
  c.sendTyping();
  assert.equal(typeof c.loadOlder(), 'boolean');
  assert.ok(!events.some(([n]) => n === 'error'), `no errors${context()}`);

  // A reload: a new SDK object over the same storage continues on L2 with the L1 history, no token.
  c.destroy();
  const again = await conversation({ tokenProvider, storage, storageKey: 'test:handoff' });
  const againEvents = record(again);
  assert.equal(again.resume(), true);
  assert.equal(again.level, 'L2');
  assert.ok(texts(again, 'L1').some((t) => /specialist/.test(t)), 'the L1 history after the reload');
  await again.start();
  assert.equal(calls.length, 2, 'no new token for a resumed conversation');
  await until(() => againEvents.filter(([n]) => n === 'state').at(-1)?.[1].connection === 'live', 'a state event saying live after the resume');
  again.send('after the reload');
  await until(() => texts(again, 'L2').includes('echo: after the reload'), 'echo: after the reload', 20000);

  const ended = nextEvent(again, 'ended', () => true, 20000);
  again.end();
  await ended;
  assert.equal(again.state, 'ended');
});

test('handoff failure: the partner backend fails L2 → handoffFailed, still on L1, nothing lost; retryHandoff() reaches L2', { skip, timeout: 60000 }, async () => {
  let l2Down = true;
  const c = await conversation({ tokenProvider: acmeTokenProvider(server.url, { failL2: () => l2Down }), storageKey: 'test:fail' });
  await c.start();
  const failed = nextEvent(c, 'handoffFailed');
  c.escalate({ reason: 'Customer asked from the help page' });
  const typed = c.send('typed while it fails');
  const f = await failed;
  assert.equal(typeof f.code, 'string');
  assert.equal(c.handoffState, 'failed');
  assert.equal(c.level, 'L1');
  assert.equal(c.connectionState, 'live');
  await until(() => c.messages.some((m) => m.text === 'typed while it fails' && m.level === 'L1' && m.messageId), 'the message delivered to L1', 20000);
  assert.ok(['queued', 'sent'].includes(typed.outcome));
  assert.equal(c.messages.filter((m) => m.text === 'typed while it fails').length, 1);

  l2Down = false;
  const ok = nextEvent(c, 'handoffSucceeded', () => true, 30000);
  c.retryHandoff();
  await ok;
  assert.equal(c.level, 'L2');
  c.send('now on L2');
  await until(() => texts(c, 'L2').includes('echo: now on L2'), 'echo on L2', 20000);
  c.end();
});

// Issue 9: templates arrive as typed objects resolved from the page's dataProvider, with reply() and
// retry(); nothing the dataProvider returned leaves the page. Every websocket frame and request body
// (the SDK's and the token provider's) is captured, and the storage too.
test('templates: the balance flow through the dataProvider; reply() sends only the opaque id; no provider data in any frame, request or stored value', { skip, timeout: 90000 }, async () => {
  const canaries = ['Everyday Checking', 'Vacation Fund', '4821', '7730', '3,482.19', 'CANARY-Qx9'];
  const frames = [];
  const bodies = [];
  class CapturingWebSocket extends WebSocket {
    send(data, ...rest) {
      frames.push(String(data));
      return super.send(data, ...rest);
    }
  }
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url, init = {}) => {
    const body = ArrayBuffer.isView(init.body) ? new TextDecoder().decode(init.body) : String(init.body ?? '');   // the core sends bytes
    bodies.push(`${url}\n${JSON.stringify(init.headers || {})}\n${body}`);
    return realFetch(url, init);
  };
  const values = new Map();
  const storage = { getItem: (k) => (values.has(k) ? values.get(k) : null), setItem: (k, v) => values.set(k, String(v)), removeItem: (k) => values.delete(k) };
  const dataCalls = [];
  let accountsDown = true;
  let quiet = null;
  const dataProvider = {
    async ListAccounts(args) {
      dataCalls.push(['ListAccounts', args]);
      if (accountsDown) throw new Error('api.acme.example 503 for Everyday Checking');
      return [{ id: 'acc_Q7xw', title: 'Everyday Checking', subtitle: '\u2022\u2022\u2022\u2022 4821' },
        { id: 'acc_Z2mk', title: 'Vacation Fund', subtitle: '\u2022\u2022\u2022\u2022 7730', imageData: 'https://acme.example/piggy.png', imageDescription: 'CANARY-Qx9 piggy bank' }];
    },
    async GetBalance(args) {
      dataCalls.push(['GetBalance', args]);
      return '$3,482.19 available';
    },
  };
  try {
    // The demo's banking-assistant Lex bot (connect-local without the echo agent) asks which account
    // with a ListPicker of $API:ListAccounts, then shows $API:GetBalance(account={id}).
    quiet = await cl.startConnectLocal({ agent: 'none' });
    const tokenProvider = acmeTokenProvider(quiet.url);
    const c = await conversation({ tokenProvider, dataProvider, storage, storageKey: 'test:tpl', WebSocket: CapturingWebSocket });
    const events = record(c);
    await c.start();

    // Which account: the list comes from the page, which fails first.
    const failed = nextEvent(c, 'template', (d) => d.template.state === 'failed', 20000);
    c.send("what's my balance?");
    const f = await failed;
    assert.equal(f.template.retryable, true, JSON.stringify(f));
    assert.match(f.template.fallbackText, /account/i);
    assert.equal(typeof f.template.retry, 'function');
    accountsDown = false;
    const ready = nextEvent(c, 'template', (d) => d.id === f.id && d.template.state === 'ready', 20000);
    f.template.retry();
    const list = (await ready).template;
    assert.equal(list.type, 'ListPicker');
    assert.match(list.title, /account/i);
    assert.deepEqual(list.elements.map((e) => [e.title, e.subtitle, e.kind, e.selected]),
      [['Everyday Checking', '\u2022\u2022\u2022\u2022 4821', 'option', false], ['Vacation Fund', '\u2022\u2022\u2022\u2022 7730', 'option', false]]);
    assert.deepEqual(list.elements[1].image, { url: 'https://acme.example/piggy.png', alt: 'CANARY-Qx9 piggy bank' });
    assert.deepEqual(list.elements[0].path, [0]);
    assert.equal(list.answered, false);
    // The same template in `messages`, with the same methods.
    const row = c.messages.find((m) => m.id === f.id);
    assert.equal(row.template.state, 'ready');
    assert.equal(typeof row.template.reply, 'function');
    assert.throws(() => row.template.reply('first'), TypeError);
    assert.throws(() => row.template.reply([0, 1]), TypeError);   // not a Carousel

    const sent = list.reply(list.elements[0]);
    assert.equal(sent.outcome, 'sent', JSON.stringify(sent));
    // On the wire: the opaque id; on the page: the title.
    const own = await until(() => c.messages.find((m) => m.own && m.text === 'acc_Q7xw'), 'the own reply');
    assert.equal(own.localTitle, 'Everyday Checking');
    const answered = await until(() => c.messages.find((m) => m.id === f.id && m.template.answered), 'the list answered');
    assert.deepEqual(answered.template.picked, { card: -1, element: 0, slot: -1 });
    assert.equal(answered.template.elements[0].selected, true);
    const again = answered.template.reply(1);
    assert.equal(again.outcome, 'refused');
    assert.equal(again.error.code, 'invalidValue');

    // The balance: the next template, filled by GetBalance(account={id}), {id} = the picked account.
    const balance = await until(() => c.messages.find((m) => m.template && m.template.state === 'ready' && JSON.stringify(m.template).includes('3,482.19')),
      `the balance panel (data calls: ${JSON.stringify(dataCalls)})`, 20000);
    assert.deepEqual(dataCalls.find(([n]) => n === 'GetBalance'), ['GetBalance', { account: 'acc_Q7xw' }]);
    assert.ok(events.some(([n, d]) => n === 'template' && d.id === balance.id), 'a template event for the balance');

    // A reload: the own reply still reads the title; the picked option is still marked.
    c.destroy();
    const reloaded = await conversation({ tokenProvider, dataProvider, storage, storageKey: 'test:tpl', WebSocket: CapturingWebSocket });
    assert.equal(reloaded.resume(), true);
    await reloaded.start();
    const ownAgain = await until(() => reloaded.messages.find((m) => m.own && m.text === 'acc_Q7xw'), 'the own reply after the reload');
    assert.equal(ownAgain.localTitle, 'Everyday Checking');
    const listAgain = await until(() => reloaded.messages.find((m) => m.id === f.id && m.template.state === 'ready'), 'the list after the reload');
    assert.equal(listAgain.template.answered, true);
    assert.equal(listAgain.template.elements[0].selected, true);
    assert.equal(listAgain.template.elements[0].title, 'Everyday Checking');

    // Nothing the dataProvider returned left the page: not in a frame, a request (the SDK's or the
    // token provider's), a stored value (but the local titles), or an event other than the page's
    // own message/template views.
    assert.ok(frames.length > 0 && bodies.some((b) => b.includes('acc_Q7xw')), 'the capture saw the reply go out');
    const storedOutside = [...values].filter(([k]) => k !== 'test:tpl.picked').map(([k, v]) => `${k}=${v}`);
    assert.match(values.get('test:tpl.picked') || '', /Everyday Checking/, 'the titles are kept locally');
    const otherEvents = events.filter(([n]) => !['message', 'messageUpdated', 'template'].includes(n)).map(([n, d]) => `${n} ${JSON.stringify(d)}`);
    for (const canary of canaries) {
      for (const [what, list] of [['frame', frames], ['request', bodies], ['storage', storedOutside], ['event', otherEvents]]) {
        const hit = list.find((s) => s.includes(canary));
        assert.equal(hit, undefined, `"${canary}" left the page in a ${what}: ${hit}`);
      }
    }
    reloaded.end();
  } finally {
    globalThis.fetch = realFetch;
    if (quiet) await quiet.stop();
  }
});
