// Test harness for connect-local: start/stop the binary, the Connect API (plain fetch and the AWS SDK),
// the agent API, the fault knobs, and a scripted agent that talks through the participant service
// exactly like a customer (AWS SDK client + a raw websocket).
//
// Everything here talks to 127.0.0.1 only. Nothing is cached between servers: every test file starts
// its own connect-local on an ephemeral port and stops it in its `after` hook.
'use strict';
// The pinned SDK versions run on the machine's Node 20; their "later versions need Node 22" notice is noise here.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const WebSocket = require('ws');
const { ConnectClient, StartChatContactCommand } = require('@aws-sdk/client-connect');
const {
  ConnectParticipantClient,
  CreateParticipantConnectionCommand,
  SendMessageCommand,
  SendEventCommand,
  DisconnectParticipantCommand,
} = require('@aws-sdk/client-connectparticipant');

const REGION = 'us-east-1';
// Dummy credentials: the participant service authenticates by X-Amz-Bearer only and must ignore the
// SigV4 signature; the Connect API (StartChatContact) is IAM-signed in AWS but not checked locally.
const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDCONFORMANCE', secretAccessKey: 'conformance-secret' };

// Instances and flows of demo/connect-local/config.json.
const QUIET = { instance: 'finaptic', flow: 'finaptic-l2' };   // one greeting, then queued; no bot
const BOT = { instance: 'acme', flow: 'acme-l1' };             // the demo bot greets and answers

const TYPES = {
  typing: 'application/vnd.amazonaws.connect.event.typing',
  delivered: 'application/vnd.amazonaws.connect.event.message.delivered',
  read: 'application/vnd.amazonaws.connect.event.message.read',
  metadata: 'application/vnd.amazonaws.connect.event.message.metadata',
  joined: 'application/vnd.amazonaws.connect.event.participant.joined',
  left: 'application/vnd.amazonaws.connect.event.participant.left',
  ended: 'application/vnd.amazonaws.connect.event.chat.ended',
};
const ALL_MESSAGE_TYPES = ['text/plain', 'text/markdown', 'application/json',
  'application/vnd.amazonaws.connect.message.interactive',
  'application/vnd.amazonaws.connect.message.interactive.response'];

function binaryPath() {
  return process.env.CONNECT_LOCAL ||
    path.resolve(__dirname, '../../../build/native/demo/connect-local/connect-local');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `fn` until it returns a truthy value; rejects with `what` after `timeoutMs`.
async function waitFor(fn, { timeoutMs = 5000, intervalMs = 25, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

// Starts connect-local on an ephemeral port. Resolves to {url, port, stop(), output()} once the first
// stdout line `connect-local listening on http://127.0.0.1:PORT` appeared.
function startConnectLocal({ agent = 'none', args = [], timeoutMs = 15000 } = {}) {
  const bin = binaryPath();
  if (!fs.existsSync(bin)) {
    return Promise.reject(new Error(`connect-local binary not found at ${bin} ` +
      '(build it: cmake --build build/native --target connect-local, or set CONNECT_LOCAL)'));
  }
  // connect-local knows only `--agent echo`; no flag means no scripted agent.
  const argv = ['--port', '0', ...(agent && agent !== 'none' ? ['--agent', agent] : []), ...args];
  const child = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const output = () => out;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { out += d; });
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));

  async function stop() {
    if (exited) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 3000);
    const r = await exitPromise;
    clearTimeout(timer);
    return r;
  }

  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (err) => { if (!done) { done = true; stop().finally(() => reject(err)); } };
    const timer = setTimeout(() => fail(new Error(`connect-local did not print its address within ${timeoutMs} ms; output:\n${out}`)), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); if (!done) { done = true; reject(e); } });
    exitPromise.then((e) => { clearTimeout(timer); fail(new Error(`connect-local exited early (${JSON.stringify(e)}); output:\n${out}`)); });
    let buffered = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (done) return;
      buffered += d;
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      const first = buffered.slice(0, nl).trim();
      const m = /^connect-local listening on (http:\/\/127\.0\.0\.1:(\d+))\/?$/.exec(first);
      clearTimeout(timer);
      if (!m) return fail(new Error(`unexpected first stdout line from connect-local: ${JSON.stringify(first)}`));
      done = true;
      resolve({ url: m[1], port: Number(m[2]), stop, output, process: child });
    });
  });
}

// --- plain HTTP helpers ---------------------------------------------------------------------------
async function jsonRequest(method, url, body, headers = {}) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

async function expectOk(what, p) {
  const r = await p;
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${r.headers.get('x-amzn-errortype') || ''} ${r.text}`);
  return r.json;
}

// StartChatContact with plain fetch (what a partner backend without the SDK would do).
function startChatRequest({ displayName = 'Dana', instance = QUIET.instance, flow = QUIET.flow, ...extra } = {}) {
  return { InstanceId: instance, ContactFlowId: flow, ParticipantDetails: { DisplayName: displayName },
    SupportedMessagingContentTypes: ALL_MESSAGE_TYPES, ...extra };
}
async function startChat(url, opts = {}) {
  const j = await expectOk('PUT /contact/chat', jsonRequest('PUT', `${url}/contact/chat`, startChatRequest(opts)));
  return { contactId: j.ContactId, participantId: j.ParticipantId, participantToken: j.ParticipantToken, raw: j };
}

// StartChatContact through @aws-sdk/client-connect with an endpoint override and dummy credentials.
function connectClient(url) {
  return new ConnectClient({ region: REGION, endpoint: url, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
}
async function startChatSdk(url, opts = {}) {
  const client = connectClient(url);
  try {
    const out = await client.send(new StartChatContactCommand(startChatRequest(opts)));
    return { contactId: out.ContactId, participantId: out.ParticipantId, participantToken: out.ParticipantToken, raw: out };
  } finally {
    client.destroy();
  }
}

// --- agent API ------------------------------------------------------------------------------------
async function agentQueues(url, instance) {
  return expectOk('GET /agent-api/queues', jsonRequest('GET', `${url}/agent-api/queues?instance=${encodeURIComponent(instance)}`));
}
async function waitQueued(url, instance, contactId, timeoutMs = 5000) {
  return waitFor(async () => {
    const q = await agentQueues(url, instance);
    for (const queue of q.queues || []) {
      const c = (queue.contacts || []).find((x) => x.contactId === contactId);
      if (c) return { queue, contact: c };
    }
    return null;
  }, { timeoutMs, what: `contact ${contactId} in a queue of ${instance}` });
}
async function agentAccept(url, { instance, contactId, agentName = 'Sam' }) {
  return expectOk('POST /agent-api/accept', jsonRequest('POST', `${url}/agent-api/accept`, { instance, contactId, agentName }));
}

// Moves a contact to another queue (a new contact segment, §8.3); answers {contactId, currentContactId}.
async function agentTransfer(url, { contactId, instance, queue }) {
  return expectOk('POST /agent-api/transfer', jsonRequest('POST', `${url}/agent-api/transfer`, { contactId, instance, queue }));
}

// --- fault knobs ----------------------------------------------------------------------------------
async function setFaults(url, faults) {
  return expectOk('POST /test/faults', jsonRequest('POST', `${url}/test/faults`, faults));
}
const OPERATIONS = ['CreateParticipantConnection', 'SendMessage', 'SendEvent', 'GetTranscript', 'DisconnectParticipant',
  'StartAttachmentUpload', 'CompleteAttachmentUpload', 'GetAttachment', 'DescribeView'];
// Back to defaults; spelled out key by key so it does not depend on a `reset` key.
async function resetFaults(url) {
  return setFaults(url, {
    failOperation: Object.fromEntries(OPERATIONS.map((o) => [o, 0])), failStatus: 500, denyConnection: 0,
    tokenLifetimeMs: null, dropHeartbeats: false, subscribeAckDelayMs: 0, frameDelayMs: 0, duplicateFrames: 0,
    reorderFrames: 0,
  });
}
async function closeSockets(url, { contactId, code = 1001 } = {}) {
  const body = { code };
  if (contactId) body.contactId = contactId;
  return expectOk('POST /test/close-sockets', jsonRequest('POST', `${url}/test/close-sockets`, body));
}

// --- participant service through the AWS SDK --------------------------------------------------------
function participantClient(url, extra = {}) {
  return new ConnectParticipantClient({ region: REGION, endpoint: url, credentials: DUMMY_CREDENTIALS, ...extra });
}

// A raw websocket client speaking the gateway protocol (§4): subscribes to aws/chat, collects items.
class RawSocket {
  constructor(wsUrl) {
    this.url = wsUrl;
    this.items = [];
    this.frames = [];
    this.closed = null;
    this.subscribed = false;
  }
  async open({ subscribe = true, timeoutMs = 5000 } = {}) {
    this.ws = new WebSocket(this.url);
    this.ws.on('message', (data) => {
      const text = data.toString();
      let f;
      try { f = JSON.parse(text); } catch { this.frames.push({ unparsable: text }); return; }
      this.frames.push(f);
      if (f.topic === 'aws/subscribe' && f.content && f.content.status === 'success') this.subscribed = true;
      if (f.topic === 'aws/chat') this.items.push(JSON.parse(f.content));
    });
    this.ws.on('close', (code) => { this.closed = { code }; });
    await new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('websocket did not open')), timeoutMs);
      this.ws.once('open', () => { clearTimeout(t); resolve(); });
      this.ws.once('error', (e) => { clearTimeout(t); reject(e); });   // e.g. "Unexpected server response: 403"
    });
    if (subscribe) {
      this.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
      await waitFor(() => this.subscribed, { timeoutMs, what: 'aws/subscribe ack' });
    }
    return this;
  }
  send(frame) { this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)); }
  waitItem(pred, what = 'item', timeoutMs = 5000) {
    return waitFor(() => this.items.find(pred), { timeoutMs, what: `${what} on the websocket` });
  }
  close() { if (this.ws && this.ws.readyState <= 1) this.ws.close(1000); }
}

// A participant (agent or customer) driven through @aws-sdk/client-connectparticipant + RawSocket.
class SdkParticipant {
  constructor(url, participantToken, { connectParticipant = false } = {}) {
    this.url = url;
    this.participantToken = participantToken;
    this.connectParticipant = connectParticipant;
    this.client = participantClient(url);
  }
  async connect({ socket = true } = {}) {
    const input = { ParticipantToken: this.participantToken, Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] };
    if (this.connectParticipant) input.ConnectParticipant = true;
    this.connection = await this.client.send(new CreateParticipantConnectionCommand(input));
    this.connectionToken = this.connection.ConnectionCredentials.ConnectionToken;
    if (socket) this.socket = await new RawSocket(this.connection.Websocket.Url).open();
    return this;
  }
  get items() { return this.socket ? this.socket.items : []; }
  waitItem(pred, what, timeoutMs) { return this.socket.waitItem(pred, what, timeoutMs); }
  send(text, contentType = 'text/plain') {
    return this.client.send(new SendMessageCommand({ ConnectionToken: this.connectionToken, ContentType: contentType, Content: text }));
  }
  event(contentType, content) {
    const input = { ConnectionToken: this.connectionToken, ContentType: contentType };
    if (content !== undefined) input.Content = typeof content === 'string' ? content : JSON.stringify(content);
    return this.client.send(new SendEventCommand(input));
  }
  typing() { return this.event(TYPES.typing); }
  receipt(kind, messageId) { return this.event(kind === 'read' ? TYPES.read : TYPES.delivered, { messageId }); }
  disconnect() { return this.client.send(new DisconnectParticipantCommand({ ConnectionToken: this.connectionToken })); }
  close() {
    if (this.socket) this.socket.close();
    this.client.destroy();
  }
}

// Accepts a queued contact as agent `agentName` and connects the agent (ConnectParticipant: true).
async function acceptAsAgent(url, { instance = QUIET.instance, contactId, agentName = 'Sam' }) {
  await waitQueued(url, instance, contactId);
  const accepted = await agentAccept(url, { instance, contactId, agentName });
  const agent = new SdkParticipant(url, accepted.participantToken, { connectParticipant: true });
  agent.participantId = accepted.participantId;
  await agent.connect();
  return agent;
}

module.exports = {
  REGION, DUMMY_CREDENTIALS, QUIET, BOT, TYPES, ALL_MESSAGE_TYPES, OPERATIONS,
  binaryPath, sleep, waitFor, startConnectLocal, jsonRequest,
  startChat, startChatSdk, startChatRequest, connectClient,
  expectOk, agentQueues, waitQueued, agentAccept, agentTransfer, acceptAsAgent,
  setFaults, resetFaults, closeSockets,
  participantClient, RawSocket, SdkParticipant,
};
