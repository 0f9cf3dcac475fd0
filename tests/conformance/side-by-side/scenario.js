// The side-by-side scenario (reference §11.3), written once and run against either client: chatjs
// in-process (chatjs-scenario.js) or our core through tests/side_by_side/core_scenario
// (core-scenario.js). Each run gets a fresh connect-local started with --record, so the server's
// record file holds exactly one customer's traffic plus the agent's, the fault knobs and the step
// marks (GET /__mark/<step>: an unknown path, answered 404 and recorded like any request).
//
// Steps (same order, same pauses, same event-driven waits for both clients):
//   tokenLifetimeMs 66000 -> StartChatContact (finaptic/finaptic-l2) -> connect, wait until subscribed
//   (the first ConnectionToken lives 66 s, so a refresh is due ~6 s in) -> agent accepts through the
//   agent API and joins -> "hello" (text/plain) -> "**bold**" (text/markdown) -> agent replies ->
//   typing twice within 10 s -> read receipt for the agent's reply -> fetch transcript ->
//   POST /test/close-sockets -> reconnect -> dropHeartbeats until one ping+heartbeat pair of the
//   client went unanswered (<= 10 s) -> the client notices at its next tick and swaps to a new
//   socket -> SendMessage through failOperation {SendMessage: 2} -> DisconnectParticipant -> chat.ended.
//
// A client adapter offers: start(url, chat), send(contentType, text), typing(), read(messageId),
// transcript(), disconnect(), close(), and `events`: [{ev, t, ...}] with ev one of 'item' ({id, type,
// contentType, role, content, own, sent}), 'lost', 'heartbeat-failure', 'ended', 'send-failed', 'error'.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const cl = require('../lib/connect-local');
const { load, CustomerView, grantOf } = require('./record');

const { TYPES, QUIET, sleep, waitFor } = cl;
const PAUSE = 1000;
const TEXTS = {
  hello: 'hello',
  bold: '**bold**',
  reply: 'Hi Dana, Sam here.',
  retried: 'sent through two 500s',
};

function parseArgs(argv) {
  const out = { outDir: path.resolve(__dirname, '../../../build/side-by-side') };
  for (let i = 2; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out.outDir = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (usage: --out DIR)`);
  }
  return out;
}

async function runScenario(client, label, { outDir }) {
  fs.mkdirSync(outDir, { recursive: true });
  const recordFile = path.join(outDir, `${label}.record.jsonl`);
  const eventsFile = path.join(outDir, `${label}.events.json`);
  fs.rmSync(recordFile, { force: true });
  const server = await cl.startConnectLocal({ args: ['--record', recordFile] });
  const url = server.url;
  const steps = [];
  let agent;
  let view = null;
  const record = () => { view = new CustomerView(load(recordFile)); return view; };
  const mark = async (step) => {
    await fetch(`${url}/__mark/${encodeURIComponent(step)}`).then((r) => r.text()).catch(() => {});
    const m = await waitFor(() => record().mark(step), { timeoutMs: 2000, what: `mark ${step} in the record` });
    return m.t;
  };
  const waitItem = (pred, what, timeoutMs = 10000) =>
    waitFor(() => client.events.find((e) => e.ev === 'item' && pred(e)), { timeoutMs, what: `${label}: ${what}` });
  const waitEvent = (ev, fromT, what, timeoutMs = 10000) =>
    waitFor(() => client.events.find((e) => e.ev === ev && e.t >= fromT), { timeoutMs, what: `${label}: ${what}` });
  const waitSubscribed = (sinceT, what, timeoutMs = 10000) =>
    waitFor(() => record().subscribedSocketAfter(sinceT), { timeoutMs, intervalMs: 50, what: `${label}: ${what}` });
  const ownSent = (text) => (e) => e.own && e.content === text && e.sent;

  const step = async (name, fn) => {
    const started = Date.now();
    try {
      await fn();
      steps.push({ name, ok: true, ms: Date.now() - started });
    } catch (e) {
      steps.push({ name, ok: false, ms: Date.now() - started, error: String(e && e.message || e) });
      throw e;
    }
  };

  let failure = null;
  try {
    await step('start', async () => {
      await cl.setFaults(url, { tokenLifetimeMs: 66000 });
      const chat = await cl.startChat(url, { displayName: 'Dana', instance: QUIET.instance, flow: QUIET.flow });
      client.chat = chat;
      const t = await mark('connect');
      await client.start(url, chat);
      await waitSubscribed(t, 'first subscribed websocket');
      await cl.setFaults(url, { tokenLifetimeMs: null });   // later connections get the normal day
    });
    await sleep(PAUSE);
    await step('agent-joins', async () => {
      await mark('agent-accept');
      agent = await cl.acceptAsAgent(url, { instance: QUIET.instance, contactId: client.chat.contactId, agentName: 'Sam' });
      await waitItem((e) => e.contentType === TYPES.joined && e.role === 'AGENT', 'agent joined');
    });
    await sleep(PAUSE);
    await step('send-hello', async () => {
      await mark('send-hello');
      client.send('text/plain', TEXTS.hello);
      await waitItem(ownSent(TEXTS.hello), 'hello sent');
    });
    await sleep(PAUSE / 2);
    await step('send-bold', async () => {
      await mark('send-bold');
      client.send('text/markdown', TEXTS.bold);
      await waitItem(ownSent(TEXTS.bold), '**bold** sent');
    });
    await sleep(PAUSE);
    let reply;
    await step('agent-reply', async () => {
      await mark('agent-reply');
      reply = await agent.send(TEXTS.reply);
      await waitItem((e) => e.id === reply.Id, 'agent reply received');
    });
    await sleep(PAUSE);
    await step('typing-twice', async () => {
      await mark('typing-1');
      client.typing();
      await sleep(2000);
      await mark('typing-2');
      client.typing();
    });
    await sleep(PAUSE);
    await step('read-receipt', async () => {
      await mark('read');
      client.read(reply.Id);
      await agent.waitItem((i) => i.Type === 'MESSAGEMETADATA' && i.MessageMetadata && i.MessageMetadata.MessageId === reply.Id &&
        (i.MessageMetadata.Receipts || []).some((r) => r.ReadTimestamp), 'read receipt at the agent', 10000);
    });
    await sleep(PAUSE);
    await step('transcript', async () => {
      await mark('transcript');
      await client.transcript();
    });
    await sleep(PAUSE);
    await step('server-closes-socket', async () => {
      const t = await mark('close-sockets');
      const since = Date.now();
      await cl.closeSockets(url, { contactId: client.chat.contactId, code: 1001 });
      await waitEvent('lost', since, 'connection lost');
      await waitSubscribed(t, 'reconnected and subscribed');
    });
    await sleep(PAUSE);
    await step('heartbeat-loss', async () => {
      // Heartbeats go unanswered until the client's next ping+heartbeat pair was dropped (<= 10 s): from
      // then on the failure at the following tick is certain (no later ack can clear a missing one),
      // and answering again at once means the replacement socket's first pair is answered, so both
      // clients see exactly one failure (a fixed 25 s window would race the swap's first ping).
      const t = await mark('heartbeat-loss');
      const since = Date.now();
      await cl.setFaults(url, { dropHeartbeats: true });
      try {
        const dropping = await mark('heartbeat-dropping');
        await waitFor(() => record().framesAfter(dropping, 'aws/ping').length && view.framesAfter(dropping, 'aws/heartbeat').length,
          { timeoutMs: 12000, intervalMs: 20, what: `${label}: a ping+heartbeat pair while heartbeats are dropped` });
      } finally {
        await cl.setFaults(url, { dropHeartbeats: false });
        await mark('heartbeat-restored');
      }
      await waitEvent('heartbeat-failure', since, 'heartbeat failure reported', 15000);
      await waitSubscribed(t, 'swapped to a new subscribed socket');
    });
    await sleep(PAUSE);
    await step('send-retried', async () => {
      await mark('send-retry');
      await cl.setFaults(url, { failOperation: { SendMessage: 2 }, failStatus: 500 });
      client.send('text/plain', TEXTS.retried);
      await waitItem(ownSent(TEXTS.retried), 'message sent through two 500s');
    });
    await sleep(PAUSE);
    await step('disconnect', async () => {
      const since = Date.now();
      await mark('disconnect');
      client.disconnect();
      await waitEvent('ended', since, 'chat ended');
    });
    await sleep(PAUSE);   // the client's socket close after chat.ended
    await mark('done');
  } catch (e) {
    failure = e;
  } finally {
    try { await cl.resetFaults(url); } catch { /* server gone */ }
    if (agent) agent.close();
    await client.close();
    await server.stop();
  }
  // The record must hold no credential: every token the conductor knows must be absent from it.
  if (fs.existsSync(recordFile)) {
    const text = fs.readFileSync(recordFile, 'utf8');
    const secrets = [client.chat && client.chat.participantToken, agent && agent.participantToken, agent && agent.connectionToken,
      agent && agent.connection && grantOf(agent.connection.Websocket && agent.connection.Websocket.Url),
      ...(client.knownTokens ? client.knownTokens() : [])].filter(Boolean);
    const leaked = secrets.filter((x) => text.includes(x)).length;
    steps.push({ name: 'record-redacted', ok: leaked === 0, error: leaked ? `${leaked} token value(s) found in ${recordFile}` : undefined });
  }
  fs.writeFileSync(eventsFile, JSON.stringify({ label, steps, events: client.events, failure: failure ? String(failure.message || failure) : null }, null, 1));
  console.log(`${label}: ${steps.filter((s) => s.ok).length}/${steps.length} steps ok${failure ? ` — FAILED: ${failure.message}` : ''}; record ${recordFile}`);
  return { ok: !failure, recordFile, eventsFile, view };
}

module.exports = { runScenario, parseArgs, TEXTS };
