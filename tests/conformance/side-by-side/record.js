// Reading a connect-local --record file (JSON lines; format in demo/connect-local/src/server.h) and
// picking out one customer's traffic: its requests (by the aliases of its ParticipantToken and of the
// ConnectionTokens its CreateParticipantConnection calls returned), its websockets (by the alias of
// the websocket URL's connection grant) and the conductor's step marks (GET /__mark/<step>, answered
// 404 by connect-local and recorded like any request).
'use strict';
const fs = require('node:fs');

// Lines in file order; `seq` keeps that order where several share one millisecond.
function load(file) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    try { lines.push({ ...JSON.parse(raw), seq: lines.length }); } catch { /* a torn last line: ignore */ }
  }
  return lines;
}

const grantOf = (url) => {
  const m = /[?&]connection=([^&]+)/.exec(url || '');
  return m ? decodeURIComponent(m[1]) : null;
};

// The first StartChatContact of the run is the customer's.
class CustomerView {
  constructor(lines) {
    this.lines = lines;
    const start = lines.find((l) => l.kind === 'http' && l.method === 'PUT' && l.path === '/contact/chat' && l.status === 200);
    if (!start) throw new Error('no StartChatContact in the record');
    this.contactId = start.response.ContactId;
    this.participantId = start.response.ParticipantId;
    this.pt = start.response.ParticipantToken;
    this.cts = new Map();     // ConnectionToken alias -> {index, cpc line}
    this.grants = new Map();  // websocket grant alias -> cpc line
    this.cpcs = [];
    for (const l of lines) {
      if (l.kind !== 'http' || l.path !== '/participant/connection' || l.bearer !== this.pt) continue;
      this.cpcs.push(l);
      const r = l.response || {};
      if (r.ConnectionCredentials && r.ConnectionCredentials.ConnectionToken && !this.cts.has(r.ConnectionCredentials.ConnectionToken)) {
        this.cts.set(r.ConnectionCredentials.ConnectionToken, { index: this.cts.size + 1, cpc: l });
      }
      const g = r.Websocket && grantOf(r.Websocket.Url);
      if (g) this.grants.set(g, l);
    }
    // Customer websockets, numbered s1, s2, ... in the order they opened.
    this.sockets = new Map();   // socket key -> {name, openLine, cpc, lines: []}
    for (const l of lines) {
      if (l.kind === 'ws-open' && l.status === 101 && this.grants.has(l.bearer)) {
        this.sockets.set(l.socket, { name: `s${this.sockets.size + 1}`, key: l.socket, open: l, cpc: this.grants.get(l.bearer), lines: [] });
      }
    }
    for (const l of lines) {
      if (l.kind && l.kind.startsWith('ws-') && this.sockets.has(l.socket)) this.sockets.get(l.socket).lines.push(l);
    }
    this.marks = lines.filter((l) => l.kind === 'http' && l.method === 'GET' && (l.path || '').startsWith('/__mark/'))
      .map((l) => ({ step: decodeURIComponent(l.path.slice('/__mark/'.length)), t: l.t }));
    const firstCpc = this.cpcs[0];
    this.t0 = firstCpc ? firstCpc.t : 0;
  }

  isCustomerRequest(l) {
    return l.kind === 'http' && (l.path || '').startsWith('/participant/') && (l.bearer === this.pt || this.cts.has(l.bearer));
  }
  requests() { return this.lines.filter((l) => this.isCustomerRequest(l)); }
  // The customer's lines (requests and its websockets' events) in time order.
  timeline() {
    return this.lines.filter((l) => this.isCustomerRequest(l) || (l.kind && l.kind.startsWith('ws-') && this.sockets.has(l.socket)));
  }
  bearerName(alias) {
    if (alias === this.pt) return 'ParticipantToken';
    const ct = this.cts.get(alias);
    return ct ? `ConnectionToken#${ct.index}` : 'other';
  }
  mark(step) { return this.marks.find((m) => m.step === step); }
  socketName(key) { const s = this.sockets.get(key); return s ? s.name : `?${key}`; }
  // Frames the customer sent with `topic` after time t (any of its websockets).
  framesAfter(t, topic) {
    const out = [];
    for (const s of this.sockets.values()) {
      for (const l of s.lines) if (l.kind === 'ws-in' && l.t > t && l.frame && l.frame.topic === topic) out.push(l);
    }
    return out;
  }
  // A websocket of the customer opened after time t whose subscription was acknowledged.
  subscribedSocketAfter(t) {
    for (const s of this.sockets.values()) {
      if (s.open.t < t) continue;
      if (s.lines.some((l) => l.kind === 'ws-out' && l.frame && l.frame.topic === 'aws/subscribe' &&
        l.frame.content && l.frame.content.status === 'success')) return s;
    }
    return null;
  }
}

module.exports = { load, CustomerView, grantOf };
