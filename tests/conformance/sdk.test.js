// Conformance: the official AWS SDK v3 clients (@aws-sdk/client-connect, @aws-sdk/client-connectparticipant),
// unchanged, against connect-local with an endpoint override and dummy credentials (reference §3, §6.9).
// Every participant operation, the presigned attachment URLs, typed errors and SDK retry semantics,
// plus the raw websocket gateway frames (§4) and CORS (§10 item 3).
'use strict';
const { describe, test, before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const cl = require('./lib/connect-local');
const { ResourceNotFoundException: ConnectResourceNotFound, StartChatContactCommand } = require('@aws-sdk/client-connect');
const {
  CreateParticipantConnectionCommand, SendMessageCommand, SendEventCommand, GetTranscriptCommand,
  DisconnectParticipantCommand, StartAttachmentUploadCommand, CompleteAttachmentUploadCommand, GetAttachmentCommand,
  ValidationException, AccessDeniedException, ThrottlingException, InternalServerException, paginateGetTranscript,
  DescribeViewCommand, GetAuthenticationUrlCommand, CancelParticipantAuthenticationCommand,
  ResourceNotFoundException: ParticipantResourceNotFound,
} = require('@aws-sdk/client-connectparticipant');

const { TYPES } = cl;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const PREFLIGHT_HEADERS = ['authorization', 'content-type', 'x-amz-bearer', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-user-agent'];

let server;
const open = [];

// A customer connected through the SDK client (and a raw websocket unless socket: false).
async function sdkCustomer({ socket = true, ...opts } = {}) {
  const chat = await cl.startChatSdk(server.url, { displayName: 'Dana', ...opts });
  const p = new cl.SdkParticipant(server.url, chat.participantToken);
  Object.assign(p, chat);
  open.push(p);
  await p.connect({ socket });
  return p;
}

// Runs `fn` and returns the error it throws (fails if it does not throw).
async function caught(fn) {
  let out;
  try { out = await fn(); } catch (e) { return e; }
  const { $metadata, ...rest } = out || {};
  assert.fail(`expected an error, got HTTP ${$metadata && $metadata.httpStatusCode}: ${JSON.stringify(rest).slice(0, 300)}`);
}

before(async () => { server = await cl.startConnectLocal({ agent: 'none' }); });
afterEach(async () => {
  await cl.resetFaults(server.url);
  for (const p of open.splice(0)) {
    if (p.connectionToken) await p.disconnect().catch(() => {});
    p.close();
  }
});
after(async () => { if (server) await server.stop(); });

describe('AWS SDK v3 clients against connect-local', () => {
  test('StartChatContact (client-connect) and CreateParticipantConnection (client-connectparticipant)', async () => {
    const p = await sdkCustomer({ socket: false });
    assert.ok(p.contactId && p.participantId && p.participantToken);
    const c = p.connection;
    assert.equal(c.$metadata.httpStatusCode, 200);
    assert.match(c.Websocket.Url, /^ws:\/\/127\.0\.0\.1:\d+\//);
    assert.match(String(c.Websocket.ConnectionExpiry), ISO_MS);
    assert.match(String(c.ConnectionCredentials.Expiry), ISO_MS);
    assert.ok(c.ConnectionCredentials.ConnectionToken.length <= 1000);

    // Only CONNECTION_CREDENTIALS: no Websocket in the answer.
    const onlyCreds = await p.client.send(new CreateParticipantConnectionCommand({ ParticipantToken: p.participantToken, Type: ['CONNECTION_CREDENTIALS'] }));
    assert.equal(onlyCreds.Websocket, undefined);
    assert.ok(onlyCreds.ConnectionCredentials.ConnectionToken);

    const e = await caught(() => cl.startChatSdk(server.url, { instance: 'no-such-instance' }));
    assert.ok(e instanceof ConnectResourceNotFound, `${e.name}: ${e.message}`);
    assert.equal(e.$metadata.httpStatusCode, 404);
  });

  test('StartChatContact idempotency: the same ClientToken returns the same contact', async () => {
    const client = cl.connectClient(server.url);
    try {
      const input = cl.startChatRequest({ displayName: 'Dana', ClientToken: `conformance-${Date.now()}` });
      const a = await client.send(new StartChatContactCommand(input));
      const b = await client.send(new StartChatContactCommand(input));
      assert.equal(a.ContactId, b.ContactId);
      assert.equal(a.ParticipantToken, b.ParticipantToken);
    } finally { client.destroy(); }
  });

  test('websocket gateway: subscribe ack, heartbeat and ping acks, double-encoded chat items', async () => {
    const p = await sdkCustomer();
    const ws = p.socket;
    const ack = ws.frames.find((f) => f.topic === 'aws/subscribe');
    assert.deepEqual(ack, { topic: 'aws/subscribe', content: { status: 'success', topics: ['aws/chat'] } });
    ws.send({ topic: 'aws/ping' });
    ws.send({ topic: 'aws/heartbeat' });
    await cl.waitFor(() => ws.frames.some((f) => f.topic === 'aws/ping') && ws.frames.some((f) => f.topic === 'aws/heartbeat'), { what: 'acks' });
    const ping = ws.frames.find((f) => f.topic === 'aws/ping');
    assert.equal(ping.statusCode, 200);
    assert.equal(ping.statusContent, 'OK');

    const sent = await p.send('over the socket');
    await ws.waitItem((i) => i.Id === sent.Id);
    const frame = ws.frames.find((f) => f.topic === 'aws/chat' && JSON.parse(f.content).Id === sent.Id);
    assert.equal(frame.contentType, 'application/json');
    assert.equal(typeof frame.content, 'string', 'content is a JSON string (double-encoded)');

    // An unknown connection grant is refused at the upgrade.
    const bad = new cl.RawSocket(`ws://127.0.0.1:${server.port}/ws?connection=not-a-grant`);
    await assert.rejects(bad.open({ subscribe: false }));
  });

  test('SendMessage, SendEvent (typing), GetTranscript; ClientToken idempotency', async () => {
    const p = await sdkCustomer();
    const m = await p.client.send(new SendMessageCommand({ ConnectionToken: p.connectionToken, ContentType: 'text/plain', Content: 'hello via the SDK', ClientToken: 'ct-conformance-1' }));
    assert.ok(m.Id);
    assert.match(m.AbsoluteTime, ISO_MS);
    const again = await p.client.send(new SendMessageCommand({ ConnectionToken: p.connectionToken, ContentType: 'text/plain', Content: 'hello via the SDK', ClientToken: 'ct-conformance-1' }));
    assert.equal(again.Id, m.Id, 'same ClientToken -> the original answer');
    assert.equal(again.AbsoluteTime, m.AbsoluteTime);

    const md = await p.send('*markdown* via the SDK', 'text/markdown');
    const ev = await p.client.send(new SendEventCommand({ ConnectionToken: p.connectionToken, ContentType: TYPES.typing }));
    assert.ok(ev.Id);
    assert.match(ev.AbsoluteTime, ISO_MS);
    const typing = await p.waitItem((i) => i.ContentType === TYPES.typing, 'typing echo');
    assert.equal(typing.ParticipantId, p.participantId);
    assert.equal(typing.Type, 'EVENT');

    const t = await p.client.send(new GetTranscriptCommand({ ConnectionToken: p.connectionToken, MaxResults: 100, SortOrder: 'ASCENDING' }));
    assert.equal(t.InitialContactId, p.contactId);
    assert.equal(t.Transcript.filter((i) => i.Id === m.Id).length, 1, 'the repeated SendMessage is stored once');
    assert.ok(t.Transcript.some((i) => i.Id === md.Id && i.ContentType === 'text/markdown'));
    assert.ok(!t.Transcript.some((i) => i.ContentType === TYPES.typing));
    const item = t.Transcript.find((i) => i.Id === m.Id);
    assert.equal(item.ParticipantRole, 'CUSTOMER');
    assert.equal(item.DisplayName, 'Dana');

    // The SDK paginator follows NextToken to the end (API defaults: BACKWARD, DESCENDING).
    const seen = [];
    for await (const page of paginateGetTranscript({ client: p.client, pageSize: 2 }, { ConnectionToken: p.connectionToken })) {
      seen.push(...page.Transcript.map((i) => i.Id));
      assert.ok(seen.length <= 200, 'paginator terminates');
    }
    assert.deepEqual(seen, t.Transcript.map((i) => i.Id).reverse());
  });

  test('GetTranscript: an invalid NextToken is refused; an empty page still has Transcript: []', async () => {
    const p = await sdkCustomer({ socket: false });
    const get = (input) => p.client.send(new GetTranscriptCommand({ ConnectionToken: p.connectionToken, ...input }));
    const bad = await caught(() => get({ NextToken: 'not-a-token' }));
    assert.ok(bad instanceof ValidationException, `invalid NextToken: ${bad.name}`);

    // Nothing after a future AbsoluteTime. Transcript is the response's list member: AWS JSON services
    // send an empty list as [], and clients (the hosted widget among them) index into it unguarded.
    const empty = await get({ ScanDirection: 'FORWARD', StartPosition: { AbsoluteTime: new Date(Date.now() + 3600000).toISOString() } });
    assert.ok(!empty.NextToken);
    assert.ok(Array.isArray(empty.Transcript), `empty page has Transcript: [] (got ${JSON.stringify(empty.Transcript)})`);
    assert.equal(empty.Transcript.length, 0);
  });

  test('GetTranscript: a ContactId outside the caller\'s contact chain is refused', async () => {
    const p = await sdkCustomer({ socket: false });
    const other = await cl.startChat(server.url, { displayName: 'Eve' });
    const foreign = await caught(() => p.client.send(new GetTranscriptCommand({ ConnectionToken: p.connectionToken, ContactId: other.contactId })));
    assert.ok(foreign instanceof ValidationException || foreign instanceof AccessDeniedException,
      `GetTranscript with another chat's ContactId answered ${foreign.name}`);
  });

  test('attachments: StartAttachmentUpload, PUT with HeadersToInclude, Complete, GetAttachment, download', async () => {
    const p = await sdkCustomer();
    const bytes = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7 + 3) % 256));   // binary, every byte value
    const start = await p.client.send(new StartAttachmentUploadCommand({
      ConnectionToken: p.connectionToken, ContentType: 'image/png', AttachmentSizeInBytes: bytes.length, AttachmentName: 'pixels.png',
    }));
    assert.ok(start.AttachmentId);
    const meta = start.UploadMetadata;
    assert.match(meta.Url, /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.ok(Date.parse(meta.UrlExpiry) > Date.now());
    const put = await fetch(meta.Url, { method: 'PUT', headers: meta.HeadersToInclude || {}, body: bytes });
    assert.equal(put.status, 200, await put.text());

    await p.client.send(new CompleteAttachmentUploadCommand({ ConnectionToken: p.connectionToken, AttachmentIds: [start.AttachmentId] }));
    const item = await p.waitItem((i) => i.Type === 'ATTACHMENT', 'ATTACHMENT item');
    assert.deepEqual(item.Attachments.map((a) => [a.AttachmentId, a.AttachmentName, a.ContentType, a.Status]),
      [[start.AttachmentId, 'pixels.png', 'image/png', 'APPROVED']]);
    assert.equal(item.ParticipantId, p.participantId);

    const got = await p.client.send(new GetAttachmentCommand({ ConnectionToken: p.connectionToken, AttachmentId: start.AttachmentId }));
    assert.equal(got.AttachmentSizeInBytes, bytes.length);
    assert.ok(Date.parse(got.UrlExpiry) > Date.now());
    const dl = await fetch(got.Url);
    assert.equal(dl.status, 200);
    assert.deepEqual(Buffer.from(await dl.arrayBuffer()), bytes, 'downloaded bytes equal the upload');

    const t = await p.client.send(new GetTranscriptCommand({ ConnectionToken: p.connectionToken, MaxResults: 100 }));
    assert.ok(t.Transcript.some((i) => i.Type === 'ATTACHMENT' && i.Attachments[0].AttachmentId === start.AttachmentId));

    const e = await caught(() => p.client.send(new StartAttachmentUploadCommand({
      ConnectionToken: p.connectionToken, ContentType: 'application/x-msdownload', AttachmentSizeInBytes: 10, AttachmentName: 'a.exe',
    })));
    assert.ok(e instanceof ValidationException, `${e.name}: ${e.message}`);
  });

  test('typed errors: ValidationException (2,000-char text), AccessDeniedException (bad token), not retried', async () => {
    const p = await sdkCustomer({ socket: false });
    const v = await caught(() => p.send('x'.repeat(2000)));
    assert.ok(v instanceof ValidationException, `${v.name}: ${v.message}`);
    assert.equal(v.$metadata.httpStatusCode, 400);
    assert.equal(v.$fault, 'client');
    assert.equal(v.$metadata.attempts, 1);
    assert.ok(v.message && v.message !== 'UnknownError', `message from the body: ${v.message}`);

    const bad = cl.participantClient(server.url);
    try {
      const a = await caught(() => bad.send(new SendMessageCommand({ ConnectionToken: 'CT-not-a-token', ContentType: 'text/plain', Content: 'hi' })));
      assert.ok(a instanceof AccessDeniedException, `${a.name}: ${a.message}`);
      assert.equal(a.$metadata.httpStatusCode, 403);
      assert.equal(a.$metadata.attempts, 1);
      const c = await caught(() => bad.send(new CreateParticipantConnectionCommand({ ParticipantToken: 'PT-not-a-token', Type: ['WEBSOCKET'] })));
      assert.ok(c instanceof AccessDeniedException, `${c.name}: ${c.message}`);
    } finally { bad.destroy(); }

    const empty = await caught(() => p.client.send(new CreateParticipantConnectionCommand({ ParticipantToken: p.participantToken, Type: [] })));
    assert.ok(empty instanceof ValidationException, `empty Type: ${empty.name}: ${empty.message}`);
  });

  test('retryable faults: 500 -> InternalServerException, 429 -> ThrottlingException; the SDK retries both', async () => {
    const p = await sdkCustomer({ socket: false });
    for (const [status, Type] of [[500, InternalServerException], [429, ThrottlingException]]) {
      await cl.setFaults(server.url, { failOperation: { SendMessage: 2 }, failStatus: status });
      const ok = await p.send(`survives two ${status}s`);
      assert.equal(ok.$metadata.attempts, 3, `${status}: succeeded on the 3rd attempt`);

      await cl.setFaults(server.url, { failOperation: { SendMessage: 3 }, failStatus: status });
      const e = await caught(() => p.send(`fails three ${status}s`));
      assert.ok(e instanceof Type, `${status}: ${e.name}: ${e.message}`);
      assert.equal(e.$metadata.httpStatusCode, status);
      assert.equal(e.$metadata.attempts, 3, 'retried up to maxAttempts');
      assert.equal(e.$fault, status === 500 ? 'server' : 'client');
    }
    // Every operation honours the knob, e.g. GetTranscript and CreateParticipantConnection.
    const single = cl.participantClient(server.url, { maxAttempts: 1 });
    try {
      await cl.setFaults(server.url, { failOperation: { GetTranscript: 1, CreateParticipantConnection: 1 }, failStatus: 429 });
      const g = await caught(() => single.send(new GetTranscriptCommand({ ConnectionToken: p.connectionToken })));
      assert.ok(g instanceof ThrottlingException, `${g.name}`);
      const c = await caught(() => single.send(new CreateParticipantConnectionCommand({ ParticipantToken: p.participantToken, Type: ['CONNECTION_CREDENTIALS'] })));
      assert.ok(c instanceof ThrottlingException, `${c.name}`);
    } finally { single.destroy(); }
  });

  test('an agent accepted through the agent API talks through the participant service', async () => {
    const p = await sdkCustomer();
    const agent = await cl.acceptAsAgent(server.url, { contactId: p.contactId, agentName: 'Sam' });
    open.push(agent);
    const joined = await p.waitItem((i) => i.ContentType === TYPES.joined && i.ParticipantRole === 'AGENT', 'agent joined');
    assert.equal(joined.DisplayName, 'Sam');
    const m = await agent.send('Hello from Sam');
    const got = await p.waitItem((i) => i.Id === m.Id, 'agent message at the customer');
    assert.equal(got.ParticipantRole, 'AGENT');
    await agent.receipt('read', (await p.send('hi Sam')).Id);
    const md = await p.waitItem((i) => i.Type === 'MESSAGEMETADATA', 'receipt');
    assert.equal(md.MessageMetadata.Receipts[0].RecipientParticipantId, agent.participantId);
    // The agent hangs up: participant.left (AGENT), then chat.ended.
    await agent.disconnect();
    agent.connectionToken = undefined;
    const left = await p.waitItem((i) => i.ContentType === TYPES.left, 'participant.left');
    assert.equal(left.ParticipantRole, 'AGENT');
    await p.waitItem((i) => i.ContentType === TYPES.ended, 'chat.ended');
    p.connectionToken = undefined;
  });

  test('DisconnectParticipant: participant.left then chat.ended; afterwards 403 everywhere', async () => {
    const p = await sdkCustomer();
    const out = await p.client.send(new DisconnectParticipantCommand({ ConnectionToken: p.connectionToken }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    const ended = await p.waitItem((i) => i.ContentType === TYPES.ended, 'chat.ended');
    const left = p.items.findIndex((i) => i.ContentType === TYPES.left);
    assert.ok(left >= 0 && left < p.items.indexOf(ended), 'participant.left before chat.ended');
    assert.equal(p.items[left].ParticipantId, p.participantId);
    assert.equal(ended.ParticipantId, undefined, 'chat.ended carries no participant');
    assert.equal(ended.InitialContactId, p.contactId);

    const s = await caught(() => p.send('anyone?'));
    assert.ok(s instanceof AccessDeniedException, `SendMessage after end: ${s.name}`);
    const c = await caught(() => p.client.send(new CreateParticipantConnectionCommand({ ParticipantToken: p.participantToken, Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] })));
    assert.ok(c instanceof AccessDeniedException, `CPC after end: ${c.name}`);
    p.connectionToken = undefined;
  });

  test('HTTP surface: CORS preflight and headers, x-amzn-ErrorType, SigV4 headers ignored', async () => {
    const origin = 'http://127.0.0.1:9';
    for (const [path, method, headers] of [['/participant/message', 'POST', PREFLIGHT_HEADERS], ['/contact/chat', 'PUT', PREFLIGHT_HEADERS],
      ['/attachments/x?sig=y', 'PUT', ['content-type']]]) {
      const res = await fetch(server.url + path, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers.join(',') },
      });
      assert.ok(res.status === 200 || res.status === 204, `preflight ${path}: HTTP ${res.status}`);
      const allowOrigin = res.headers.get('access-control-allow-origin');
      assert.ok(allowOrigin === '*' || allowOrigin === origin, `${path} allow-origin: ${allowOrigin}`);
      const methods = (res.headers.get('access-control-allow-methods') || '').toUpperCase();
      assert.ok(methods.includes(method) || methods === '*', `${path} allow-methods: ${methods}`);
      const allowed = (res.headers.get('access-control-allow-headers') || '').toLowerCase().split(/\s*,\s*/);
      // A wildcard does not cover Authorization in browsers, so every header must be listed.
      for (const h of headers) assert.ok(allowed.includes(h), `${path} allow-headers lacks ${h}: ${allowed}`);
    }
    const res = await fetch(`${server.url}/participant/message`, {
      method: 'POST',
      headers: { Origin: origin, 'content-type': 'application/json', 'x-amz-bearer': 'CT-bogus', authorization: 'AWS4-HMAC-SHA256 Credential=/20250101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00' },
      body: JSON.stringify({ ContentType: 'text/plain', Content: 'hi' }),
    });
    assert.equal(res.status, 403);
    assert.match(res.headers.get('x-amzn-errortype') || '', /^AccessDeniedException/);
    assert.ok(res.headers.get('access-control-allow-origin'), 'CORS header on error answers too');
    const expose = (res.headers.get('access-control-expose-headers') || '').toLowerCase();
    assert.ok(expose.includes('x-amzn-errortype') || expose === '*', `expose-headers: ${expose}`);
    const body = await res.json();
    assert.ok(typeof (body.message || body.Message) === 'string', `error body: ${JSON.stringify(body)}`);
  });

  test('DescribeView, GetAuthenticationUrl, CancelParticipantAuthentication: the SDK gets typed answers', async () => {
    const p = await sdkCustomer({ socket: false });
    const view = await caught(() => p.client.send(new DescribeViewCommand({ ConnectionToken: p.connectionToken, ViewToken: 'view-1' })));
    assert.ok(view instanceof ParticipantResourceNotFound, `DescribeView of an unknown view: ${view.name}`);
    assert.equal(view.ResourceId, 'view-1');
    const session = '0123456789abcdef0123456789abcdef0123';
    const url = await caught(() => p.client.send(new GetAuthenticationUrlCommand({
      ConnectionToken: p.connectionToken, SessionId: session, RedirectUri: 'https://example.com/back' })));
    assert.ok(url instanceof ValidationException, `GetAuthenticationUrl without an authentication in progress: ${url.name}`);
    const cancel = await caught(() => p.client.send(new CancelParticipantAuthenticationCommand({ ConnectionToken: p.connectionToken, SessionId: session })));
    assert.ok(cancel instanceof ValidationException, `CancelParticipantAuthentication: ${cancel.name}`);
  });
});
