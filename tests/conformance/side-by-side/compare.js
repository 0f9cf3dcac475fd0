// Compares the chatjs and core recordings of the side-by-side scenario (reference §11.3) and prints a
// readable report: request bodies and headers per operation, call order per step (CPC -> WS ->
// subscribe -> ping+heartbeat), timers (§6.3), and the reactions to the fault knobs.
//
//   node compare.js [--dir DIR] [--expected FILE] [--report FILE]
//
// DIR holds chatjs.record.jsonl / chatjs.events.json / core.record.jsonl / core.events.json (written by
// chatjs-scenario.js and core-scenario.js). Every difference gets a stable id; the ids listed in
// expected-differences.json (each with its reason) are explained, anything else is UNEXPLAINED and
// makes the exit code 1. Normalised before comparing: ids, tokens (only their role is kept:
// ParticipantToken / ConnectionToken#n), ClientToken values (UUIDs become <uuid>; other literals stay),
// times (relative to the step marks), user agent, SigV4 and transport headers.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { load, CustomerView } = require('./record');

const OPS = {
  '/participant/connection': 'CreateParticipantConnection',
  '/participant/message': 'SendMessage',
  '/participant/event': 'SendEvent',
  '/participant/transcript': 'GetTranscript',
  '/participant/disconnect': 'DisconnectParticipant',
  '/participant/start-attachment-upload': 'StartAttachmentUpload',
  '/participant/complete-attachment-upload': 'CompleteAttachmentUpload',
  '/participant/attachment': 'GetAttachment',
};
// Headers that say nothing about the protocol: transport, the fetch implementation, SigV4 (which the
// service ignores, §3.1) and the user agent. Listed in the report, never compared.
const IGNORED_HEADERS = new Set(['host', 'content-length', 'connection', 'accept', 'accept-encoding', 'accept-language',
  'sec-fetch-mode', 'user-agent', 'x-amz-user-agent', 'authorization', 'x-amz-date', 'x-amz-content-sha256',
  'amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-bearer']);
const IGNORED_WS_HEADERS = new Set(['host', 'connection', 'upgrade', 'sec-websocket-key', 'sec-websocket-version',
  'sec-websocket-extensions', 'user-agent', 'origin', 'cache-control', 'pragma']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLIENTS = ['chatjs', 'core'];
// Scenario steps, by the marks scenario.js records (GET /__mark/<step>). PHASES start a step; the other
// marks only time things inside one ('heartbeat-dropping', 'heartbeat-restored') or close the run ('done').
const MARKS = ['connect', 'agent-accept', 'send-hello', 'send-bold', 'agent-reply', 'typing-1', 'typing-2', 'read',
  'transcript', 'close-sockets', 'heartbeat-loss', 'heartbeat-dropping', 'heartbeat-restored', 'send-retry', 'disconnect', 'done'];
const PHASES = MARKS.filter((m) => !['heartbeat-dropping', 'heartbeat-restored', 'done'].includes(m));

function parseArgs(argv) {
  const out = {
    dir: path.resolve(__dirname, '../../../build/side-by-side'),
    expected: path.join(__dirname, 'expected-differences.json'),
    report: null,
  };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dir') out.dir = path.resolve(argv[++i]);
    else if (a === '--expected') out.expected = path.resolve(argv[++i]);
    else if (a === '--report') out.report = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

const stable = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x)
  ? Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]])) : x));
const median = (a) => { if (!a.length) return null; const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const short = (ct) => (ct || '').replace('application/vnd.amazonaws.connect.event.', '');

// ---------------------------------------------------------------------------------------------------
// One client's run, analysed
// ---------------------------------------------------------------------------------------------------
class Run {
  constructor(label, dir) {
    this.label = label;
    this.view = new CustomerView(load(path.join(dir, `${label}.record.jsonl`)));
    const eventsFile = path.join(dir, `${label}.events.json`);
    this.client = fs.existsSync(eventsFile) ? JSON.parse(fs.readFileSync(eventsFile, 'utf8')) : { steps: [], events: [] };
    const v = this.view;
    this.t0 = v.t0;
    this.marks = v.marks.map((m) => ({ step: m.step, t: m.t - v.t0 }));
    // Message ids worth naming: the agent's messages as the customer's sockets received them.
    this.agentMessages = new Set();
    for (const s of v.sockets.values()) {
      for (const l of s.lines) {
        const item = this.chatItem(l);
        if (item && item.Type === 'MESSAGE' && item.ParticipantRole === 'AGENT') this.agentMessages.add(item.Id);
      }
    }
    this.requests = v.requests().map((l) => this.normaliseRequest(l));
    this.classifyConnections();
  }

  chatItem(l) {
    if (l.kind !== 'ws-out' || !l.frame || l.frame.topic !== 'aws/chat') return null;
    try { return JSON.parse(l.frame.content); } catch { return null; }
  }
  rel(t) { return t - this.t0; }

  phaseOf(t) {
    let phase = 'before-connect';
    for (const m of this.marks) if (m.t <= this.rel(t) && PHASES.includes(m.step)) phase = m.step;
    return phase;
  }
  markT(step) { const m = this.marks.find((x) => x.step === step); return m ? m.t : null; }

  normaliseRequest(l) {
    const op = OPS[l.path] || `${l.method} ${l.path}`;
    const body = l.body && typeof l.body === 'object' ? JSON.parse(JSON.stringify(l.body)) : l.body;
    let variant = '';
    if (body && typeof body === 'object') {
      if (typeof body.ClientToken === 'string' && UUID.test(body.ClientToken)) body.ClientToken = '<uuid>';
      if (typeof body.NextToken === 'string') body.NextToken = '<next-token>';
      if (op === 'SendEvent' || op === 'SendMessage') variant = short(body.ContentType);
      if (op === 'SendEvent' && typeof body.Content === 'string') {
        try {
          const c = JSON.parse(body.Content);
          if (c && typeof c.messageId === 'string') c.messageId = this.agentMessages.has(c.messageId) ? '<agent message id>' : '<message id>';
          body.Content = `json:${stable(c)}`;
        } catch { /* not JSON: compared as is */ }
      }
    }
    const headers = {};
    const ignored = {};
    for (const [k, val] of Object.entries(l.headers || {})) {
      if (IGNORED_HEADERS.has(k)) ignored[k] = val; else headers[k] = val;
    }
    // The record re-serialises JSON (sorted keys), so serialisation is compared through the length.
    const length = (l.headers || {})['content-length'];
    return {
      line: l, t: this.rel(l.t), op, variant, key: variant ? `${op}/${variant}` : op, body,
      bodyKey: `${stable(body)}${length ? `  (${length} bytes)` : ''}`,
      headers, ignored, hasBearer: 'x-amz-bearer' in (l.headers || {}), bearer: this.view.bearerName(l.bearer),
      status: l.status, errorType: l.errorType, phase: this.phaseOf(l.t),
    };
  }

  // CreateParticipantConnection calls by purpose: connect (the first), reconnect (its socket replaced a
  // closed one), swap (its socket opened while another was open) or refresh (its URL was never used).
  classifyConnections() {
    const sockets = [...this.view.sockets.values()];
    this.cpcs = this.requests.filter((r) => r.op === 'CreateParticipantConnection');
    for (const r of this.cpcs) {
      const s = sockets.find((x) => x.cpc === r.line);
      r.socket = s ? s.name : null;
      if (!s) { r.purpose = r === this.cpcs[0] ? 'connect' : 'refresh'; continue; }
      const openBefore = sockets.filter((o) => o !== s && o.open.t <= s.open.t &&
        !o.lines.some((l) => l.kind === 'ws-close' && l.seq < r.line.seq));
      r.purpose = r === this.cpcs[0] ? 'connect' : openBefore.length ? 'swap' : 'reconnect';
    }
    for (const r of this.requests) if (r.op === 'CreateParticipantConnection') r.key = `CreateParticipantConnection(${r.purpose})`;
  }

  // Connection-level sequence of one step: CPC -> WS-OPEN -> subscribe -> ping+heartbeat -> acks -> close.
  // Periodic heartbeat pairs after the first one of a socket are left out (they depend on the clock's
  // phase; the timers section checks them), and so are token refreshes (timer-driven, ditto).
  connectionSequence(phase) {
    const out = [];
    const firstPair = new Map();   // socket -> number of ping/heartbeat frames seen
    for (const l of this.view.timeline()) {
      const rel = this.rel(l.t);
      const p = this.phaseOf(l.t);
      if (l.kind === 'http') {
        const r = this.requests.find((x) => x.line === l);
        if (r.op !== 'CreateParticipantConnection' || r.purpose === 'refresh' || p !== phase) continue;
        out.push({ t: rel, seq: l.seq, what: `CreateParticipantConnection (${r.purpose}, ${r.bearer}) -> ${r.status}` });
        continue;
      }
      const s = this.view.socketName(l.socket);
      const f = l.frame || {};
      if (l.kind === 'ws-in') {
        if (f.topic === 'aws/ping' || f.topic === 'aws/heartbeat') {
          const n = (firstPair.get(s) || 0) + 1;
          firstPair.set(s, n);
          if (n > 2) continue;
        }
      }
      if (p !== phase) continue;
      if (l.kind === 'ws-open') out.push({ t: rel, seq: l.seq, what: `${s} open (${l.status})` });
      else if (l.kind === 'ws-close') out.push({ t: rel, seq: l.seq, what: `${s} closed by ${l.by}, code ${l.code}` });
      else if (l.kind === 'ws-in') out.push({ t: rel, seq: l.seq, what: `${s} -> ${f.topic || JSON.stringify(f)}` });
      else if (l.kind === 'ws-out' && f.topic === 'aws/subscribe') out.push({ t: rel, seq: l.seq, what: `${s} <- subscribe ack (${f.content && f.content.status})` });
    }
    return out;
  }

  // Participant-service calls of one step other than CreateParticipantConnection.
  restCalls(phase) {
    return this.requests.filter((r) => r.phase === phase && r.op !== 'CreateParticipantConnection')
      .map((r) => ({ t: r.t, seq: r.line.seq, key: r.key, what: `${r.key} [${r.bearer}] -> ${r.status}${r.errorType ? ` ${r.errorType}` : ''}` }));
  }

  socketsList() { return [...this.view.sockets.values()]; }
  pings(s) { return s.lines.filter((l) => l.kind === 'ws-in' && l.frame && l.frame.topic === 'aws/ping'); }

  timers() {
    const t = {};
    const sockets = this.socketsList();
    // Heartbeat period: between consecutive pings of one socket.
    const gaps = [];
    const pairGaps = [];
    let pairOrder = 'ping then heartbeat';
    for (const s of sockets) {
      const frames = s.lines.filter((l) => l.kind === 'ws-in' && l.frame && (l.frame.topic === 'aws/ping' || l.frame.topic === 'aws/heartbeat'));
      const pings = frames.filter((l) => l.frame.topic === 'aws/ping');
      for (let i = 1; i < pings.length; i++) gaps.push(pings[i].t - pings[i - 1].t);
      for (let i = 0; i + 1 < frames.length; i += 2) {
        if (frames[i].frame.topic !== 'aws/ping' || frames[i + 1].frame.topic !== 'aws/heartbeat') pairOrder = 'NOT always ping then heartbeat';
        else pairGaps.push(frames[i + 1].t - frames[i].t);
      }
    }
    t['heartbeat period (ms)'] = median(gaps);
    t['ping -> heartbeat within a pair (ms, max)'] = pairGaps.length ? Math.max(...pairGaps) : null;
    t['heartbeat pair order'] = pairOrder;
    const afterOpen = (topic) => Math.max(...sockets.map((s) => {
      const f = s.lines.find((l) => l.kind === 'ws-in' && l.frame && l.frame.topic === topic);
      return f ? f.t - s.open.t : Infinity;
    }));
    t['first aws/subscribe after open (ms, worst socket)'] = afterOpen('aws/subscribe');
    t['first aws/ping after open (ms, worst socket)'] = afterOpen('aws/ping');
    // Token refresh: the refresh CPC after the first one (its token lived 66 s: due at ~6 s).
    const refresh = this.cpcs.find((r) => r.purpose === 'refresh');
    t['token refresh after the first CPC (ms)'] = refresh ? refresh.t - this.cpcs[0].t : null;
    t['token refreshes (count)'] = this.cpcs.filter((r) => r.purpose === 'refresh').length;
    // Reconnect after the server closed the socket.
    const serverClose = sockets.flatMap((s) => s.lines).find((l) => l.kind === 'ws-close' && l.by === 'server');
    const reconnect = this.cpcs.find((r) => r.purpose === 'reconnect');
    t['reconnect CPC after the server close (ms)'] = serverClose && reconnect ? reconnect.line.t - serverClose.t : null;
    // Heartbeat loss: the first unanswered ping after dropHeartbeats -> the swap CPC.
    const lossT = this.markT('heartbeat-loss');
    const swap = this.cpcs.find((r) => r.purpose === 'swap');
    if (lossT !== null && swap) {
      const unanswered = sockets.flatMap((s) => this.pings(s)).map((l) => this.rel(l.t)).filter((x) => x > lossT + 20 && x < swap.t).sort((a, b) => a - b);
      t['swap CPC after the first unanswered ping (ms)'] = unanswered.length ? swap.t - unanswered[0] : null;
      t['unanswered pings before the swap (count)'] = unanswered.length;
      const newSock = sockets.find((s) => s.name === swap.socket);
      const ack = newSock && newSock.lines.find((l) => l.kind === 'ws-out' && l.frame && l.frame.topic === 'aws/subscribe');
      const oldClose = sockets.filter((s) => s !== newSock).flatMap((s) => s.lines)
        .find((l) => l.kind === 'ws-close' && ack && l.t >= ack.t - 5);
      t['old socket closed after the new one is subscribed (ms)'] = ack && oldClose ? oldClose.t - ack.t : null;
    } else {
      t['swap CPC after the first unanswered ping (ms)'] = null;
    }
    t['swaps (count)'] = this.cpcs.filter((r) => r.purpose === 'swap').length;
    // Retries: attempts sharing one ClientToken.
    const byToken = new Map();
    for (const r of this.requests) {
      const ct = r.line.body && r.line.body.ClientToken;
      if (r.op !== 'SendMessage' || !ct) continue;
      if (!byToken.has(ct)) byToken.set(ct, []);
      byToken.get(ct).push(r);
    }
    const retried = [...byToken.values()].find((a) => a.length > 1);
    t['SendMessage retry spacing (ms)'] = retried ? retried.slice(1).map((r, i) => r.t - retried[i].t) : null;
    // Receipts and typing, relative to the steps that asked for them.
    const read = this.requests.find((r) => r.key === 'SendEvent/message.read');
    const readMark = this.markT('read');
    t['read receipt after markRead (ms)'] = read && readMark !== null ? read.t - readMark : null;
    const disc = this.requests.find((r) => r.op === 'DisconnectParticipant');
    const lastClose = sockets.flatMap((s) => s.lines).filter((l) => l.kind === 'ws-close').pop();
    t['socket closed after DisconnectParticipant (ms)'] = disc && lastClose ? this.rel(lastClose.t) - disc.t : null;
    return t;
  }

  // Outcomes of each fault, as seen on the wire.
  faultReactions() {
    const f = {};
    const sockets = this.socketsList();
    const closes = sockets.flatMap((s) => s.lines.filter((l) => l.kind === 'ws-close').map((l) => `${s.name}:${l.by}:${l.code}`));
    f['socket closes (socket:by:code)'] = closes.join(' ');
    const reconnect = this.cpcs.filter((r) => r.purpose === 'reconnect');
    f['close-sockets: reconnect CPCs'] = reconnect.map((r) => `${r.bearer}->${r.status}`).join(' ') || 'none';
    f['close-sockets: new socket subscribed'] = !!this.view.subscribedSocketAfter(this.t0 + (this.markT('close-sockets') || 0));
    const swaps = this.cpcs.filter((r) => r.purpose === 'swap');
    f['heartbeat loss: swap CPCs'] = swaps.map((r) => `${r.bearer}->${r.status}`).join(' ') || 'none';
    const retryMark = this.markT('send-retry');
    const attempts = this.requests.filter((r) => r.op === 'SendMessage' && retryMark !== null && r.t >= retryMark);
    f['2x500: attempt statuses'] = attempts.map((r) => r.status).join(',');
    f['2x500: one ClientToken for all attempts'] = new Set(attempts.map((r) => r.line.body && r.line.body.ClientToken)).size === 1;
    f['2x500: one ConnectionToken for all attempts'] = new Set(attempts.map((r) => r.bearer)).size === 1;
    f['disconnect: statuses'] = this.requests.filter((r) => r.op === 'DisconnectParticipant').map((r) => r.status).join(',');
    const ended = sockets.flatMap((s) => s.lines).find((l) => { const i = this.chatItem(l); return i && /chat\.ended$/.test(i.ContentType || ''); });
    const after = ended ? sockets.flatMap((s) => s.lines).filter((l) => l.kind === 'ws-close' && l.t >= ended.t) : [];
    f['chat.ended: socket then closed by'] = after.map((l) => `${l.by}:${l.code}`).join(' ') || 'nobody';
    f['requests after chat.ended'] = ended ? this.requests.filter((r) => r.line.t > ended.t).map((r) => r.key).join(' ') || 'none' : 'n/a';
    return f;
  }

  clientReactions() {
    const ev = this.client.events || [];
    const count = (name) => ev.filter((e) => e.ev === name).length;
    const me = this.view.participantId;
    return {
      'scenario steps': (this.client.steps || []).map((s) => `${s.name}:${s.ok ? 'ok' : 'FAILED'}`).join(' '),
      'connection lost (count)': count('lost'),
      'heartbeat failure reported (count)': count('heartbeat-failure'),
      'ended (count)': count('ended'),
      'send failures reported (count)': count('send-failed'),
      'own typing echo passed to the app': ev.some((e) => e.ev === 'typing' && e.participantId === me),
      'items before the first send shown (greeting etc.)': ev.filter((e) => e.ev === 'item' && e.role === 'SYSTEM').length > 0,
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------------
function compare(runs, expected) {
  const findings = [];   // {id, section, detail}
  const lines = [];
  const say = (s = '') => lines.push(s);
  const add = (id, section, detail) => findings.push({ id, section, detail });
  const [a, b] = runs;
  const cell = (v) => (v === null || v === undefined ? '-' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
  const table = (rows) => {
    const w0 = Math.max(...rows.map((r) => r[0].length), 10);
    const w1 = Math.max(...rows.map((r) => r[1].length), 8);
    for (const r of rows) say(`  ${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2]}${r[3] ? `   ${r[3]}` : ''}`);
  };

  // --- 0. the scenario itself ---------------------------------------------------------------------
  for (const r of runs) {
    for (const s of r.client.steps || []) if (!s.ok) add(`step:${s.name}`, 'scenario', `${r.label}: step ${s.name} failed: ${s.error}`);
    if (r.client.failure && !(r.client.steps || []).some((s) => !s.ok)) add('step:run', 'scenario', `${r.label}: ${r.client.failure}`);
  }
  for (const r of runs) {
    const missing = MARKS.filter((m) => r.markT(m) === null);
    if (missing.length) add('step:marks', 'scenario', `${r.label}: steps never reached: ${missing.join(', ')}`);
  }

  // --- 1. request bodies per operation --------------------------------------------------------------
  say('== 1. Request bodies per operation (ClientToken UUIDs -> <uuid>, message ids named) ==');
  const keys = [...new Set(runs.flatMap((r) => r.requests.map((q) => q.key.replace(/\(.*\)$/, ''))))].sort();
  for (const key of keys) {
    const bodies = runs.map((r) => [...new Set(r.requests.filter((q) => q.key.replace(/\(.*\)$/, '') === key).map((q) => q.bodyKey))].sort());
    const same = stable(bodies[0]) === stable(bodies[1]);
    say(`  ${key}: ${same ? 'same' : 'DIFFERENT'}`);
    for (let i = 0; i < 2; i++) for (const body of bodies[i]) say(`      ${runs[i].label.padEnd(6)} ${body}`);
    if (!bodies[0].length || !bodies[1].length) add(`calls:${key}`, 'bodies', `${key} sent only by ${bodies[0].length ? a.label : b.label}`);
    else if (!same) add(`body:${key}`, 'bodies', `${a.label}: ${bodies[0].join(' | ')}  /  ${b.label}: ${bodies[1].join(' | ')}`);
  }
  say();

  // --- 2. headers -----------------------------------------------------------------------------------
  say('== 2. Request headers per operation (compared: all but transport, SigV4 and user agent) ==');
  const ops = [...new Set(runs.flatMap((r) => r.requests.map((q) => q.op)))].sort();
  for (const op of ops) {
    const hs = runs.map((r) => [...new Set(r.requests.filter((q) => q.op === op).map((q) => stable(q.headers)))].sort());
    const same = stable(hs[0]) === stable(hs[1]);
    say(`  ${op}: ${same ? 'same' : 'DIFFERENT'}  ${a.label} ${hs[0].join(' | ') || '-'}  ${b.label} ${hs[1].join(' | ') || '-'}`);
    if (hs[0].length && hs[1].length && !same) add(`headers:${op}`, 'headers', `${a.label} ${hs[0].join(' | ')} / ${b.label} ${hs[1].join(' | ')}`);
    const noBearer = runs.filter((r) => r.requests.some((q) => q.op === op && !q.hasBearer));
    for (const r of noBearer) add(`headers:${op}:x-amz-bearer`, 'headers', `${r.label} sent ${op} without x-amz-bearer`);
  }
  for (const r of runs) {
    const names = [...new Set(r.requests.flatMap((q) => Object.keys(q.ignored)))].sort();
    const ua = r.requests.map((q) => q.ignored['x-amz-user-agent']).find(Boolean);
    say(`  not compared, ${r.label}: ${names.join(', ')}${ua ? `; x-amz-user-agent "${ua}"` : ''}`);
  }
  for (const r of runs) {
    const conns = new Set(r.requests.map((q) => q.line.conn)).size;
    say(`  not compared, ${r.label}: ${r.requests.length} participant-service requests over ${conns} HTTP connection(s); JSON key order (the record re-serialises bodies; sizes are compared in section 1)`);
  }
  const wsHeaders = runs.map((r) => [...new Set(r.socketsList().map((s) => stable(Object.fromEntries(Object.entries(s.open.headers || {})
    .filter(([k]) => !IGNORED_WS_HEADERS.has(k))))))]);
  say(`  websocket upgrade (compared: all but transport): ${a.label} ${wsHeaders[0].join(' | ')}  ${b.label} ${wsHeaders[1].join(' | ')}`);
  if (stable(wsHeaders[0]) !== stable(wsHeaders[1])) add('headers:websocket-upgrade', 'headers', `${wsHeaders[0]} / ${wsHeaders[1]}`);
  for (const r of runs) {
    const ext = [...new Set(r.socketsList().map((s) => (s.open.headers || {})['sec-websocket-extensions'] || '(none)'))];
    say(`  not compared, ${r.label} websocket: sec-websocket-extensions ${ext.join(' | ')}; user-agent ${[...new Set(r.socketsList().map((s) => (s.open.headers || {})['user-agent'] || '(none)'))].join(' | ')}`);
  }
  say();

  // --- 3. call order per step ------------------------------------------------------------------------
  say('== 3. Call order per scenario step (ms since the step mark; periodic heartbeats and token refreshes in section 4) ==');
  for (const phase of PHASES) {
    const m = runs.map((r) => r.markT(phase));
    const conn = runs.map((r, i) => r.connectionSequence(phase).map((e) => ({ ...e, t: e.t - (m[i] || 0) })));
    const rest = runs.map((r, i) => r.restCalls(phase).map((e) => ({ ...e, t: e.t - (m[i] || 0) })));
    const merged = runs.map((r, i) => [...conn[i], ...rest[i]].sort((x, y) => x.seq - y.seq));
    say(`  -- ${phase}`);
    const n = Math.max(merged[0].length, merged[1].length);
    for (let k = 0; k < n; k++) {
      const x = merged[0][k];
      const y = merged[1][k];
      const left = x ? `${String(x.t).padStart(6)} ${x.what}` : '';
      const right = y ? `${String(y.t).padStart(6)} ${y.what}` : '';
      say(`    ${left.padEnd(74)} | ${right}`);
    }
    // Connection-level order must match exactly.
    const cs = conn.map((c) => c.map((e) => e.what));
    if (stable(cs[0]) !== stable(cs[1])) add(`order:${phase}`, 'order', `${a.label}: ${cs[0].join(' ; ')}  /  ${b.label}: ${cs[1].join(' ; ')}`);
    // REST calls: the same calls per step (counts), then the same relative order of the common ones.
    const counts = rest.map((r) => r.reduce((acc, e) => ({ ...acc, [e.key]: (acc[e.key] || 0) + 1 }), {}));
    for (const key of [...new Set([...Object.keys(counts[0]), ...Object.keys(counts[1])])].sort()) {
      if ((counts[0][key] || 0) !== (counts[1][key] || 0)) {
        add(`calls:${phase}:${key}`, 'order', `${key} in step ${phase}: ${a.label} ${counts[0][key] || 0}, ${b.label} ${counts[1][key] || 0}`);
      }
    }
    const common = rest.map((r, i) => r.filter((e) => counts[1 - i][e.key]).map((e) => e.what));
    if (stable(common[0]) !== stable(common[1])) add(`order-rest:${phase}`, 'order', `${a.label}: ${common[0].join(' ; ')}  /  ${b.label}: ${common[1].join(' ; ')}`);
  }
  say();

  // --- 4. timers ---------------------------------------------------------------------------------------
  say('== 4. Timers (§6.3) ==');
  const timers = runs.map((r) => r.timers());
  // name -> tolerance: ms (|chatjs - core| at most that), 'exact', 'range:<max>' (every value of both
  // lists in 0..max), or 'immediate:<max>' (both at most max ms). 'immediate' is for reactions the
  // protocol makes at once, with no timer of their own, where the next thing either client would do is
  // a timer of at least max (reference §6.3). On a loaded machine the time to react is the machine's,
  // not the client's (chatjs's reconnect CPC was once 417 ms after the close, over a 300 ms
  // difference tolerance), so the two are not compared with each other. A client that waited for a
  // backoff first (the reconnect retry provider's 2 s·2ⁿ; the core's 2 s ±30 %, ≥ 1.4 s) fails.
  const TOLERANCE = {
    'heartbeat period (ms)': 250, 'ping -> heartbeat within a pair (ms, max)': 100, 'heartbeat pair order': 'exact',
    'first aws/subscribe after open (ms, worst socket)': 200, 'first aws/ping after open (ms, worst socket)': 200,
    'token refresh after the first CPC (ms)': 400, 'token refreshes (count)': 'exact', 'reconnect CPC after the server close (ms)': 'immediate:1000',
    'swap CPC after the first unanswered ping (ms)': 400, 'unanswered pings before the swap (count)': 'exact',
    'old socket closed after the new one is subscribed (ms)': 300, 'swaps (count)': 'exact',
    'SendMessage retry spacing (ms)': 'range:1000', 'read receipt after markRead (ms)': 500,
    'socket closed after DisconnectParticipant (ms)': 300,
  };
  const rows = [['timer', a.label, b.label, 'verdict']];
  for (const name of Object.keys(timers[0])) {
    const x = timers[0][name];
    const y = timers[1][name];
    const tol = TOLERANCE[name] === undefined ? 'exact' : TOLERANCE[name];
    let ok;
    if (tol === 'exact') ok = stable(x) === stable(y);
    else if (typeof tol === 'string' && tol.startsWith('immediate:')) {
      const max = Number(tol.slice(10));
      ok = [x, y].every((v) => typeof v === 'number' && v >= 0 && v <= max);
    }
    else if (typeof tol === 'string' && tol.startsWith('range:')) {
      const max = Number(tol.slice(6));
      ok = Array.isArray(x) && Array.isArray(y) && x.length === y.length && [...x, ...y].every((v) => v >= 0 && v <= max);
    } else ok = typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) <= tol;
    if (x === null && y === null) ok = true;
    rows.push([name, cell(x), cell(y), ok ? 'same' : 'DIFFERENT']);
    if (!ok) add(`timer:${name.replace(/ \(.*\)$/, '').replace(/\s+/g, '-')}`, 'timers', `${name}: ${a.label} ${cell(x)}, ${b.label} ${cell(y)} (tolerance ${tol})`);
  }
  for (const r of rows) say(`  ${r[0].padEnd(56)} ${r[1].padEnd(20)} ${r[2].padEnd(20)} ${r[3]}`);
  say();

  // --- 5. reactions to the fault knobs (wire) ------------------------------------------------------------
  say('== 5. Reactions to the fault knobs (§10), on the wire ==');
  const faults = runs.map((r) => r.faultReactions());
  const frows = [];
  for (const name of Object.keys(faults[0])) {
    const ok = stable(faults[0][name]) === stable(faults[1][name]);
    frows.push([name, cell(faults[0][name]), cell(faults[1][name]), ok ? 'same' : 'DIFFERENT']);
    if (!ok) add(`fault:${name.replace(/[^A-Za-z0-9.]+/g, '-').replace(/-$/, '')}`, 'faults', `${name}: ${a.label} ${cell(faults[0][name])}, ${b.label} ${cell(faults[1][name])}`);
  }
  for (const r of frows) {
    if (r[1].length + r[2].length < 60) say(`  ${r[0].padEnd(44)} ${r[1].padEnd(30)} ${r[2].padEnd(30)} ${r[3]}`);
    else say(`  ${r[0].padEnd(44)} ${r[3]}\n      ${a.label.padEnd(6)} ${r[1]}\n      ${b.label.padEnd(6)} ${r[2]}`);
  }
  say();

  // --- 6. what the application saw ---------------------------------------------------------------------
  say('== 6. What the application was told (callbacks / session events) ==');
  const client = runs.map((r) => r.clientReactions());
  for (const name of Object.keys(client[0])) {
    const ok = stable(client[0][name]) === stable(client[1][name]);
    const x = cell(client[0][name]);
    const y = cell(client[1][name]);
    if (x.length + y.length < 48) say(`  ${name.padEnd(52)} ${x.padEnd(24)} ${y.padEnd(24)} ${ok ? 'same' : 'DIFFERENT'}`);
    else say(`  ${name.padEnd(52)} ${ok ? 'same' : 'DIFFERENT'}\n      ${a.label.padEnd(6)} ${x}\n      ${b.label.padEnd(6)} ${y}`);
    if (!ok && name !== 'scenario steps') add(`client:${name.replace(/ \(.*\)$/, '').replace(/[^A-Za-z0-9]+/g, '-')}`, 'client', `${name}: ${a.label} ${cell(client[0][name])}, ${b.label} ${cell(client[1][name])}`);
  }
  say();

  // --- verdict -------------------------------------------------------------------------------------------
  const explained = new Map((expected.differences || []).map((d) => [d.id, d]));
  const match = (id) => {
    if (explained.has(id)) return explained.get(id);
    for (const [pattern, d] of explained) {
      if (pattern.includes('*') && new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(id)) return d;
    }
    return null;
  };
  say('== Differences ==');
  let unexplained = 0;
  const seen = new Set();
  for (const f of findings) {
    const d = match(f.id);
    if (d) seen.add(d.id);
    else unexplained++;
    say(`  ${d ? `explained (${d.class || 'deliberate'})` : 'UNEXPLAINED'}  ${f.id}`);
    say(`      ${f.detail}`);
    if (d) say(`      reason: ${d.reason}`);
  }
  if (!findings.length) say('  none');
  const unused = (expected.differences || []).filter((d) => !seen.has(d.id));
  if (unused.length) {
    say('  listed in expected-differences.json but not seen in this run (fine if the run took another path):');
    for (const d of unused) say(`    ${d.id}`);
  }
  say();
  say(`side-by-side: ${findings.length} difference(s), ${findings.length - unexplained} explained, ${unexplained} unexplained`);
  return { text: lines.join('\n'), findings, unexplained };
}

function main() {
  const args = parseArgs(process.argv);
  const runs = CLIENTS.map((label) => new Run(label, args.dir));
  const expected = fs.existsSync(args.expected) ? JSON.parse(fs.readFileSync(args.expected, 'utf8')) : { differences: [] };
  const head = [
    'Side by side: amazon-connect-chatjs 5.0.0 vs the finchat core (native transports), one scenario each',
    `against a fresh connect-local --record (reference §11.3). Records: ${args.dir}`,
    `Contacts: chatjs ${runs[0].view.contactId}, core ${runs[1].view.contactId}. Times in ms; t=0 at the customer's first CreateParticipantConnection.`,
    '',
  ].join('\n');
  const result = compare(runs, expected);
  const text = `${head}${result.text}\n`;
  process.stdout.write(text);
  if (args.report) {
    fs.mkdirSync(path.dirname(args.report), { recursive: true });
    fs.writeFileSync(args.report, text);
  }
  process.exit(result.unexplained ? 1 : 0);
}

if (require.main === module) main();
module.exports = { Run, compare };
