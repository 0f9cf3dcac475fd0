// Conformance: the official amazon-connect-chatjs@5.0.0, unchanged, against connect-local in Node.
// Protocol reference: shared/reference/connect-chat-protocol.md (§3, §4, §6, §10, §11.1).
//
// One connect-local per file (no scripted agent); tests run one after another and each starts its own
// chat on the quiet `finaptic`/`finaptic-l2` flow (one greeting, then queued), so an agent joins only
// when a test accepts the contact through the agent API. Faults are reset after every test.
//
// chatjs is observed through its callbacks and, where callbacks say nothing (retries, token refresh,
// ClientTokens, heartbeats), through recorders around fetch and the WebSocket class (lib/chatjs-node.js).
'use strict';
const { describe, test, before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const cl = require('./lib/connect-local');
const { configure, RecordedSession, describeError, connectError, http, sockets } = require('./lib/chatjs-node');

const { TYPES, QUIET, BOT } = cl;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let server;
const sessions = [];
const agents = [];

async function customer({ sdk = false, displayName = 'Dana', ...opts } = {}) {
  const chat = sdk ? await cl.startChatSdk(server.url, { displayName, ...opts }) : await cl.startChat(server.url, { displayName, ...opts });
  const s = new RecordedSession(chat);
  sessions.push(s);
  return s;
}
async function liveCustomer(opts) {
  const s = await customer(opts);
  await s.connectLive();
  return s;
}
async function agentFor(s, agentName = 'Sam') {
  const a = await cl.acceptAsAgent(server.url, { instance: QUIET.instance, contactId: s.chat.contactId, agentName });
  agents.push(a);
  await s.waitMessage((m) => m.ContentType === TYPES.joined && m.ParticipantRole === 'AGENT');
  return a;
}
const isEnded = (s) => s.eventsNamed('onEnded').length > 0;

before(async () => {
  server = await cl.startConnectLocal({ agent: 'none' });
  configure(server.url, { receiptThrottleMs: 300 });
});

afterEach(async () => {
  await cl.resetFaults(server.url);
  for (const a of agents.splice(0)) a.close();
  for (const s of sessions.splice(0)) {
    if (!isEnded(s)) {
      await s.session.disconnectParticipant().catch(() => {});
      await s.waitEvent('onEnded', undefined, 3000).catch(() => {});
    }
  }
});

after(async () => {
  if (server) {
    const r = await server.stop();
    if (process.env.CONFORMANCE_SERVER_LOG) console.log(server.output());
    assert.ok(r.signal === 'SIGTERM' || r.code === 0 || r.code === 143, `connect-local exit: ${JSON.stringify(r)}`);
  }
  // chatjs keeps process-wide intervals (network poll, heartbeats of dead sessions) alive (§11.1).
  setTimeout(() => process.exit(), 500).unref();
});

describe('chatjs 5.0.0 in Node against connect-local', () => {
  test('connect: StartChatContact (AWS SDK), CreateParticipantConnection, websocket subscribe and heartbeats', async () => {
    const s = await customer({ sdk: true });
    assert.ok(s.chat.contactId && s.chat.participantId && s.chat.participantToken, 'StartChatContact returned ids and token');
    await s.session.connect();
    await s.waitSubscribed();
    const est = await cl.waitFor(() => s.eventsNamed('onConnectionEstablished').length >= 2 && s.eventsNamed('onConnectionEstablished'),
      { what: 'two onConnectionEstablished callbacks' });
    assert.equal(est.filter((e) => e.data === undefined).length, 1, 'one onConnectionEstablished from connect() (data undefined)');
    assert.equal(est.filter((e) => e.data && typeof e.data === 'object').length, 1, 'one onConnectionEstablished from the socket (data {})');

    const [cpc] = s.requests('connection');
    assert.equal(cpc.status, 200);
    assert.deepEqual(cpc.body, { Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] });
    const { Websocket, ConnectionCredentials } = cpc.response;
    assert.match(Websocket.Url, /^ws:\/\/127\.0\.0\.1:\d+\//, 'websocket URL passes chatjs\'s ^ws://127.0.0.1: check');
    assert.ok(Date.parse(Websocket.ConnectionExpiry) > Date.now(), `ConnectionExpiry in the future: ${Websocket.ConnectionExpiry}`);
    const expiry = Date.parse(ConnectionCredentials.Expiry);
    assert.ok(expiry - Date.now() > 60000 && expiry - Date.now() < 24 * 86400000, `Expiry 60 s..24 d ahead: ${ConnectionCredentials.Expiry}`);
    assert.ok(ConnectionCredentials.ConnectionToken);

    const sock = s.sockets()[0];
    assert.equal(new URL(sock.url).port, String(server.port));
    const frames = () => sock.frames.filter((f) => f.dir === 'in').map((f) => f.frame);
    const ack = frames().find((f) => f.topic === 'aws/subscribe');
    assert.deepEqual(ack.content, { status: 'success', topics: ['aws/chat'] });
    // chatjs sends aws/ping + aws/heartbeat right after open (§4.2); both must be acknowledged.
    await cl.waitFor(() => frames().some((f) => f.topic === 'aws/ping') && frames().some((f) => f.topic === 'aws/heartbeat'),
      { what: 'aws/ping and aws/heartbeat acks' });
    const ping = frames().find((f) => f.topic === 'aws/ping');
    assert.equal(ping.statusCode, 200);
    assert.equal(ping.statusContent, 'OK');
    assert.equal(s.eventsNamed('onConnectionBroken').length, 0);
  });

  test('messages: text/plain and text/markdown come back through onMessage with server ids', async () => {
    const s = await liveCustomer();
    for (const [contentType, message] of [['text/plain', 'hello from chatjs'],
      ['text/markdown', '**Bold**, _italic_ and a [link](https://example.com)\n\n- one\n- two']]) {
      const r = await s.session.sendMessage({ contentType, message });
      assert.ok(r.data.Id, 'SendMessage returns Id');
      assert.match(r.data.AbsoluteTime, ISO_MS);
      const echo = await s.waitMessage((m) => m.Id === r.data.Id);
      assert.equal(echo.Type, 'MESSAGE');
      assert.equal(echo.ContentType, contentType);
      assert.equal(echo.Content, message);
      assert.equal(echo.ParticipantRole, 'CUSTOMER');
      assert.equal(echo.ParticipantId, s.chat.participantId);
      assert.equal(echo.DisplayName, 'Dana');
      assert.equal(echo.InitialContactId, s.chat.contactId);
      assert.equal(echo.ContactId, s.chat.contactId);
      assert.equal(echo.AbsoluteTime, r.data.AbsoluteTime);
    }
    const sent = s.requests('message');
    assert.equal(sent.length, 2);
    for (const r of sent) assert.deepEqual(Object.keys(r.body).sort(), ['ClientToken', 'Content', 'ContentType']);
  });

  test('bot flow (acme/acme-l1): greeting in the transcript, bot answers arrive through onMessage', async () => {
    const s = await liveCustomer({ instance: BOT.instance, flow: BOT.flow });
    const t = await s.session.getTranscript({ maxResults: 15, scanDirection: 'BACKWARD', sortOrder: 'ASCENDING' });
    const items = t.data.Transcript;
    assert.equal(items[0].ContentType, TYPES.joined, 'the transcript starts with the customer joining');
    assert.ok(items.some((i) => i.Type === 'MESSAGE' && i.ParticipantRole === 'SYSTEM'), 'flow greeting is a SYSTEM message');
    await s.session.sendMessage({ contentType: 'text/plain', message: 'what is my balance?' });
    const reply = await s.waitMessage((m) => m.Type === 'MESSAGE' && m.ParticipantRole === 'SYSTEM');
    assert.equal(reply.ContentType, 'application/vnd.amazonaws.connect.message.interactive');
    const tpl = JSON.parse(reply.Content);
    assert.equal(tpl.version, '1.0');
    assert.ok(tpl.templateType && tpl.data && tpl.data.content && tpl.data.content.title, `interactive envelope: ${reply.Content}`);
  });

  test('agent joins and replies; the agent sees the customer\'s messages', async () => {
    const s = await liveCustomer();
    const agent = await agentFor(s);
    const joined = s.messages().find((m) => m.ContentType === TYPES.joined && m.ParticipantRole === 'AGENT');
    assert.equal(joined.ParticipantId, agent.participantId);
    assert.equal(joined.DisplayName, 'Sam');
    assert.equal(joined.Type, 'EVENT');

    const hi = await agent.send('Hi Dana, Sam here.');
    const got = await s.waitMessage((m) => m.Id === hi.Id);
    assert.equal(got.Content, 'Hi Dana, Sam here.');
    assert.equal(got.ParticipantRole, 'AGENT');
    assert.equal(got.DisplayName, 'Sam');
    assert.equal(got.ParticipantId, agent.participantId);

    const r = await s.session.sendMessage({ contentType: 'text/plain', message: 'thanks Sam' });
    const seen = await agent.waitItem((i) => i.Id === r.data.Id, 'customer message at the agent');
    assert.equal(seen.Content, 'thanks Sam');
    assert.equal(seen.ParticipantRole, 'CUSTOMER');
  });

  test('typing in both directions (onTyping)', async () => {
    const s = await liveCustomer();
    const agent = await agentFor(s);
    await s.session.sendEvent({ contentType: TYPES.typing });
    const atAgent = await agent.waitItem((i) => i.ContentType === TYPES.typing && i.ParticipantId === s.chat.participantId, 'customer typing');
    assert.equal(atAgent.Type, 'EVENT');
    assert.equal(atAgent.ParticipantRole, 'CUSTOMER');
    const [req] = s.requests('event');
    assert.equal(req.status, 200);
    assert.equal(req.body.Content, undefined, 'chatjs sends typing without Content');

    await agent.typing();
    const typing = await s.waitEvent('onTyping', (d) => d.ParticipantId === agent.participantId);
    assert.equal(typing.data.ParticipantRole, 'AGENT');
    assert.equal(typing.data.ContentType, TYPES.typing);

    const t = await s.session.getTranscript({ maxResults: 100 });
    assert.ok(!t.data.Transcript.some((i) => i.ContentType === TYPES.typing), 'typing events are not stored in the transcript');
  });

  test('delivered and read receipts: onDeliveredReceipt/onReadReceipt, and chatjs receipts reach the agent', async () => {
    const s = await liveCustomer();
    const agent = await agentFor(s);
    const mine = await s.session.sendMessage({ contentType: 'text/plain', message: 'did you get this?' });
    await agent.waitItem((i) => i.Id === mine.data.Id, 'customer message');

    await agent.receipt('delivered', mine.data.Id);
    const d = (await s.waitEvent('onDeliveredReceipt', (x) => x.MessageMetadata && x.MessageMetadata.MessageId === mine.data.Id)).data;
    assert.equal(d.Type, 'MESSAGEMETADATA');
    assert.equal(d.ContentType, TYPES.metadata);
    assert.equal(d.MessageMetadata.Receipts[0].RecipientParticipantId, agent.participantId);
    assert.match(d.MessageMetadata.Receipts[0].DeliveredTimestamp, ISO_MS);

    await agent.receipt('read', mine.data.Id);
    const r = (await s.waitEvent('onReadReceipt', (x) => x.MessageMetadata && x.MessageMetadata.MessageId === mine.data.Id)).data;
    assert.equal(r.MessageMetadata.Receipts[0].RecipientParticipantId, agent.participantId);
    assert.match(r.MessageMetadata.Receipts[0].ReadTimestamp, ISO_MS);

    // The customer acknowledges two agent messages through chatjs (throttle set to 300 ms). chatjs sends
    // the constant ClientToken "INCOMING_READ_RECEIPT"/"INCOMING_DELIVERED_RECEIPT" (§3.1 quirk): the
    // server must not treat those as idempotent repeats.
    const a1 = await agent.send('first answer');
    const a2 = await agent.send('second answer');
    await s.waitMessage((m) => m.Id === a2.Id);
    await s.session.sendEvent({ contentType: TYPES.read, content: JSON.stringify({ messageId: a1.Id }) });
    const md1 = await agent.waitItem((i) => i.Type === 'MESSAGEMETADATA' && i.MessageMetadata.MessageId === a1.Id, 'read receipt for a1');
    assert.equal(md1.MessageMetadata.Receipts[0].RecipientParticipantId, s.chat.participantId);
    assert.match(md1.MessageMetadata.Receipts[0].ReadTimestamp, ISO_MS);
    await s.session.sendEvent({ contentType: TYPES.read, content: JSON.stringify({ messageId: a2.Id }) });
    const md2 = await agent.waitItem((i) => i.Type === 'MESSAGEMETADATA' && i.MessageMetadata.MessageId === a2.Id, 'read receipt for a2');
    assert.ok(md2.Id !== md1.Id);
    const receipts = s.requests('event').filter((x) => x.body.ContentType === TYPES.read);
    assert.equal(receipts.length, 2);
    assert.ok(receipts.every((x) => x.status === 200 && x.body.ClientToken === receipts[0].body.ClientToken),
      `both receipt SendEvents answered 200 with the same ClientToken: ${JSON.stringify(receipts.map((x) => [x.status, x.body.ClientToken]))}`);
    // chatjs suppresses receipts addressed to itself.
    assert.ok(!s.eventsNamed('onReadReceipt').some((e) => e.data.MessageMetadata.MessageId === a1.Id));

    // Receipts are kept on the message items of the transcript (§3.4).
    const t = await s.session.getTranscript({ maxResults: 100 });
    const stored = t.data.Transcript.find((i) => i.Id === mine.data.Id);
    const rec = stored.MessageMetadata && (stored.MessageMetadata.Receipts || []).find((x) => x.RecipientParticipantId === agent.participantId);
    assert.ok(rec && rec.ReadTimestamp && rec.DeliveredTimestamp, `transcript item carries the agent's receipt: ${JSON.stringify(stored)}`);
    assert.ok(!t.data.Transcript.some((i) => i.Type === 'MESSAGEMETADATA'), 'metadata items are not transcript items');
  });

  test('getTranscript: paging BACKWARD and FORWARD with NextToken over 26 messages', async () => {
    const s = await liveCustomer();
    const agent = await agentFor(s);
    const ids = [];
    for (let i = 0; i < 26; i++) {
      if (i % 2 === 0) ids.push((await s.session.sendMessage({ contentType: 'text/plain', message: `message number ${i}` })).data.Id);
      else ids.push((await agent.send(`answer number ${i}`)).Id);
    }
    await agent.typing();
    await s.waitMessage((m) => m.Id === ids[25]);

    const get = async (args) => (await s.session.getTranscript(args)).data;
    const full = await get({ maxResults: 100, scanDirection: 'BACKWARD', sortOrder: 'ASCENDING' });
    assert.equal(full.InitialContactId, s.chat.contactId);
    assert.ok(!full.NextToken, `no NextToken when everything fit: ${JSON.stringify(full.NextToken)}`);
    const all = full.Transcript;
    const allIds = all.map((i) => i.Id);
    assert.deepEqual(allIds.filter((id) => ids.includes(id)), ids, 'all 26 messages, in the order they were sent');
    assert.ok(!all.some((i) => i.ContentType === TYPES.typing));
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].AbsoluteTime <= all[i].AbsoluteTime, 'ascending AbsoluteTime');
    assert.equal(new Set(allIds).size, allIds.length, 'no duplicates');

    // chatjs's own defaults: 15, BACKWARD, ASCENDING, StartPosition {} (= no start).
    const dflt = await get({});
    const req = s.requests('transcript').at(-1);
    assert.deepEqual(req.body.StartPosition, {});
    assert.deepEqual(dflt.Transcript.map((i) => i.Id), allIds.slice(-15));
    assert.ok(dflt.NextToken, 'more items are left behind the newest 15');

    // BACKWARD/ASCENDING pages of 10, following NextToken until it is exhausted.
    const pages = [];
    let token;
    for (let n = 0; n < 20; n++) {
      const p = await get({ maxResults: 10, scanDirection: 'BACKWARD', sortOrder: 'ASCENDING', nextToken: token });
      pages.push(p.Transcript.map((i) => i.Id));
      token = p.NextToken;
      if (!token) break;
    }
    assert.equal(pages.length, Math.ceil(all.length / 10), `page count for ${all.length} items`);
    assert.deepEqual(pages.slice().reverse().flat(), allIds, 'backward pages joined = the whole transcript');
    pages.forEach((p, i) => assert.equal(p.length, i < pages.length - 1 ? 10 : all.length - 10 * (pages.length - 1)));

    // BACKWARD/DESCENDING: newest first.
    const desc = await get({ maxResults: 10, scanDirection: 'BACKWARD', sortOrder: 'DESCENDING' });
    assert.deepEqual(desc.Transcript.map((i) => i.Id), allIds.slice(-10).reverse());

    // FORWARD/ASCENDING from a StartPosition (the 5th message), pages of 7.
    const startIndex = allIds.indexOf(ids[4]);
    const fwd = [];
    token = undefined;
    for (let n = 0; n < 20; n++) {
      const p = await get({ maxResults: 7, scanDirection: 'FORWARD', sortOrder: 'ASCENDING', startPosition: { id: ids[4] }, nextToken: token });
      fwd.push(...p.Transcript.map((i) => i.Id));
      token = p.NextToken;
      if (!token) break;
    }
    // Whether the start item itself is included is not documented (§3.4 [U]): accept both.
    const expectedFrom = fwd[0] === ids[4] ? startIndex : startIndex + 1;
    assert.deepEqual(fwd, allIds.slice(expectedFrom), 'forward pages from the start item to the end');
  });

  test('attachments through chatjs: sendAttachment, ATTACHMENT item, downloadAttachment', async () => {
    const s = await liveCustomer();
    const text = 'conformance attachment\nsecond line\n';
    const file = new File([text], 'note.txt', { type: 'text/plain' });
    await s.session.sendAttachment({ attachment: file });
    const item = await s.waitMessage((m) => m.Type === 'ATTACHMENT');
    const att = item.Attachments[0];
    assert.equal(att.AttachmentName, 'note.txt');
    assert.equal(att.ContentType, 'text/plain');
    assert.equal(att.Status, 'APPROVED');
    assert.equal(item.ParticipantId, s.chat.participantId);
    const blob = await s.session.downloadAttachment({ attachmentId: att.AttachmentId });
    assert.equal(await blob.text(), text);
  });

  test('transfer to another queue (L1 -> L2): new ContactId segment, same session, the new agent talks', async () => {
    const s = await liveCustomer({ instance: BOT.instance, flow: BOT.flow });
    await s.session.sendMessage({ contentType: 'text/plain', message: 'I want to talk to an agent' });
    const l1 = await cl.acceptAsAgent(server.url, { instance: BOT.instance, contactId: s.chat.contactId, agentName: 'Sam' });
    agents.push(l1);
    await s.waitMessage((m) => m.ContentType === TYPES.joined && m.DisplayName === 'Sam');

    const from = s.events.length;
    const moved = await cl.agentTransfer(server.url, { contactId: s.chat.contactId, instance: QUIET.instance, queue: 'banking-specialists' });
    assert.notEqual(moved.currentContactId, s.chat.contactId, 'a transfer starts a new contact segment');
    const l1Left = await s.waitMessage((m) => m.ContentType === TYPES.left && m.DisplayName === 'Sam');
    assert.equal(l1Left.ParticipantRole, 'AGENT');

    const l2 = await cl.acceptAsAgent(server.url, { instance: QUIET.instance, contactId: s.chat.contactId, agentName: 'Riley' });
    agents.push(l2);
    const joined = await s.waitMessage((m) => m.ContentType === TYPES.joined && m.DisplayName === 'Riley');
    assert.equal(joined.InitialContactId, s.chat.contactId);
    assert.equal(joined.ContactId, moved.currentContactId);
    const hi = await l2.send('Riley from banking specialists here.');
    const got = await s.waitMessage((m) => m.Id === hi.Id);
    assert.equal(got.ContactId, moved.currentContactId);
    const mine = await s.session.sendMessage({ contentType: 'text/plain', message: 'hello Riley' });
    const atL2 = await l2.waitItem((i) => i.Id === mine.data.Id, 'customer message at the L2 agent');
    assert.equal(atL2.ContactId, moved.currentContactId);
    assert.equal(s.events.slice(from).filter((e) => ['onConnectionLost', 'onEnded', 'onConnectionBroken'].includes(e.name)).length, 0,
      'the customer keeps its session and socket');
  });

  test('fault: delayed subscribe ack -> chatjs resubscribes, the socket then delivers', async () => {
    await cl.setFaults(server.url, { subscribeAckDelayMs: 1500 });
    const s = await customer();
    await s.session.connect();
    await s.waitSubscribed(s.firstSocket, 8000);
    const sock = s.sockets()[0];
    const subs = sock.frames.filter((f) => f.dir === 'out' && f.frame.topic === 'aws/subscribe');
    assert.ok(subs.length >= 2, `chatjs resent aws/subscribe while the ack was late (${subs.length} sent)`);
    const r = await s.session.sendMessage({ contentType: 'text/plain', message: 'after a slow subscribe' });
    await s.waitMessage((m) => m.Id === r.data.Id);
    assert.equal(s.eventsNamed('onConnectionBroken').length, 0);
  });

  test('disconnectParticipant: participant.left, chat.ended, onEnded; the token is then refused (403)', async () => {
    const s = await liveCustomer();
    await s.session.disconnectParticipant();
    await s.waitEvent('onEnded');
    const msgs = s.messages();
    const left = msgs.findIndex((m) => m.ContentType === TYPES.left);
    const ended = msgs.findIndex((m) => m.ContentType === TYPES.ended);
    assert.ok(left >= 0 && ended > left, `participant.left before chat.ended: ${msgs.map((m) => m.ContentType).join(', ')}`);
    assert.equal(msgs[left].ParticipantRole, 'CUSTOMER');
    assert.equal(msgs[left].ParticipantId, s.chat.participantId);
    const endedAt = s.events.find((e) => e.name === 'onMessage' && e.data.ContentType === TYPES.ended).t;
    assert.ok(s.eventsNamed('onEnded')[0].t >= endedAt);

    const again = new RecordedSession(s.chat);
    await assert.rejects(again.session.connect(), (rejection) => {
      assert.equal(rejection.connectSuccess, false);
      const e = connectError(rejection);
      assert.equal(e.statusCode, 403, describeError(e));
      assert.equal(e.type, 'AccessDeniedException', describeError(e));
      return true;
    });
    const cpc = again.requests('connection');
    assert.equal(cpc.length, 1, 'a 403 is not retried');
    assert.equal(cpc[0].errorType, 'AccessDeniedException');
  });

  test('fault: server closes the socket -> onConnectionLost, then re-established and working', async () => {
    const s = await liveCustomer();
    const from = s.events.length;
    const socketsBefore = s.sockets().length;
    await cl.closeSockets(server.url, { contactId: s.chat.contactId, code: 1001 });
    const lost = await s.waitEvent('onConnectionLost', undefined, 5000, from);
    await s.waitEvent('onConnectionEstablished', undefined, 10000, s.events.indexOf(lost));
    assert.equal(s.sockets()[0].closeCode, 1001);
    await s.waitSubscribed(s.firstSocket + socketsBefore, 10000);
    assert.ok(s.requests('connection').length >= 2, 'a new CreateParticipantConnection after the loss');
    const r = await s.session.sendMessage({ contentType: 'text/plain', message: 'still here' });
    await s.waitMessage((m) => m.Id === r.data.Id);
    assert.equal(s.eventsNamed('onEnded').length, 0);
  });

  test('fault: socket closed and CreateParticipantConnection denied -> chat ended in background (onEnded)', async () => {
    const s = await liveCustomer();
    await cl.setFaults(server.url, { denyConnection: 1 });
    const from = s.events.length;
    await cl.closeSockets(server.url, { contactId: s.chat.contactId });
    await s.waitEvent('onConnectionLost', undefined, 5000, from);
    await s.waitEvent('onEnded', undefined, 10000, from);
    const cpc = s.requests('connection');
    assert.equal(cpc.at(-1).status, 403);
    assert.equal(cpc.at(-1).errorType, 'AccessDeniedException');
    assert.ok(s.messages().some((m) => m.ContentType === TYPES.ended), 'synthetic chat.ended through onMessage');
  });

  test('fault: heartbeats unanswered -> onDeepHeartbeatFailure, then a fresh socket works', { timeout: 60000 }, async () => {
    const s = await liveCustomer();
    const initialSockets = s.sockets().length;
    await cl.setFaults(server.url, { dropHeartbeats: true });
    const t0 = Date.now();
    const fail = await s.waitEvent('onDeepHeartbeatFailure', undefined, 25000);
    await cl.setFaults(server.url, { dropHeartbeats: false });
    assert.ok(fail.t - t0 <= 25000, `failure after ${fail.t - t0} ms`);
    const acks = s.sockets()[0].frames.filter((f) => f.dir === 'in' && f.t > t0 + 50 && f.t < fail.t &&
      (f.frame.topic === 'aws/ping' || f.frame.topic === 'aws/heartbeat'));
    assert.deepEqual(acks, [], 'no heartbeat acks while dropHeartbeats is on');
    // chatjs swaps to a new socket (CPC + open + subscribe) without ending the session.
    await s.waitSubscribed(s.firstSocket + initialSockets, 10000);
    const r = await s.session.sendMessage({ contentType: 'text/plain', message: 'after heartbeat loss' });
    await s.waitMessage((m) => m.Id === r.data.Id, 10000);
    assert.equal(s.eventsNamed('onEnded').length, 0);
  });

  test('fault: ConnectionToken lifetime 66 s -> chatjs refreshes it (second CPC) within ~10 s and uses the new token', { timeout: 30000 }, async () => {
    // Observed through the fetch recorder: the server has no request log API.
    await cl.setFaults(server.url, { tokenLifetimeMs: 66000 });
    const s = await customer();
    await s.connectLive();
    await cl.setFaults(server.url, { tokenLifetimeMs: null });   // the refreshed token gets the normal day
    const first = s.requests('connection')[0];
    const lifetime = Date.parse(first.response.ConnectionCredentials.Expiry) - first.t;
    assert.ok(lifetime > 60000 && lifetime <= 67000, `Expiry ~66 s ahead, got ${lifetime} ms`);
    const refresh = await cl.waitFor(() => { const r = s.requests('connection')[1]; return r && r.status !== undefined && r; },
      { timeoutMs: 12000, what: 'a second CreateParticipantConnection, answered' });
    assert.ok(refresh.t - first.t < 11000, `refresh after ${refresh.t - first.t} ms`);
    assert.equal(refresh.status, 200);
    const newToken = refresh.response.ConnectionCredentials.ConnectionToken;
    assert.notEqual(newToken, first.response.ConnectionCredentials.ConnectionToken);
    const r = await s.session.sendMessage({ contentType: 'text/plain', message: 'after refresh' });
    assert.equal(s.requests('message').at(-1).bearer, newToken, 'SendMessage uses the refreshed ConnectionToken');
    await s.waitMessage((m) => m.Id === r.data.Id);
  });

  test('fault: 2x500 on SendMessage -> succeeds on the 3rd attempt with the same ClientToken; 2x429 likewise', async () => {
    const s = await liveCustomer();
    for (const [status, errorType] of [[500, 'InternalServerException'], [429, 'ThrottlingException']]) {
      const before = s.requests('message').length;
      await cl.setFaults(server.url, { failOperation: { SendMessage: 2 }, failStatus: status });
      const text = `retried through ${status}s`;
      const r = await s.session.sendMessage({ contentType: 'text/plain', message: text });
      const attempts = s.requests('message').slice(before);
      assert.deepEqual(attempts.map((a) => a.status), [status, status, 200]);
      assert.deepEqual(attempts.map((a) => a.errorType), [errorType, errorType, undefined]);
      assert.equal(new Set(attempts.map((a) => a.body.ClientToken)).size, 1, 'SDK retries reuse the ClientToken');
      await s.waitMessage((m) => m.Id === r.data.Id);
      const t = await s.session.getTranscript({ maxResults: 100 });
      assert.equal(t.data.Transcript.filter((i) => i.Content === text).length, 1, 'stored once');
    }
  });

  test('fault: 5x500 on SendMessage -> rejected after 3 attempts', async () => {
    const s = await liveCustomer();
    await cl.setFaults(server.url, { failOperation: { SendMessage: 5 }, failStatus: 500 });
    await assert.rejects(s.session.sendMessage({ contentType: 'text/plain', message: 'doomed' }), (e) => {
      assert.equal(e.statusCode, 500, describeError(e));
      assert.equal(e.type, 'InternalServerException', describeError(e));
      return true;
    });
    assert.equal(s.requests('message').length, 3, 'standard retry mode: 3 attempts in all');
  });

  test('fault: 400 and 403 are rejected at once, without retries', async () => {
    const s = await liveCustomer();
    await assert.rejects(s.session.sendMessage({ contentType: 'text/plain', message: 'x'.repeat(2000) }), (e) => {
      assert.equal(e.statusCode, 400, describeError(e));
      assert.equal(e.type, 'ValidationException', describeError(e));
      return true;
    });
    assert.equal(s.requests('message').length, 1);

    const bogus = new RecordedSession({ contactId: s.chat.contactId, participantId: s.chat.participantId, participantToken: 'PT-not-a-token' });
    await assert.rejects(bogus.session.connect(), (rejection) => {
      const e = connectError(rejection);
      assert.equal(e.statusCode, 403, describeError(e));
      assert.equal(e.type, 'AccessDeniedException', describeError(e));
      return true;
    });
    assert.equal(bogus.requests('connection').length, 1);
  });

  test('everything chatjs fetched or opened in this file went to connect-local (disableCSM: no telemetry)', () => {
    const base = new URL(server.url);
    const elsewhere = [...http.map((r) => r.url), ...sockets.map((x) => x.url)].filter((u) => new URL(u).host !== base.host);
    assert.deepEqual(elsewhere, []);
    assert.ok(http.length > 100 && sockets.length > 10, `recorded ${http.length} requests and ${sockets.length} sockets`);
  });
});
