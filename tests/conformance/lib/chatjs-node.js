// amazon-connect-chatjs@5.0.0 in Node (protocol reference §11.1), instrumented for the conformance tests.
//
// Loading this module is process-wide: it installs the browser shims chatjs needs (self, window,
// navigator, WebSocket = ws), wraps globalThis.fetch and the WebSocket class with recorders, and loads
// the unmodified UMD bundle, which defines globalThis.connect. chatjs itself is not patched: the
// recorders only observe what it sends and receives, so tests can assert on the wire traffic (retries,
// ClientTokens, token refreshes, heartbeats) that chatjs' callbacks do not expose.
//
// `node --test` runs every test file in its own process, so each file gets a fresh chatjs.
'use strict';
const WS = require('ws');
const { REGION, waitFor } = require('./connect-local');

// --- recorders --------------------------------------------------------------------------------------
const http = [];      // {t, method, path, bearer, body, status, errorType, response}; status is set once answered
const sockets = [];   // {index, url, createdAt, closedAt, closeCode, frames: [{t, dir, frame}]}

const realFetch = globalThis.fetch;
async function recordingFetch(input, init) {
  const req = new Request(input, init);
  const url = new URL(req.url);
  const entry = { t: Date.now(), method: req.method, url: req.url, path: url.pathname, bearer: req.headers.get('x-amz-bearer') };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    try {
      const text = await req.clone().text();
      entry.rawBody = text;
      try { entry.body = JSON.parse(text); } catch { entry.body = text; }
    } catch { /* streaming body: not recorded */ }
  }
  http.push(entry);
  const res = await realFetch(req);
  entry.status = res.status;
  entry.errorType = res.headers.get('x-amzn-errortype') || undefined;
  if (url.pathname.startsWith('/participant/')) {
    try { entry.response = JSON.parse(await res.clone().text()); } catch { /* not JSON */ }
  }
  return res;
}
globalThis.fetch = recordingFetch;

class RecordingWebSocket extends WS {
  constructor(url, ...rest) {
    super(url, ...rest);
    const rec = { index: sockets.length, url: String(url), createdAt: Date.now(), closedAt: null, closeCode: null, frames: [], socket: this };
    sockets.push(rec);
    this.__rec = rec;
    this.on('message', (data) => {
      const text = data.toString();
      let frame;
      try { frame = JSON.parse(text); } catch { frame = text; }
      rec.frames.push({ t: Date.now(), dir: 'in', frame });
    });
    this.on('close', (code) => { rec.closedAt = Date.now(); rec.closeCode = code; });
  }
  send(data, ...rest) {
    let frame;
    try { frame = JSON.parse(String(data)); } catch { frame = String(data); }
    this.__rec.frames.push({ t: Date.now(), dir: 'out', frame });
    return super.send(data, ...rest);
  }
}

// --- browser shims (§11.1) ----------------------------------------------------------------------------
globalThis.self = globalThis;
globalThis.window = globalThis;
if (!globalThis.navigator) globalThis.navigator = { userAgent: 'node', onLine: true };
globalThis.WebSocket = RecordingWebSocket;
require('amazon-connect-chatjs');
const connect = globalThis.connect;

const DEBUG = !!process.env.CHATJS_DEBUG;

// setGlobalConfig must run before the first ChatSession.create(): the SDK client is cached per region.
function configure(endpoint, { receiptThrottleMs = 500 } = {}) {
  connect.ChatSession.setGlobalConfig({
    region: REGION,
    endpoint,
    webSocketManagerConfig: { isNetworkOnline: () => true },
    loggerConfig: DEBUG ? { level: connect.ChatSession.LogLevel.DEBUG, useDefaultLogger: true } : { useDefaultLogger: false },
    features: { messageReceipts: { shouldSendMessageReceipts: true, throttleTime: receiptThrottleMs } },
  });
}

const CALLBACKS = ['onMessage', 'onTyping', 'onReadReceipt', 'onDeliveredReceipt', 'onConnectionEstablished',
  'onConnectionLost', 'onConnectionBroken', 'onEnded', 'onDeepHeartbeatSuccess', 'onDeepHeartbeatFailure',
  'onParticipantIdle', 'onParticipantReturned', 'onParticipantInvited', 'onAutoDisconnection', 'onChatRehydrated'];

// A customer ChatSession with every callback recorded as {name, data, t}.
class RecordedSession {
  constructor(chat) {
    this.chat = chat;
    this.events = [];
    this.session = connect.ChatSession.create({
      chatDetails: { contactId: chat.contactId, participantId: chat.participantId, participantToken: chat.participantToken },
      options: { region: REGION },
      type: connect.ChatSession.SessionTypes.CUSTOMER,
      disableCSM: true,
    });
    for (const name of CALLBACKS) {
      if (typeof this.session[name] === 'function') {
        this.session[name]((e) => this.events.push({ name, data: e ? e.data : undefined, t: Date.now() }));
      }
    }
    this.firstHttp = http.length;
    this.firstSocket = sockets.length;
  }

  // connect() plus: the websocket opened (onConnectionEstablished #2) and the subscription was acked.
  // chatjs resolves connect() after CreateParticipantConnection only (§4.9), so without the wait a
  // message sent right away would not be echoed.
  async connectLive(timeoutMs = 5000) {
    const result = await this.session.connect();
    await this.waitSubscribed(this.firstSocket, timeoutMs);
    return result;
  }
  async waitSubscribed(fromSocket = this.firstSocket, timeoutMs = 5000) {
    return waitFor(() => sockets.slice(fromSocket).find((s) => s.closedAt === null && s.frames.some((f) =>
      f.dir === 'in' && f.frame && f.frame.topic === 'aws/subscribe' && f.frame.content && f.frame.content.status === 'success')),
    { timeoutMs, what: 'a subscribed websocket (aws/subscribe ack)' });
  }

  eventsNamed(name) { return this.events.filter((e) => e.name === name); }
  waitEvent(name, pred = () => true, timeoutMs = 5000, from = 0) {
    return waitFor(() => this.events.slice(from).find((e) => e.name === name && pred(e.data)),
      { timeoutMs, what: `chatjs ${name}` });
  }
  messages() { return this.eventsNamed('onMessage').map((e) => e.data); }
  waitMessage(pred, timeoutMs = 5000) { return this.waitEvent('onMessage', pred, timeoutMs).then((e) => e.data); }

  // HTTP requests this session made (by path suffix, e.g. 'message', 'connection').
  // CreateParticipantConnection is matched by the ParticipantToken, the others by any ConnectionToken
  // that this session's CreateParticipantConnection calls returned.
  requests(op) {
    const mine = http.slice(this.firstHttp);
    const cpc = mine.filter((r) => r.path === '/participant/connection' && r.bearer === this.chat.participantToken);
    if (op === 'connection') return cpc;
    const tokens = new Set(cpc.map((r) => r.response && r.response.ConnectionCredentials &&
      r.response.ConnectionCredentials.ConnectionToken).filter(Boolean));
    return mine.filter((r) => r.path === `/participant/${op}` && tokens.has(r.bearer));
  }
  sockets() { return sockets.slice(this.firstSocket); }
}

// connect() rejects with {connectSuccess:false, connectCalled:true, _debug:{reason, _debug:<API error>}}
// (observed); the API error inside has the usual {type, message, stack, statusCode} shape (§6.1).
function connectError(e) {
  return (e && e._debug && e._debug._debug) || e;
}

// Local, trimmed error shape for assertion messages.
function describeError(e) {
  if (!e || typeof e !== 'object') return String(e);
  const { type, message, statusCode, name } = e;
  return JSON.stringify({ type, name, message, statusCode });
}

module.exports = { connect, configure, RecordedSession, http, sockets, describeError, connectError };
